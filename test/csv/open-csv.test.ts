import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {openCsv, type CsvFile, type CsvOverrides, type CsvRow} from '../../source/csv/index.js';
import {writeProblemFiles} from './problem-files.js';

let folder: string;
beforeAll(() => {
	folder = writeProblemFiles();
});

async function read(name: string, overrides?: CsvOverrides): Promise<{file: CsvFile; rows: CsvRow[]}> {
	const file = await openCsv(path.join(folder, name), overrides);
	const rows: CsvRow[] = [];
	for await (const row of file.rows()) rows.push(row);
	return {file, rows};
}

/** Rows as [line, ...cells], the shape the expectations below are easiest to read in. */
const lined = (rows: CsvRow[]) => rows.map((row) => [row.line, ...row.cells]);

describe('encodings', () => {
	it.each([
		['utf8-bom.csv', 'utf-8', true, [[2, 'jmueller', 'Jürgen'], [3, 'zoe', 'Zoë']]],
		['utf8-plain.csv', 'utf-8', false, [[2, 'jnunez', 'José']]],
		['utf16le-bom.csv', 'utf-16le', true, [[2, 'jmueller', 'Jürgen']]],
		['utf16be-bom.csv', 'utf-16be', true, [[2, 'zoe', 'Zoë']]],
		['utf16le-no-bom.csv', 'utf-16le', false, [[2, 'zoe', 'Zoë']]],
	])('%s is read as %s (BOM %s)', async (name, encoding, bom, expected) => {
		const {file, rows} = await read(name);
		expect(file.layout).toMatchObject({encoding, bom});
		expect(file.layout.headers).toEqual(['Username', 'First Name']);
		expect(lined(rows)).toEqual(expected);
	});

	it('takes Windows-1252 when one byte deep in the file is not UTF-8', async () => {
		const {file, rows} = await read('windows-1252.csv');
		expect(file.layout).toMatchObject({encoding: 'windows-1252', bom: false, delimiter: ';', newline: '\r\n'});
		expect(rows).toHaveLength(3001);
		expect(rows.at(-1)).toEqual({row: 3001, line: 3002, cells: ['jmueller', 'Jürgen'], fieldCount: 2});
	});

	it('reads as told when the encoding is given', async () => {
		const {file, rows} = await read('utf8-plain.csv', {encoding: 'windows-1252'});
		expect(file.layout.encoding).toBe('windows-1252');
		expect(rows[0]!.cells[1]).toBe('JosÃ©');
	});
});

describe('layout', () => {
	it.each([
		['excel-sep-line.csv', {delimiter: ';', sepLine: true, headerLine: 2}, ['Username', 'Email', 'Department'], [[3, 'ada', 'ada@example.com', 'R&D, Labs']]],
		['tab.tsv', {delimiter: '\t', sepLine: false, headerLine: 1}, ['Username', 'Email', 'Title'], [[2, 'ada', 'ada@example.com', 'Engineer, Senior']]],
		['pipe.csv', {delimiter: '|', headerLine: 1}, ['Username', 'Email', 'Title'], [[2, 'ada', 'ada@example.com', 'Engineer; Senior']]],
		['semicolon-with-commas.csv', {delimiter: ';', headerLine: 1}, ['Username', 'Email', 'Street'], [[2, 'ada', 'ada@example.com', '1, Main St'], [3, 'bob', 'bob@example.com', '2, High St']]],
		['title-lines.csv', {delimiter: ',', headerLine: 3}, ['Username', 'Email', 'Department'], [[4, 'ada', 'ada@example.com', 'R&D']]],
		['entra-version-line.csv', {headerLine: 2}, ['Name [displayName] Required', 'User name [userPrincipalName] Required'], [[3, 'Ada Lovelace', 'ada@contoso.com']]],
		['old-mac.csv', {newline: '\r', headerLine: 1}, ['Username', 'Email'], [[2, 'ada', 'ada@example.com'], [3, 'bob', 'bob@example.com']]],
		['no-final-newline.csv', {headerLine: 1}, ['Username', 'Email'], [[2, 'ada', 'ada@example.com']]],
	])('%s', async (name, layout, headers, expected) => {
		const {file, rows} = await read(name);
		expect(file.layout).toMatchObject(layout);
		expect(file.layout.headers).toEqual(headers);
		expect(lined(rows)).toEqual(expected);
	});

	it('keeps quoted commas, doubled quotes and line breaks, with the physical line of each row', async () => {
		const {rows, file} = await read('quoted-multiline.csv');
		expect(rows).toEqual([
			{row: 1, line: 2, cells: ['ada', '1 Main St\nFloor 2', 'said "hi", twice'], fieldCount: 3},
			{row: 2, line: 4, cells: ['bob', '2 High St\r\nSuite 5\r\nBack door', 'plain'], fieldCount: 3},
			{row: 3, line: 7, cells: ['cy', '3 Low St', 'a,b'], fieldCount: 3},
		]);
		expect(file.stats()).toEqual({rows: 3, droppedRows: 0, cleanedCells: 0});
	});

	it('honours a delimiter and a header line given by the user', async () => {
		const {file, rows} = await read('title-lines.csv', {headerLine: 3, delimiter: ';'});
		expect(file.layout).toMatchObject({delimiter: ';', headerLine: 3, headers: ['Username,Email,Department']});
		expect(lined(rows)).toEqual([[4, 'ada,ada@example.com,R&D']]);
		await expect(openCsv(path.join(folder, 'title-lines.csv'), {headerLine: 2})).rejects.toMatchObject({kind: 'no-header'});
	});
});

describe('cleaning', () => {
	it("drops rows that are empty after trimming (blank lines too), and counts them", async () => {
		const {file, rows} = await read('empty-rows.csv');
		expect(lined(rows)).toEqual([[2, 'ada', 'ada@example.com', 'Eng'], [6, 'bob', 'bob@example.com', 'Ops']]);
		expect(rows.map((row) => row.row)).toEqual([1, 2]);
		expect(file.stats()).toEqual({rows: 2, droppedRows: 4, cleanedCells: 0});
	});

	it('cleans NBSP, zero-width characters and outer spaces, counting the cells changed', async () => {
		const {file, rows} = await read('invisible-chars.csv');
		expect(rows.map((row) => row.cells)).toEqual([
			['ada', 'ada@example.com', 'Chief Engineer'],
			['bob', 'bob@example.com', 'Ops'],
			['cy', 'cy@example.com', 'Sales'],
		]);
		expect(file.stats()).toEqual({rows: 3, droppedRows: 0, cleanedCells: 4});
		expect(rows.map((row) => row.cleaned)).toEqual([[0, 1, 2], [1], undefined]);
	});

	it('keeps empty and repeated header names in place and flags them', async () => {
		const {file, rows} = await read('bad-headers.csv');
		expect(file.layout.headers).toEqual(['Username', '', 'Email', 'EMAIL', 'Title']);
		expect(file.layout.headerIssues).toEqual([
			{index: 1, header: '', kind: 'empty'},
			{index: 3, header: 'EMAIL', kind: 'duplicate'},
			{index: 4, header: 'Title', kind: 'cleaned'},
		]);
		expect(rows[0]!.cells).toEqual(['ada', 'x', 'ada@example.com', 'a2@example.com', 'Eng']);
	});

	it('pads short rows and cuts long ones to the header, telling how many fields there were', async () => {
		const {rows} = await read('ragged.csv');
		expect(rows).toEqual([
			{row: 1, line: 2, cells: ['ada', 'ada@example.com', ''], fieldCount: 2},
			{row: 2, line: 3, cells: ['bob', 'bob@example.com', 'Ops'], fieldCount: 4},
		]);
	});

	it('reads a header with no rows', async () => {
		const {file, rows} = await read('header-only.csv');
		expect(rows).toEqual([]);
		expect(file.stats()).toEqual({rows: 0, droppedRows: 0, cleanedCells: 0});
	});
});

describe('files it refuses', () => {
	it.each([
		['empty.csv', 'empty', 'is empty'],
		['whitespace-only.csv', 'empty', 'is empty'],
		['no-header.csv', 'no-header', 'has no header row'],
		['workbook.xlsx', 'binary', 'Excel workbook'],
		['workbook.xls', 'binary', 'old Excel'],
		['image.bin', 'binary', 'binary file'],
		['missing.csv', 'missing', 'no such file'],
	])('%s: %s', async (name, kind, words) => {
		const target = path.join(folder, name);
		const error = await openCsv(target).then(
			() => undefined,
			(failure: Error & {kind: string}) => failure,
		);
		expect(error).toMatchObject({kind, path: target});
		expect(error!.message).toContain(target);
		expect(error!.message).toContain(words);
		expect(error!.message).not.toContain('\n');
	});

	it('a folder', async () => {
		await expect(openCsv(folder)).rejects.toMatchObject({kind: 'directory'});
	});
});

describe('streaming', () => {
	it('gives the same rows when every chunk boundary cuts a character, a quote or a line break', async () => {
		for (const name of ['quoted-multiline.csv', 'utf8-bom.csv', 'utf16le-bom.csv', 'windows-1252.csv', 'invisible-chars.csv', 'empty-rows.csv']) {
			const whole = await read(name);
			const tiny = await read(name, {chunkSize: 3});
			expect(tiny.rows, name).toEqual(whole.rows);
			expect(tiny.file.stats(), name).toEqual(whole.file.stats());
		}
	});

	it('samples the first rows without reading on', async () => {
		const file = await openCsv(path.join(folder, 'windows-1252.csv'));
		const sample = await file.sample(2);
		expect(sample.map((row) => row.cells[0])).toEqual(['user0', 'user1']);
		expect(file.stats()).toBeUndefined();
	});

	it('streams a large file with the right count and line numbers', async () => {
		const target = path.join(folder, 'large.csv');
		const rows = 20_000;
		const body = Array.from({length: rows}, (_, index) => (index % 1000 === 0 ? `u${index},"two\nlines"` : `u${index},one`)).join('\n');
		writeFileSync(target, `Username,Note\n${body}\n`);
		const file = await openCsv(target);
		let count = 0;
		let last: CsvRow | undefined;
		for await (const batch of file.batches()) {
			count += batch.length;
			last = batch.at(-1);
		}
		expect(count).toBe(rows);
		// One extra line for each of the 20 rows whose note spans two.
		expect(last).toEqual({row: rows, line: rows + 1 + 20, cells: [`u${rows - 1}`, 'one'], fieldCount: 2});
	});
});

describe('found by a second reader', () => {
	const write = (name: string, text: string) => {
		const target = path.join(folder, name);
		writeFileSync(target, text);
		return target;
	};

	it('skips a title line of two cells above a four-column header', async () => {
		const file = await openCsv(write('two-cell-title.csv', 'Active employees,as of 2024-05-01\nFirst name,Last name,Email,Department\nAnn,Lee,ann@x.com,IT\nBo,Ng,bo@x.com,HR\n'));
		expect(file.layout).toMatchObject({headerLine: 2, headers: ['First name', 'Last name', 'Email', 'Department']});
	});

	it('cleans left-to-right and right-to-left marks and soft hyphens', async () => {
		const file = await openCsv(write('marks.csv', 'Username,Email\n\u200ebob\u00ad,bob@example.com\u200f\n'));
		const got: CsvRow[] = [];
		for await (const row of file.rows()) got.push(row);
		expect(got).toEqual([{row: 1, line: 2, cells: ['bob', 'bob@example.com'], fieldCount: 2, cleaned: [0, 1]}]);
	});

	it('stops at a quote that never closes, naming its line, instead of reading the whole file into memory', async () => {
		const body = Array.from({length: 60_000}, (_, index) => `user${index},user${index}@example.com`).join('\n');
		const file = await openCsv(write('stray-quote.csv', `Username,Email\nada,ada@example.com\n"broken,b@x.com\n${body}\n`));
		const error = await (async () => {
			for await (const _ of file.batches());
		})().then(
			() => undefined,
			(failure: Error & {kind?: string}) => failure,
		);
		expect(error).toMatchObject({kind: 'malformed'});
		expect(error!.message).toContain('starts on line 3 never closes');
	});
});
