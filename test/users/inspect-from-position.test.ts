import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {RowPosition} from '../../source/csv/index.js';
import {inspectFile} from '../../source/users/inspect-file.js';
import {UniqueInFile} from '../../source/users/unique-in-file.js';
import {useTempFolders} from '../support/temp-dir.js';

const tempFolder = useTempFolders('jc-import-inspect-from-');

const now = new Date('2026-12-01T12:00:00Z');
const header = 'Username,Email,First Name,Last Name';

/**
 * Eight people; the seventh repeats the second's username and the eighth the third's email. A
 * quoted last name over two lines and a blank line put lines and rows apart.
 */
const people = [
	'ada,ada@example.com,Ada,Lovelace',
	'alan,alan@example.com,Alan,"Turing\nthe second line"',
	'grace,grace@example.com,Grace,Hopper',
	'',
	'edsger,edsger@example.com,Edsger,Dijkstra',
	'barbara,barbara@example.com,Barbara,Liskov',
	'donald,donald@example.com,Donald,Knuth',
	'Alan,alan2@example.com,Alan,Kay',
	'grace2,GRACE@example.com,Grace,Murray',
];

function write(name: string, lines: readonly string[]): string {
	const file = path.join(tempFolder(), name);
	writeFileSync(file, `${[header, ...lines].join('\n')}\n`);
	return file;
}

describe('inspecting a file from a record on', () => {
	it('reports a repeat of a row before the record with that row, when handed the duplicate check that saw it', async () => {
		const file = write('people.csv', people);
		const whole = await inspectFile(file, {now});
		const repeats = whole.report.issues.filter((issue) => issue.message.includes('is also on row'));
		expect(repeats.map(({row, line, message}) => ({row, line, message}))).toEqual([
			{row: 7, line: 10, message: 'username Alan is also on row 2 (line 3)'},
			{row: 8, line: 11, message: 'email GRACE@example.com is also on row 3 (line 5)'},
		]);

		// Rows 1–4 checked first (a checkpoint's), then the file from row 5 with the same check.
		const unique = new UniqueInFile();
		await inspectFile(write('first-rows.csv', people.slice(0, 5)), {now, unique});
		const from: RowPosition = {offset: Buffer.byteLength(`${[header, ...people.slice(0, 5)].join('\n')}\n`), row: 5, line: 8};
		const rest = await inspectFile(file, {now, unique, from});
		expect(rest.report.issues).toEqual(whole.report.issues.filter((issue) => issue.row >= 5));
		expect(rest.report.rows).toBe(4);
		expect(rest.report.summary).toEqual({valid: 2, warnings: 0, errors: 2});
		// The mapping and the samples are the file's first rows' still.
		expect(rest.mapping).toEqual(whole.mapping);
		expect(rest.report.columns).toEqual(whole.report.columns);
	});

	it('sees no repeat of an earlier row without that check (the rows before the record are not read)', async () => {
		const file = write('people.csv', people);
		const from: RowPosition = {offset: Buffer.byteLength(`${[header, ...people.slice(0, 5)].join('\n')}\n`), row: 5, line: 8};
		const {report} = await inspectFile(file, {now, from});
		expect(report.issues.filter((issue) => issue.message.includes('is also on row'))).toEqual([]);
		expect(report.summary.valid).toBe(4);
	});
});
