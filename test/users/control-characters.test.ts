import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cleanCell, openCsv, type CsvRow} from '../../source/csv/index.js';
import {autoMap} from '../../source/mapping/auto-map.js';
import {secretColumns} from '../../source/mapping/secret-columns.js';
import {RowCells} from '../../source/ui/row-cells.js';
import {applyEdits, indexEdits} from '../../source/users/cell-edits.js';
import {createUserBuilder} from '../../source/users/build-user.js';
import {defaultUserDefaults} from '../../source/users/defaults.js';
import {tempFolder} from '../support/temp-dir.js';

const now = new Date('2026-11-23T10:00:00.000Z');
// Everything the screen would only hide: C0 (not tab or line breaks), DEL, C1, bidi override and isolate.
const hidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u202A-\u202E\u2066-\u2069]/;
const folder = tempFolder('jc-import-controls-');

/** Every string in a payload, however deep. */
function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

async function readAll(text: string): Promise<{rows: CsvRow[]; headers: string[]}> {
	const file = path.join(folder, `people-${Math.random().toString(36).slice(2)}.csv`);
	writeFileSync(file, text);
	const csv = await openCsv(file);
	const rows: CsvRow[] = [];
	for await (const row of csv.rows()) rows.push(row);
	return {rows, headers: csv.layout.headers};
}

describe('control characters in cells', () => {
	it('cleanCell removes C0, DEL, C1 and bidi overrides, keeps tabs and line breaks inside', () => {
		expect(cleanCell('A\u0007d\u0000a\u007F')).toBe('Ada');
		expect(cleanCell('Ad\u0085a\u009B')).toBe('Ada');
		expect(cleanCell('\u202Egnp.exe\u202C')).toBe('gnp.exe');
		expect(cleanCell('x\u2066y\u2069\u061C')).toBe('xy');
		expect(cleanCell('1 Main St\r\nFloor\t2')).toBe('1 Main St\r\nFloor\t2');
	});

	it('are removed before sending, and the row says so by column, never showing the password', async () => {
		// Nothing else odd in the file: the control characters alone must send the rows the cleaning way.
		const {rows, headers} = await readAll(
			[
				'Username,Email,First Name,Last Name,Password,Job Title',
				'ada,ada@example.com,A\u0007da,Love\u202Elace,Pass\u001BWord-1!,Engi\u0085neer\u007F',
				'grace,grace@example.com,Grace,Hopper,Plain-Pass-2!,Admiral',
			].join('\n') + '\n',
		);
		const mapping = autoMap(headers.map((header, index) => ({index, header, samples: rows.map((row) => row.cells[index] ?? '')})));
		const build = createUserBuilder(mapping, {defaults: defaultUserDefaults, now});
		const [ada, grace] = rows.map((row) => build(row));

		const payload = ada!.user!.payload;
		expect(payload).toMatchObject({username: 'ada', firstname: 'Ada', lastname: 'Lovelace', password: 'PassWord-1!', jobTitle: 'Engineer'});
		for (const value of strings(payload)) expect(value).not.toMatch(hidden);
		const warnings = ada!.issues.filter((issue) => issue.severity === 'warning');
		expect(warnings).toEqual([
			expect.objectContaining({column: 'First Name', message: 'control characters removed: Ada is sent'}),
			expect.objectContaining({column: 'Last Name', message: 'control characters removed: Lovelace is sent'}),
			expect.objectContaining({column: 'Password', message: 'control characters removed: the password is sent'}),
			expect.objectContaining({column: 'Job Title', message: 'control characters removed: Engineer is sent'}),
		]);
		for (const issue of ada!.issues) expect(issue.message).not.toContain('PassWord');
		expect(grace!.issues).toEqual([]);

		// The preview draws the row from the same cells: each one is the value sent.
		const collected = RowCells.collect(mapping);
		for (const row of rows) collected.add(row);
		const cells = collected.done().detail(1, mapping, [], secretColumns(mapping))!;
		const byHeader = new Map(cells.map((cell) => [cell.header, cell]));
		expect(byHeader.get('First Name')?.value).toBe(payload.firstname);
		expect(byHeader.get('Last Name')?.value).toBe(payload.lastname);
		expect(byHeader.get('Job Title')?.value).toBe(payload.jobTitle);
		expect(byHeader.get('Password')).toMatchObject({value: '', secret: true});
	});

	it('an edited cell is no longer reported as having lost control characters', async () => {
		const {rows, headers} = await readAll('Username,Email,First Name\nada,ada@example.com,A\u0001da\n');
		const mapping = autoMap(headers.map((header, index) => ({index, header, samples: rows.map((row) => row.cells[index] ?? '')})));
		expect(rows[0]!.controls).toEqual([2]);
		const edited = applyEdits(rows[0]!, indexEdits([{row: 1, column: 2, value: 'Ada'}], mapping));
		expect(edited.controls).toBeUndefined();
		const built = createUserBuilder(mapping, {defaults: defaultUserDefaults, now})(edited);
		expect(built.issues).toEqual([]);
	});
});

describe('a terminal escape sequence in a cell', () => {
	it('goes whole, its payload too: a title, a link, a colour, a clear', () => {
		const esc = '\u001b';
		const bel = '\u0007';
		expect(cleanCell(`Eve${esc}]0;pwned${bel}`)).toBe('Eve');
		expect(cleanCell(`${esc}]8;;https://evil.example/${bel}Link${esc}]8;;${bel}`)).toBe('Link');
		expect(cleanCell(`${esc}[31mRed${esc}[0m`)).toBe('Red');
		expect(cleanCell(`${esc}[2J0999`)).toBe('0999');
		// A lone control character is removed as before; a line break inside stays.
		expect(cleanCell('Line\bX')).toBe('LineX');
		expect(cleanCell('Main St\n2nd floor')).toBe('Main St\n2nd floor');
	});
});
