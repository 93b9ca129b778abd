import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {scanFile} from '../../source/csv/scan-file.js';
import {LastHolders} from '../../source/importer/last-holders.js';
import {displayNameOf, nameKey} from '../../source/importer/manager-reference.js';
import {readAhead, readAheadAside, type ReadAheadRequest} from '../../source/importer/read-ahead.js';
import type {BuiltRow} from '../../source/users/build-user.js';
import {defaultUserDefaults} from '../../source/users/defaults.js';
import {inspectFile} from '../../source/users/inspect-file.js';
import {tempFolder} from '../support/temp-dir.js';

const now = new Date('2026-12-02T10:00:00.000Z');

describe('last holders', () => {
	it('keep the last row noted for each value, through growing, and come back whole from their arrays', () => {
		const holders = LastHolders.empty();
		for (let row = 0; row < 5000; row++) holders.note(`value${row % 1700}`, row);
		holders.note('value3', 2);
		for (let value = 0; value < 1700; value++) expect(holders.lastRow(`value${value}`)).toBe(value + 1700 * (value < 5000 - 3400 ? 2 : 1));
		expect(holders.lastRow('nobody')).toBe(-1);
		const again = LastHolders.of(structuredClone(holders.arrays));
		for (let value = 0; value < 1700; value++) expect(again.lastRow(`value${value}`)).toBe(holders.lastRow(`value${value}`));
		// Row 0 is a row like the others (kept as 1 + row: 0 marks an empty slot).
		const first = LastHolders.empty();
		first.note('zero', 0);
		expect(first.lastRow('zero')).toBe(0);
	});
});

/**
 * A file naming people every way a manager cell can: display names given, and derived from first and
 * last names; shared, repeated in another case, on rows with errors; employee IDs; an edit over a name.
 */
function peopleCsv(): string {
	const lines = ['Username,Email,First Name,Last Name,Display Name,Employee ID,Manager'];
	for (let index = 0; index < 600; index++) {
		const display = index % 7 === 0 ? `Shared Name ${index % 5}` : index % 3 === 0 ? `Given ${index}` : '';
		const email = index % 41 === 40 ? 'not-an-email' : `p${index}@corp.example`;
		lines.push(`p${index},${email},First${index % 11},Last ${index % 13},${display},${index % 4 === 0 ? `EMP-${index % 50}` : ''},`);
	}
	const file = path.join(tempFolder('jc-import-ahead-'), 'people.csv');
	writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

/** The last row holding each value as the planner's resolver compares them, from the built rows themselves. */
function lastHoldersOf(built: readonly BuiltRow[]): Map<string, number> {
	const last = new Map<string, number>();
	for (const row of built) {
		const values = row.user
			? [row.user.payload.username, row.user.payload.email, row.user.payload.employeeIdentifier].filter((value) => value !== undefined).map((value) => value.toLowerCase())
			: [row.username, row.email].filter((value) => value !== undefined).map((value) => value.toLowerCase());
		const name = row.user && displayNameOf(row.user.payload);
		if (name) values.push(nameKey(name));
		for (const value of values) last.set(value, row.row);
	}
	return last;
}

describe('a read ahead of the file', () => {
	it('holds every value the rows hold, at the last row holding it, as the plan builds the rows (edits too)', async () => {
		const file = peopleCsv();
		const edits = [{row: 30, column: 4, value: 'Only Edited'}];
		const built: BuiltRow[] = [];
		const {mapping} = await inspectFile(file, {edits, now, onRow: (row) => built.push(row)});
		const expected = lastHoldersOf(built);
		// The file has what the test says: derived names, shared ones, rows with errors, and the edit.
		expect(built.filter((row) => !row.user).length).toBeGreaterThan(10);
		expect(expected.get('first1 last 1')).toBeDefined();
		expect(expected.get('shared name 0')).toBe(596);
		expect(expected.get('only edited')).toBe(30);

		const request: ReadAheadRequest = {file, overrides: {}, mapping, edits, defaults: defaultUserDefaults, now};
		const {holders, sha256} = await readAhead(request);
		expect(sha256).toBe((await scanFile(file)).sha256);
		for (const [value, row] of expected) expect(holders.lastRow(value), value).toBe(row);

		// On its worker, the same table.
		const aside = await readAheadAside(request).result;
		expect(aside.sha256).toBe(sha256);
		for (const [value, row] of expected) expect(aside.holders.lastRow(value), value).toBe(row);
		expect(aside.holders.arrays.rows).toEqual(holders.arrays.rows);
	});

	it('on a worker that fails, rejects: the plan then settles the managers at the end of the file', async () => {
		const request: ReadAheadRequest = {file: path.join(tempFolder('jc-import-ahead-'), 'gone.csv'), overrides: {}, mapping: {columns: [], derived: []}, edits: [], defaults: defaultUserDefaults, now};
		await expect(readAheadAside(request).result).rejects.toThrow();
	});
});
