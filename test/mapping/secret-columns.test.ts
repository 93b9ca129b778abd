import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openCsv, type CsvRow} from '../../source/csv/index.js';
import type {RowPlan} from '../../source/importer/row-plan.js';
import {replay} from '../../source/importer/progress.js';
import {rowResults, writeFailed} from '../../source/importer/report.js';
import {autoMap} from '../../source/mapping/auto-map.js';
import {isSecretHeader, secretCells, secretColumns} from '../../source/mapping/secret-columns.js';
import {RowCells} from '../../source/ui/row-cells.js';
import {createUserBuilder} from '../../source/users/build-user.js';
import {defaultUserDefaults} from '../../source/users/defaults.js';
import {tempFolder} from '../support/temp-dir.js';

const folder = tempFolder('jc-import-secret-');

const headers = ['Username', 'Email', 'Password never expires', 'Password reset required', 'Password', 'Temporary password'];
const lines = [
	headers.join(','),
	'ada,ada@example.com,yes,TRUE,Xy!23abc-long,Tmp-Secret-1',
	'bob,bob@example.com,no,FALSE,Qq#99zzz-long,Tmp-Secret-2',
	'cy,not-an-email,yes,FALSE,Zz%11aaa-long,Tmp-Secret-3',
];
const samplesOf = (index: number) => lines.slice(1).map((line) => line.split(',')[index]!);
const mapping = autoMap(headers.map((header, index) => ({index, header, samples: samplesOf(index)})));

describe('columns headed password', () => {
	it('a yes/no column is a setting, not a secret; a real password column stays masked', () => {
		// The mapping as matched: the setting feeds a yes/no attribute, the reset column is ignored.
		expect(mapping.columns.map((column) => column.target)).toEqual(['username', 'email', 'password_never_expires', null, 'password', null]);
		expect(secretColumns(mapping, samplesOf)).toEqual(new Set([4, 5]));
		// Without values to judge by, the attribute it feeds decides; an ignored column stays masked.
		expect(secretColumns(mapping)).toEqual(new Set([3, 4, 5]));

		expect(isSecretHeader('Password never expires', ['yes', 'no', ''])).toBe(false);
		expect(isSecretHeader('Password reset required', ['TRUE', 'FALSE'])).toBe(false);
		expect(isSecretHeader('Temporary password', ['Tmp-Secret-1', 'yes'])).toBe(true);
		expect(isSecretHeader('Password', [''])).toBe(true);
		expect(isSecretHeader('Password never expires')).toBe(true);
	});

	it('a column mapped to the password is secret even when its values look like yes/no', () => {
		const yesNoPasswords = autoMap([
			{index: 0, header: 'Username', samples: ['ada']},
			{index: 1, header: 'Email', samples: ['ada@example.com']},
			{index: 2, header: 'Password', samples: ['yes']},
		]);
		expect(yesNoPasswords.columns[2]?.target).toBe('password');
		expect(secretColumns(yesNoPasswords, () => ['yes', 'no'])).toEqual(new Set([2]));
		expect(secretCells(yesNoPasswords)(2, 'yes')).toBe(true);
	});

	it('cell by cell: a setting is kept, a password never', () => {
		const withheld = secretCells(mapping);
		expect(withheld(2, 'yes')).toBe(false);
		expect(withheld(3, 'FALSE')).toBe(false);
		expect(withheld(3, 'Tmp-Secret-9')).toBe(true);
		expect(withheld(4, 'Xy!23abc-long')).toBe(true);
		expect(withheld(5, 'Tmp-Secret-1')).toBe(true);
		expect(withheld(0, 'ada')).toBe(false);
	});

	it('the preview detail shows the settings and hides the passwords', async () => {
		const file = path.join(folder, 'detail.csv');
		writeFileSync(file, `${lines.join('\n')}\n`);
		const csv = await openCsv(file);
		const collected = RowCells.collect(mapping);
		for await (const row of csv.rows()) collected.add(row);
		const cells = collected.done().detail(1, mapping, [], secretColumns(mapping, samplesOf))!;
		expect(cells.map((cell) => [cell.header, cell.value, cell.secret])).toEqual([
			['Username', 'ada', false],
			['Email', 'ada@example.com', false],
			['Password never expires', 'yes', false],
			['Password reset required', 'TRUE', false],
			['Password', '', true],
			['Temporary password', '', true],
		]);
	});

	it('failed.csv keeps the settings and leaves out the passwords', async () => {
		const file = path.join(folder, 'people.csv');
		writeFileSync(file, `${lines.join('\n')}\n`);
		const csv = await openCsv(file);
		const plans: RowPlan[] = [1, 2, 3].map((row) => ({row, line: row + 1, username: undefined, email: undefined, action: 'invalid', groups: [], systems: [], issues: [{row, line: row + 1, column: null, severity: 'error', message: 'bad'}]}));
		const failed = path.join(folder, 'failed.csv');
		await writeFailed(failed, {file, layout: csv.layout}, mapping, rowResults(plans, replay([])));
		const text = readFileSync(failed, 'utf8');
		expect(text.split(/\r?\n/)[1]).toBe('ada,ada@example.com,yes,TRUE,,,bad');
		expect(text).not.toMatch(/Secret|long/);
	});

	it('a value in a column headed password is never quoted in a message', async () => {
		const file = path.join(folder, 'wrong.csv');
		writeFileSync(file, `${headers.join(',')}\nada,ada@example.com,Hunter-2-Secret,TRUE,Xy!23abc-long,x\n`);
		const csv = await openCsv(file);
		const rows: CsvRow[] = [];
		for await (const row of csv.rows()) rows.push(row);
		const built = createUserBuilder(mapping, {defaults: defaultUserDefaults, now: new Date('2026-11-23T10:00:00.000Z')})(rows[0]!);
		expect(built.issues).toEqual([expect.objectContaining({column: 'Password never expires', severity: 'error', message: 'the value is not a yes/no value (true/false, yes/no, 1/0)'})]);
	});
});
