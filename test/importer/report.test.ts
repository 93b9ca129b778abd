import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openCsv} from '../../source/csv/index.js';
import type {DirectorySnapshot} from '../../source/importer/directory-read.js';
import {defaultImportOptions, userDefaults} from '../../source/importer/options.js';
import {preflight} from '../../source/importer/preflight.js';
import type {RowPlan} from '../../source/importer/row-plan.js';
import {replay} from '../../source/importer/progress.js';
import {rowResults, writeFailed, writeResults} from '../../source/importer/report.js';
import type {Target} from '../../source/mapping/catalog.js';
import {withDerivations} from '../../source/mapping/mapping.js';
import {createUserBuilder} from '../../source/users/build-user.js';
import {tempFolder} from '../support/temp-dir.js';

const at = '2026-11-23T10:00:00.000Z';
const plan = (row: number, action: RowPlan['action'], extra: Partial<RowPlan> = {}): RowPlan => ({
	row,
	line: row + 1,
	username: `user${row}`,
	email: `user${row}@example.com`,
	action,
	groups: [],
	systems: [],
	issues: [],
	...extra,
});

describe('reports', () => {
	const rows = [
		plan(1, 'create', {groups: [{id: 'g', name: 'Engineering'}], finalState: 'ACTIVATED', emailSent: {kind: 'welcome', to: 'user1@example.com'}}),
		plan(2, 'create'),
		plan(3, 'invalid', {issues: [{row: 3, line: 4, column: 'Email', severity: 'error', message: 'x is not an email address'}]}),
		plan(4, 'skip', {existingUserId: 'e'.repeat(24)}),
		plan(5, 'create'),
	];
	const progress = replay([
		{t: 'done', row: 1, step: 'create', at, userId: 'a'.repeat(24)},
		{t: 'done', row: 1, step: 'group:g', at},
		{t: 'done', row: 1, step: 'activate', at},
		{t: 'failed', row: 2, step: 'create', at, error: 'password: too weak'},
		{t: 'skipped', row: 4, at, reason: 'exists', userId: 'e'.repeat(24)},
	]);

	it('tell every row its outcome', () => {
		expect(rowResults(rows, progress).map((result) => [result.row, result.status, result.userId, result.emailSent, result.error])).toEqual([
			[1, 'created', 'a'.repeat(24), 'welcome to user1@example.com', ''],
			[2, 'failed', '', '', 'password: too weak'],
			[3, 'invalid', '', '', 'Email: x is not an email address'],
			[4, 'skipped', 'e'.repeat(24), '', ''],
			[5, 'pending', '', '', ''],
		]);
	});

	it('write results.csv for Excel', () => {
		const file = path.join(tempFolder('jc-report-'), 'results.csv');
		writeResults(file, rowResults(rows, progress));
		const text = readFileSync(file, 'utf8');
		expect(text.startsWith('\uFEFFrow,line,username,email,status,userId,groups,devices,email sent,error\r\n1,2,user1,')).toBe(true);
	});

	it("write failed.csv in the source's encoding, delimiter and columns, with an error column and no passwords", async () => {
		const folder = tempFolder('jc-report-');
		const source = path.join(folder, 'people.csv');
		const lines = ['Benutzer;E-Mail;Passwort;Ort', 'user1;user1@example.com;Geheim-1;Köln', 'user2;user2@example.com;Geheim-2;Düsseldorf', 'user3;x;Geheim-3;Straße 1', 'user4;user4@example.com;;Bonn', 'user5;user5@example.com;;Jülich'];
		writeFileSync(source, Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
		const layout = (await openCsv(source)).layout;
		expect(layout.encoding).toBe('windows-1252');
		const mapping = withDerivations(
			(['username', 'email', 'password', 'work_city'] as Target[]).map((target, index) => ({index, header: layout.headers[index]!, target, confidence: 1, reason: 'exact' as const})),
			[],
		);
		const failed = path.join(folder, 'failed.csv');
		const count = await writeFailed(failed, {file: source, layout}, mapping, rowResults(rows, progress));
		expect(count).toBe(2);
		expect(readFileSync(failed).toString('latin1')).toBe(
			['Benutzer;E-Mail;Passwort;Ort;error', 'user2;user2@example.com;;Düsseldorf;password: too weak', 'user3;x;;Straße 1;Email: x is not an email address', ''].join('\r\n'),
		);
		// Fed back in, it reads as the same layout.
		const again = await openCsv(failed);
		expect(again.layout).toMatchObject({encoding: 'windows-1252', delimiter: ';'});
	});
});

describe('results.csv for rows that were not sent', () => {
	it('keeps the username and email an invalid row had, on one line each, never its password', () => {
		const now = new Date('2026-11-23T10:00:00.000Z');
		const directory: DirectorySnapshot = {organization: {id: '9'.repeat(24), name: 'Test org'}, readAt: now, users: [], groups: [], systems: [], policy: {minLength: 8}};
		const headers = ['Username', 'Email', 'Password'];
		const mapping = withDerivations((['username', 'email', 'password'] as Target[]).map((target, index) => ({index, header: headers[index]!, target, confidence: 1, reason: 'exact' as const})), []);
		const build = createUserBuilder(mapping, {defaults: userDefaults(defaultImportOptions), now});
		const cells = [
			['ada', 'not-an-email', 'Secret-Pass-1'],
			['bad name\r\nsecond line', 'bad@example.com', 'Secret-Pass-2'],
			['grace', 'grace@example.com', 'Secret-Pass-3'],
			['', '', 'Secret-Pass-4'],
		];
		const planned = preflight(cells.map((row, index) => build({row: index + 1, line: index + 2, cells: row})), directory, defaultImportOptions, now, new Set(), new Set());
		const results = rowResults(planned.rows, replay([]));
		expect(results.map((result) => [result.status, result.username, result.email])).toEqual([
			['invalid', 'ada', 'not-an-email'],
			['invalid', 'bad name second line', 'bad@example.com'],
			['pending', 'grace', 'grace@example.com'],
			['invalid', '', ''],
		]);
		const file = path.join(tempFolder('jc-report-'), 'results.csv');
		writeResults(file, results);
		const text = readFileSync(file, 'utf8');
		expect(text).toContain('1,2,ada,not-an-email,invalid,');
		expect(text).not.toContain('Secret-Pass');
	});
});
