import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openCsv, type CsvFile, type CsvLayout, type CsvOverrides, type CsvRow, type CsvStats} from '../../source/csv/index.js';
import {projectRoot} from '../support/shared.js';
import {tempFolder} from '../support/temp-dir.js';

const fixture = (name: string) => path.join(projectRoot, 'fixtures/csv', name);

async function read(target: string, overrides?: CsvOverrides): Promise<{file: CsvFile; rows: CsvRow[]; stats: CsvStats | undefined}> {
	const file = await openCsv(target, overrides);
	const rows: CsvRow[] = [];
	for await (const row of file.rows()) rows.push(row);
	return {file, rows, stats: file.stats()};
}

const layoutOf = (layout: Partial<CsvLayout>): CsvLayout => ({
	encoding: 'utf-8',
	bom: false,
	delimiter: ',',
	sepLine: false,
	headerLine: 1,
	headers: [],
	headerIssues: [],
	newline: '\n',
	...layout,
});

const nameHeaders = ['Username', 'First Name', 'Last Name', 'Email'];
const nameRows = (first: number): CsvRow[] => [
	{row: 1, line: first, cells: ['jmueller', 'Jürgen', 'Müller', 'juergen.mueller@example.com'], fieldCount: 4},
	{row: 2, line: first + 1, cells: ['zoe', 'Zoë', 'Saldaña', 'zoe.saldana@example.com'], fieldCount: 4},
	{row: 3, line: first + 2, cells: ['jnunez', 'José', 'Núñez', 'jose.nunez@example.com'], fieldCount: 4},
];
const threeColumnRows: CsvRow[] = [
	{row: 1, line: 2, cells: ['jmueller', 'Jürgen', 'Müller'], fieldCount: 3},
	{row: 2, line: 3, cells: ['zoe', 'Zoë', 'Saldaña'], fieldCount: 3},
	{row: 3, line: 4, cells: ['jnunez', 'José', 'Núñez'], fieldCount: 3},
];

type Case = {name: string; layout: CsvLayout; rows: CsvRow[]; stats: CsvStats};

const cases: Case[] = [
	{
		name: 'utf8-bom.csv',
		layout: layoutOf({bom: true, headers: nameHeaders, newline: '\r\n'}),
		rows: nameRows(2),
		stats: {rows: 3, droppedRows: 0, cleanedCells: 0},
	},
	{
		name: 'utf8-plain.csv',
		layout: layoutOf({headers: nameHeaders}),
		rows: nameRows(2),
		stats: {rows: 3, droppedRows: 0, cleanedCells: 0},
	},
	{
		name: 'utf16le-bom.csv',
		layout: layoutOf({encoding: 'utf-16le', bom: true, delimiter: '\t', headers: ['Username', 'First Name', 'Last Name'], newline: '\r\n'}),
		rows: threeColumnRows,
		stats: {rows: 3, droppedRows: 0, cleanedCells: 0},
	},
	{
		name: 'utf16be-bom.csv',
		layout: layoutOf({encoding: 'utf-16be', bom: true, headers: ['Username', 'First Name', 'Last Name'], newline: '\r\n'}),
		rows: threeColumnRows,
		stats: {rows: 3, droppedRows: 0, cleanedCells: 0},
	},
	{
		name: 'windows-1252.csv',
		layout: layoutOf({encoding: 'windows-1252', delimiter: ';', headers: ['Benutzername', 'Vorname', 'Nachname', 'Abteilung'], newline: '\r\n'}),
		rows: [
			{row: 1, line: 2, cells: ['amaier', 'Anna', 'Maier', 'Vertrieb'], fieldCount: 4},
			{row: 2, line: 3, cells: ['bschmidt', 'Bernd', 'Schmidt', 'Einkauf'], fieldCount: 4},
			{row: 3, line: 4, cells: ['cweber', 'Clara', 'Weber', 'IT'], fieldCount: 4},
			{row: 4, line: 5, cells: ['jmueller', 'Jürgen', 'Müller', 'Café & Bäckerei'], fieldCount: 4},
		],
		stats: {rows: 4, droppedRows: 0, cleanedCells: 0},
	},
	{
		name: 'excel-sep-line.csv',
		layout: layoutOf({delimiter: ';', sepLine: true, headerLine: 2, headers: ['Username', 'Email', 'Department'], newline: '\r\n'}),
		rows: [
			{row: 1, line: 3, cells: ['jmueller', 'juergen.mueller@example.com', 'R&D, Labs'], fieldCount: 3},
			{row: 2, line: 4, cells: ['zoe', 'zoe.saldana@example.com', 'Design, UX'], fieldCount: 3},
			{row: 3, line: 5, cells: ['jnunez', 'jose.nunez@example.com', 'Sales'], fieldCount: 3},
		],
		stats: {rows: 3, droppedRows: 0, cleanedCells: 0},
	},
	{
		name: 'semicolon.csv',
		layout: layoutOf({delimiter: ';', headers: ['Username', 'Display Name', 'Street', 'City']}),
		rows: [
			{row: 1, line: 2, cells: ['jmueller', 'Jürgen Müller', 'Hauptstraße 5, Hinterhaus', 'München'], fieldCount: 4},
			{row: 2, line: 3, cells: ['zoe', 'Zoë Saldaña', '12, Rue de Rivoli', 'Paris'], fieldCount: 4},
			{row: 3, line: 4, cells: ['jnunez', 'José Núñez', 'Calle Mayor 3, 2º', 'Madrid'], fieldCount: 4},
		],
		stats: {rows: 3, droppedRows: 0, cleanedCells: 0},
	},
	{
		name: 'tab.tsv',
		layout: layoutOf({delimiter: '\t', headers: ['Username', 'Display Name', 'Title']}),
		rows: [
			{row: 1, line: 2, cells: ['jmueller', 'Jürgen Müller', 'Engineer, Senior'], fieldCount: 3},
			{row: 2, line: 3, cells: ['zoe', 'Zoë Saldaña', 'Designer; UX'], fieldCount: 3},
			{row: 3, line: 4, cells: ['jnunez', 'José Núñez', 'Sales | EMEA'], fieldCount: 3},
		],
		stats: {rows: 3, droppedRows: 0, cleanedCells: 0},
	},
	{
		name: 'pipe.csv',
		layout: layoutOf({delimiter: '|', headers: ['Username', 'Display Name', 'Title']}),
		rows: [
			{row: 1, line: 2, cells: ['jmueller', 'Jürgen Müller', 'Engineer, Senior'], fieldCount: 3},
			{row: 2, line: 3, cells: ['zoe', 'Zoë Saldaña', 'Designer; UX'], fieldCount: 3},
			{row: 3, line: 4, cells: ['jnunez', 'José Núñez', 'Sales\tEMEA'], fieldCount: 3},
		],
		stats: {rows: 3, droppedRows: 0, cleanedCells: 0},
	},
	{
		name: 'title-lines.csv',
		layout: layoutOf({headerLine: 3, headers: nameHeaders, newline: '\r\n'}),
		rows: nameRows(4),
		stats: {rows: 3, droppedRows: 0, cleanedCells: 0},
	},
	{
		name: 'entra-bulk-template.csv',
		layout: layoutOf({
			headerLine: 2,
			newline: '\r\n',
			headers: [
				'Name [displayName] Required',
				'User name [userPrincipalName] Required',
				'Initial password [passwordProfile] Required',
				'Block sign in (Yes/No) [accountEnabled] Required',
				'First name [givenName]',
				'Last name [surname]',
				'Job title [jobTitle]',
				'Department [department]',
				'Usage location [usageLocation]',
				'Street address [streetAddress]',
				'State or province [state]',
				'Country or region [country]',
				'Office [physicalDeliveryOfficeName]',
				'City [city]',
				'ZIP or postal code [postalCode]',
				'Office phone [telephoneNumber]',
				'Mobile phone [mobile]',
			],
		}),
		rows: [
			{
				row: 1,
				line: 3,
				fieldCount: 17,
				cells: [
					'Jürgen Müller', 'juergen.mueller@contoso.com', 'Xk9#mPq2!vL', 'No', 'Jürgen', 'Müller', 'Engineer', 'R&D', 'DE',
					'Hauptstraße 1', 'Bayern', 'Germany', 'HQ', 'München', '80331', '+49 89 1234567', '+49 151 2345678',
				],
			},
			{
				row: 2,
				line: 4,
				fieldCount: 17,
				cells: [
					'Zoë Saldaña', 'zoe.saldana@contoso.com', 'Rt5$wNz8@qA', 'No', 'Zoë', 'Saldaña', 'Designer', 'Design', 'US',
					'1 Main St', 'WA', 'United States', 'Seattle 2', 'Seattle', '98101', '+1 206 555 0100', '',
				],
			},
			{
				row: 3,
				line: 5,
				fieldCount: 17,
				cells: [
					'José Núñez', 'jose.nunez@contoso.com', 'Hy3&cVb6*eD', 'Yes', 'José', 'Núñez', '', 'Sales', 'ES',
					'Calle Mayor 5', 'Madrid', 'Spain', '', 'Madrid', '28013', '', '+34 600 123 456',
				],
			},
		],
		stats: {rows: 3, droppedRows: 0, cleanedCells: 0},
	},
	{
		name: 'quoted-multiline.csv',
		layout: layoutOf({headers: ['Username', 'Display Name', 'Street', 'Note'], newline: '\r\n'}),
		rows: [
			{row: 1, line: 2, cells: ['jmueller', 'Müller, Jürgen', 'Hauptstraße 1\nHinterhaus', 'said "hallo", twice'], fieldCount: 4},
			{row: 2, line: 4, cells: ['zoe', 'Zoë', '12 Rue de Rivoli\r\nBâtiment B\r\n3e étage', 'plain'], fieldCount: 4},
			{row: 3, line: 7, cells: ['jnunez', 'Núñez, José', 'Calle Mayor 5', 'a,b'], fieldCount: 4},
			{row: 4, line: 8, cells: ['amaier', 'Anna', '', '"'], fieldCount: 4},
		],
		stats: {rows: 4, droppedRows: 0, cleanedCells: 0},
	},
	{
		// `,,,,`, `  ,  , `, `,,,` and the fully blank line (5) are all dropped and counted.
		name: 'empty-rows.csv',
		layout: layoutOf({headers: nameHeaders}),
		rows: [
			{row: 1, line: 2, cells: ['jmueller', 'Jürgen', 'Müller', 'juergen.mueller@example.com'], fieldCount: 4},
			{row: 2, line: 6, cells: ['zoe', 'Zoë', 'Saldaña', 'zoe.saldana@example.com'], fieldCount: 4},
			{row: 3, line: 8, cells: ['jnunez', 'José', 'Núñez', 'jose.nunez@example.com'], fieldCount: 4},
		],
		stats: {rows: 3, droppedRows: 4, cleanedCells: 0},
	},
	{
		name: 'bad-headers.csv',
		layout: layoutOf({
			headers: ['Username', '', 'Email', 'EMAIL', 'Title', 'Department'],
			headerIssues: [
				{index: 1, header: '', kind: 'empty'},
				{index: 3, header: 'EMAIL', kind: 'duplicate'},
				{index: 4, header: 'Title', kind: 'cleaned'},
			],
		}),
		rows: [
			{row: 1, line: 2, cells: ['jmueller', 'x1', 'juergen.mueller@example.com', 'j.mueller@example.org', 'Engineer', 'R&D'], fieldCount: 6},
			{row: 2, line: 3, cells: ['zoe', 'x2', 'zoe.saldana@example.com', 'zoe@example.org', 'Designer', 'Design'], fieldCount: 6},
			{row: 3, line: 4, cells: ['jnunez', 'x3', 'jose.nunez@example.com', 'jn@example.org', 'Seller', 'Sales'], fieldCount: 6},
		],
		stats: {rows: 3, droppedRows: 0, cleanedCells: 0},
	},
	{
		name: 'invisible-chars.csv',
		layout: layoutOf({headers: ['Username', 'First Name', 'Last Name', 'Email', 'Title']}),
		rows: [
			{row: 1, line: 2, cells: ['jmueller', 'Jürgen', 'Müller', 'juergen.mueller@example.com', 'Senior Engineer'], fieldCount: 5, cleaned: [0, 3, 4]},
			{row: 2, line: 3, cells: ['zoe', 'Zoë', 'Saldaña', 'zoe.saldana@example.com', 'Designer'], fieldCount: 5, cleaned: [2, 3]},
			{row: 3, line: 4, cells: ['jnunez', 'José', 'Núñez', 'jose.nunez@example.com', ''], fieldCount: 5, cleaned: [4]},
			{row: 4, line: 5, cells: ['amaier', 'Anna', 'Maier', 'anna.maier@example.com', 'Sales'], fieldCount: 5},
		],
		stats: {rows: 4, droppedRows: 1, cleanedCells: 6},
	},
	{
		name: 'header-only.csv',
		layout: layoutOf({headers: nameHeaders, newline: '\r\n'}),
		rows: [],
		stats: {rows: 0, droppedRows: 0, cleanedCells: 0},
	},
	{
		name: 'ragged.csv',
		layout: layoutOf({headers: nameHeaders}),
		rows: [
			{row: 1, line: 2, cells: ['jmueller', 'Jürgen', 'Müller', ''], fieldCount: 3},
			{row: 2, line: 3, cells: ['zoe', 'Zoë', 'Saldaña', 'zoe.saldana@example.com'], fieldCount: 6},
			{row: 3, line: 4, cells: ['jnunez', 'José', 'Núñez', 'jose.nunez@example.com'], fieldCount: 4},
			// Nothing under the header, but a value in an extra field: kept so it can be flagged.
			{row: 4, line: 5, cells: ['', '', '', ''], fieldCount: 5},
		],
		stats: {rows: 4, droppedRows: 0, cleanedCells: 0},
	},
];

describe('fixtures/csv: layout, rows and stats', () => {
	it.each(cases.map((each) => [each.name, each] as const))('%s', async (name, expected) => {
		const {file, rows, stats} = await read(fixture(name));
		expect(file.path).toBe(fixture(name));
		expect(file.layout).toEqual(expected.layout);
		expect(rows).toStrictEqual(expected.rows);
		expect(stats).toEqual(expected.stats);
	});

	it('leaves stats undefined until a full pass of rows()', async () => {
		const file = await openCsv(fixture('invisible-chars.csv'));
		expect(file.stats()).toBeUndefined();
		await file.sample(2);
		expect(file.stats()).toBeUndefined();
		for await (const row of file.rows()) expect(row.row).toBeGreaterThan(0);
		expect(file.stats()).toEqual({rows: 4, droppedRows: 1, cleanedCells: 6});
	});

	it('reads the file again on each pass, with the same rows and stats', async () => {
		const file = await openCsv(fixture('empty-rows.csv'));
		const pass = async () => {
			const rows: CsvRow[] = [];
			for await (const row of file.rows()) rows.push(row);
			return rows;
		};
		const first = await pass();
		expect(await pass()).toStrictEqual(first);
		expect(first).toHaveLength(3);
		expect(file.stats()).toEqual({rows: 3, droppedRows: 4, cleanedCells: 0});
	});

	it('batches() yields the same rows as rows()', async () => {
		const {file, rows} = await read(fixture('quoted-multiline.csv'));
		const batched: CsvRow[] = [];
		for await (const batch of file.batches()) batched.push(...batch);
		expect(batched).toStrictEqual(rows);
		expect(batched).toHaveLength(4);
	});
});

describe('fixtures/csv: files that are not CSV', () => {
	it.each([
		['empty.csv', 'empty'],
		['whitespace-only.csv', 'empty'],
		['no-header.csv', 'no-header'],
		['fake.xlsx', 'binary'],
		['fake.xls', 'binary'],
		['binary.bin', 'binary'],
		['does-not-exist.csv', 'missing'],
		['', 'directory'],
	])('%s → %s', async (name, kind) => {
		const target = fixture(name);
		const failure = openCsv(target);
		await expect(failure).rejects.toMatchObject({name: 'CsvError', kind, path: target});
		const error = (await failure.catch((caught: unknown) => caught)) as Error;
		expect(error.message).toContain(target);
		expect(error.message).not.toMatch(/[\r\n]/);
	});

	it('names the header line given when nothing there is a header', async () => {
		const target = fixture('title-lines.csv');
		const failure = openCsv(target, {headerLine: 2});
		await expect(failure).rejects.toMatchObject({kind: 'no-header', path: target});
		await expect(failure).rejects.toThrow(`${target} has no header row on line 2`);
	});

	it('tells Excel workbooks apart from other binary files', async () => {
		await expect(openCsv(fixture('fake.xlsx'))).rejects.toThrow(/Excel workbook/);
		await expect(openCsv(fixture('fake.xls'))).rejects.toThrow(/old Excel \(\.xls\)/);
		await expect(openCsv(fixture('binary.bin'))).rejects.toThrow(`${fixture('binary.bin')} is a binary file, not CSV.`);
	});
});

describe('overrides', () => {
	it('{delimiter: ";"} splits a comma file on semicolons only', async () => {
		const {file, rows} = await read(fixture('utf8-plain.csv'), {delimiter: ';'});
		expect(file.layout).toEqual(layoutOf({delimiter: ';', headers: ['Username,First Name,Last Name,Email']}));
		expect(rows[0]).toStrictEqual({row: 1, line: 2, cells: ['jmueller,Jürgen,Müller,juergen.mueller@example.com'], fieldCount: 1});
		expect(rows).toHaveLength(3);
	});

	it('{delimiter: ";"} on a semicolon file matches the sniffed layout', async () => {
		const sniffed = await read(fixture('semicolon.csv'));
		const told = await read(fixture('semicolon.csv'), {delimiter: ';'});
		expect(told.file.layout).toEqual(sniffed.file.layout);
		expect(told.rows).toStrictEqual(sniffed.rows);
	});

	it('{encoding: "windows-1252"} on the Windows-1252 file gives the same result as detection', async () => {
		const detected = await read(fixture('windows-1252.csv'));
		const told = await read(fixture('windows-1252.csv'), {encoding: 'windows-1252'});
		expect(told.file.layout).toEqual(detected.file.layout);
		expect(told.rows).toStrictEqual(detected.rows);
		expect(told.rows.at(-1)!.cells).toEqual(['jmueller', 'Jürgen', 'Müller', 'Café & Bäckerei']);
	});

	it('{encoding: "windows-1252"} wins over a UTF-8 BOM: the BOM bytes are then text', async () => {
		const {file, rows} = await read(fixture('utf8-bom.csv'), {encoding: 'windows-1252'});
		expect(file.layout).toMatchObject({encoding: 'windows-1252', bom: false, delimiter: ',', headerLine: 1});
		expect(file.layout.headers).toEqual(['ï»¿Username', 'First Name', 'Last Name', 'Email']);
		expect(rows[0]).toStrictEqual({row: 1, line: 2, cells: ['jmueller', 'JÃ¼rgen', 'MÃ¼ller', 'juergen.mueller@example.com'], fieldCount: 4});
	});

	it('{encoding: "utf-8"} on the Windows-1252 file shows the bad bytes as U+FFFD', async () => {
		const {file, rows} = await read(fixture('windows-1252.csv'), {encoding: 'utf-8'});
		expect(file.layout.encoding).toBe('utf-8');
		expect(rows.at(-1)!.cells).toEqual(['jmueller', 'J\uFFFDrgen', 'M\uFFFDller', 'Caf\uFFFD & B\uFFFDckerei']);
	});

	it('{headerLine: 3} on title-lines.csv matches the sniffed header', async () => {
		const sniffed = await read(fixture('title-lines.csv'));
		const told = await read(fixture('title-lines.csv'), {headerLine: 3});
		expect(told.file.layout).toEqual(layoutOf({headerLine: 3, headers: nameHeaders, newline: '\r\n'}));
		expect(told.rows).toStrictEqual(sniffed.rows);
	});

	it('{headerLine: 3} on utf16le-bom.csv takes a data row as the header', async () => {
		const {file, rows} = await read(fixture('utf16le-bom.csv'), {headerLine: 3});
		expect(file.layout).toEqual(layoutOf({encoding: 'utf-16le', bom: true, delimiter: '\t', headerLine: 3, headers: ['zoe', 'Zoë', 'Saldaña'], newline: '\r\n'}));
		expect(rows).toStrictEqual([{row: 1, line: 4, cells: ['jnunez', 'José', 'Núñez'], fieldCount: 3}]);
		expect(await openCsv(fixture('utf16le-bom.csv'), {headerLine: 4}).then((file) => file.layout.headers)).toEqual(['jnunez', 'José', 'Núñez']);
	});

	it('{headerLine: 3} is refused when that row holds an email address', async () => {
		const target = fixture('utf8-plain.csv');
		await expect(openCsv(target, {headerLine: 3})).rejects.toMatchObject({kind: 'no-header', path: target});
	});

	it('{headerLine: 3} inside a quoted multi-line field is no header', async () => {
		await expect(openCsv(fixture('quoted-multiline.csv'), {headerLine: 3})).rejects.toMatchObject({kind: 'no-header'});
	});
});

describe('tiny chunks', () => {
	const names = cases.map((each) => each.name);

	it.each(names)('%s: chunkSize 7 gives the same layout, rows and stats as the default', async (name) => {
		const whole = await read(fixture(name));
		const tiny = await read(fixture(name), {chunkSize: 7});
		expect(tiny.file.layout).toEqual(whole.file.layout);
		expect(tiny.rows).toStrictEqual(whole.rows);
		expect(tiny.stats).toEqual(whole.stats);
	});

	it('every chunk size from 1 to 64 reads quoted-multiline.csv and the UTF-16 files the same', async () => {
		for (const name of ['quoted-multiline.csv', 'utf16le-bom.csv', 'utf16be-bom.csv', 'invisible-chars.csv', 'windows-1252.csv']) {
			const expected = cases.find((each) => each.name === name)!;
			for (let chunkSize = 1; chunkSize <= 64; chunkSize++) {
				const {rows, stats} = await read(fixture(name), {chunkSize});
				expect({name, chunkSize, rows}).toStrictEqual({name, chunkSize, rows: expected.rows});
				expect({name, chunkSize, stats}).toEqual({name, chunkSize, stats: expected.stats});
			}
		}
	});

	it('chunkSize 7 really cuts a multibyte character and a quoted multi-line field', () => {
		const bytes = readFileSync(fixture('quoted-multiline.csv'));
		const boundaries = Array.from({length: Math.floor(bytes.length / 7)}, (_, index) => (index + 1) * 7);
		// A boundary just after a UTF-8 lead byte or inside a continuation run.
		expect(boundaries.some((at) => bytes[at]! >= 0x80 && bytes[at]! < 0xc0)).toBe(true);
		// A boundary inside the quoted street of row 2 (between its opening and closing quotes).
		const text = bytes.toString('latin1');
		const open = text.indexOf('"12 Rue');
		const close = text.indexOf('étage"'.replace('é', '\u00c3\u00a9')) + 'étage'.length + 1;
		expect(boundaries.some((at) => at > open && at < close)).toBe(true);
	});
});

describe('sample', () => {
	it('sample(2) returns the first 2 rows', async () => {
		const file = await openCsv(fixture('quoted-multiline.csv'));
		const expected = cases.find((each) => each.name === 'quoted-multiline.csv')!.rows.slice(0, 2);
		expect(await file.sample(2)).toStrictEqual(expected);
	});

	it('sample(2) skips dropped rows and blank lines like rows() does', async () => {
		const file = await openCsv(fixture('empty-rows.csv'));
		expect((await file.sample(2)).map((row) => [row.row, row.line])).toEqual([
			[1, 2],
			[2, 6],
		]);
	});

	it('sample(0) is empty and sample(99) is every row', async () => {
		const file = await openCsv(fixture('utf8-plain.csv'));
		expect(await file.sample(0)).toEqual([]);
		expect(await file.sample(99)).toStrictEqual(nameRows(2));
	});
});

describe('large files', () => {
	const folder = tempFolder('read-csv-large-');

	it('streams 20,000 rows with the right count and last line number', async () => {
		// Every 1,000th row has a note spanning two lines, so the last row starts on line 20,001 + 20.
		const lines = ['Username,Display Name,Note'];
		for (let index = 1; index <= 20_000; index++) {
			const note = index % 1000 === 0 ? `"line one\r\nline two, ${index}"` : `note ${index}`;
			lines.push(`user${index},Jürgen Müller ${index},${note}`);
		}
		const target = path.join(folder, 'large.csv');
		writeFileSync(target, lines.join('\r\n') + '\r\n');

		const file = await openCsv(target);
		expect(file.layout).toEqual(layoutOf({headers: ['Username', 'Display Name', 'Note'], newline: '\r\n'}));
		let count = 0;
		let last: CsvRow | undefined;
		let multi: CsvRow | undefined;
		for await (const row of file.rows()) {
			count++;
			expect(row.row).toBe(count);
			if (row.row === 1000) multi = row;
			last = row;
		}
		expect(count).toBe(20_000);
		expect(multi).toStrictEqual({row: 1000, line: 1001, cells: ['user1000', 'Jürgen Müller 1000', 'line one\r\nline two, 1000'], fieldCount: 3});
		expect(last).toStrictEqual({row: 20_000, line: 20_020, cells: ['user20000', 'Jürgen Müller 20000', 'line one\r\nline two, 20000'], fieldCount: 3});
		expect(file.stats()).toEqual({rows: 20_000, droppedRows: 0, cleanedCells: 0});
	});

	it('finds Windows-1252 from a single byte far past the first 64 KiB', async () => {
		const head = Buffer.from(['Benutzername;Vorname', ...Array.from({length: 20_000}, (_, index) => `user${index};Anna`)].join('\r\n') + '\r\n');
		expect(head.length).toBeGreaterThan(64 * 1024 * 2);
		const tail = Buffer.from([...Buffer.from('jnunez;Jos'), 0xe9, 0x0d, 0x0a]);
		const target = path.join(folder, 'cp1252-late.csv');
		writeFileSync(target, Buffer.concat([head, tail]));

		const file = await openCsv(target);
		expect(file.layout).toMatchObject({encoding: 'windows-1252', bom: false, delimiter: ';', headerLine: 1, headers: ['Benutzername', 'Vorname']});
		const rows: CsvRow[] = [];
		for await (const row of file.rows()) rows.push(row);
		expect(rows).toHaveLength(20_001);
		expect(rows.at(-1)).toStrictEqual({row: 20_001, line: 20_002, cells: ['jnunez', 'José'], fieldCount: 2});
	});
});
