import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {setTarget} from '../../source/mapping/mapping.js';
import type {SourceRow} from '../../source/users/build-user.js';
import {applyEdits, canEditColumn, CellEditError, indexEdits, withEdit, withoutEdit} from '../../source/users/cell-edits.js';
import {inspectFile, StaleMappingError} from '../../source/users/inspect-file.js';
import {tempFolder} from '../support/temp-dir.js';

function csv(text: string): string {
	const file = path.join(tempFolder('jc-import-edits-'), 'users.csv');
	writeFileSync(file, text);
	return file;
}

const usersFile = () => csv('Username,Email,Password\nada,ada@example.com,Secret-Pass-1!\nbob,bob-at-example.com,Secret-Pass-2!\n');

describe('cell edits', () => {
	it('lay a copy over the row: the reader\'s arrays are not touched, an edited cell is cleaned and no longer reported as cleaned', async () => {
		const {mapping} = await inspectFile(usersFile());
		const cells = Object.freeze(['bob', 'bob-at-example.com', 'x']);
		const row: SourceRow = {row: 2, line: 3, cells, cleaned: Object.freeze([1, 0])};
		const edited = applyEdits(row, indexEdits([{row: 2, column: 1, value: ' bob@example.com\u00a0'}], mapping));
		expect(edited.cells).toEqual(['bob', 'bob@example.com', 'x']);
		expect(edited.cleaned).toEqual([0]);
		expect(row.cells).toEqual(['bob', 'bob-at-example.com', 'x']);
		expect(row.cleaned).toEqual([1, 0]);
		const other: SourceRow = {row: 1, line: 2, cells};
		expect(applyEdits(other, indexEdits([{row: 2, column: 1, value: 'b'}], mapping))).toBe(other);
	});

	it('keep one edit per cell, the last', () => {
		let edits = withEdit([], {row: 2, column: 1, value: 'a'});
		edits = withEdit(edits, {row: 2, column: 0, value: 'b'});
		edits = withEdit(edits, {row: 2, column: 1, value: 'c'});
		expect(edits).toEqual([
			{row: 2, column: 0, value: 'b'},
			{row: 2, column: 1, value: 'c'},
		]);
		expect(withoutEdit(edits, 2, 0)).toEqual([{row: 2, column: 1, value: 'c'}]);
	});

	it('refuse a password column and a column the file lacks', async () => {
		const {mapping} = await inspectFile(usersFile());
		expect(mapping.columns[2]!.target).toBe('password');
		expect(canEditColumn(mapping, 2)).toBe(false);
		expect(canEditColumn(mapping, 1)).toBe(true);
		expect(canEditColumn(mapping, 3)).toBe(false);
		expect(() => indexEdits([{row: 1, column: 2, value: 'Other-Pass-1!'}], mapping)).toThrow(CellEditError);
		expect(() => indexEdits([{row: 1, column: 3, value: 'x'}], mapping)).toThrow(/no column 4/);
		// Once the column no longer feeds a password, it may be edited.
		expect(canEditColumn(setTarget(mapping, 2, null), 2)).toBe(true);
		await expect(inspectFile(usersFile(), {edits: [{row: 1, column: 2, value: 'x'}]})).rejects.toThrow(CellEditError);
	});

	it('fix an invalid email row when the file is checked again', async () => {
		const file = usersFile();
		const before = await inspectFile(file);
		expect(before.report.summary).toEqual({valid: 1, warnings: 0, errors: 1});
		expect(before.report.issues).toEqual([expect.objectContaining({row: 2, column: 'Email', severity: 'error'})]);

		const users: unknown[] = [];
		const after = await inspectFile(file, {edits: [{row: 2, column: 1, value: 'bob@example.com'}], onRow: (built) => users.push(built.user?.payload)});
		expect(after.report.summary).toEqual({valid: 2, warnings: 0, errors: 0});
		expect(after.report.issues).toEqual([]);
		expect(users[1]).toMatchObject({username: 'bob', email: 'bob@example.com'});
		expect(after.report.columns[1]!.samples).toEqual(['ada@example.com', 'bob@example.com']);
	});
});

describe('a given mapping', () => {
	it('is used as is, not suggested', async () => {
		const file = usersFile();
		const {mapping} = await inspectFile(file);
		// The admin points Email at the alternate email: the row now lacks its (required) email.
		const edited = setTarget(mapping, 1, 'alternateEmail');
		const users: unknown[] = [];
		const result = await inspectFile(file, {mapping: edited, onRow: (built) => users.push(built.user?.payload)});
		expect(result.source).toEqual({kind: 'manual'});
		expect(result.mapping).toBe(edited);
		expect(result.report.columns.map((column) => column.target)).toEqual(['username', 'alternateEmail', 'password']);
		expect(result.report.issues.some((issue) => issue.severity === 'error' && /email/i.test(issue.message))).toBe(true);
	});

	it('made for other columns is refused', async () => {
		const {mapping} = await inspectFile(usersFile());
		const other = csv('Login;Mail\nada;ada@example.com\n');
		await expect(inspectFile(other, {mapping})).rejects.toThrow(StaleMappingError);
	});
});
