import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import {describe, expect, it} from 'vitest';
import {openCsv} from '../../source/csv/index.js';
import {replay} from '../../source/importer/progress.js';
import type {RowPlan} from '../../source/importer/row-plan.js';
import {rowResults, spreadsheetSafe, writeFailed, writeResults} from '../../source/importer/report.js';
import type {Target} from '../../source/mapping/catalog.js';
import {withDerivations} from '../../source/mapping/mapping.js';
import {tempFolder} from '../support/temp-dir.js';

const at = '2026-11-23T10:00:00.000Z';
const folder = () => tempFolder('jc-report-injection-');

/** The cells of a CSV as a spreadsheet would get them, BOM and all. */
function cellsOf(file: string, delimiter = ','): string[][] {
	const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
	return Papa.parse<string[]>(text, {delimiter, skipEmptyLines: true}).data;
}

describe('reports opened in a spreadsheet (CSV injection)', () => {
	it('a cell starting with = + - @ tab or CR gets a leading apostrophe; others are as they were', () => {
		for (const cell of ['=HYPERLINK("http://x","y")', '+49 30 1234', '-5', '@SUM(A1)', '\tcmd', '\rcmd']) expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
		for (const cell of ['', 'ada', 'ada@example.com', '5', 'a=b', "'quoted", ' =1']) expect(spreadsheetSafe(cell)).toBe(cell);
	});

	it('results.csv guards cells from the CSV and from the server', () => {
		const rows: RowPlan[] = [
			{row: 1, line: 2, username: '=cmd|calc', email: '@evil.example', action: 'create', groups: [{id: 'g', name: '+Admins'}], systems: [{id: 's', name: '-laptop', admin: false}], issues: []},
			{row: 2, line: 3, username: 'ada', email: 'ada@example.com', action: 'create', groups: [], systems: [], issues: []},
		];
		const progress = replay([
			{t: 'done', row: 1, step: 'create', at, userId: 'a'.repeat(24)},
			{t: 'failed', row: 2, step: 'create', at, error: '=1+1 from the server'},
		]);
		const file = path.join(folder(), 'results.csv');
		writeResults(file, rowResults(rows, progress));
		const [header, first, second] = cellsOf(file);
		expect(header).toEqual(['row', 'line', 'username', 'email', 'status', 'userId', 'groups', 'devices', 'email sent', 'error']);
		expect(first).toEqual(['1', '2', "'=cmd|calc", "'@evil.example", 'created', 'a'.repeat(24), "'+Admins", "'-laptop", '', '']);
		expect(second).toEqual(['2', '3', 'ada', 'ada@example.com', 'failed', '', '', '', '', "'=1+1 from the server"]);
	});

	it('failed.csv keeps the file cells and headers exactly (it is imported again), guards only the server error, and reads back as the same layout', async () => {
		const dir = folder();
		const source = path.join(dir, 'people.csv');
		writeFileSync(source, ['Username;Email;=Phone;City', 'ada;ada@example.com;+49 30 1234;-5', 'grace;grace@example.com;@x;Berlin', ''].join('\r\n'));
		const layout = (await openCsv(source)).layout;
		const mapping = withDerivations(
			(['username', 'email', 'mobile_number', 'work_city'] as Target[]).map((target, index) => ({index, header: layout.headers[index]!, target, confidence: 1, reason: 'exact' as const})),
			[],
		);
		const rows: RowPlan[] = [1, 2].map((row) => ({row, line: row + 1, username: `u${row}`, email: `u${row}@example.com`, action: 'create', groups: [], systems: [], issues: []}));
		const progress = replay([
			{t: 'failed', row: 1, step: 'create', at, error: '-1 is not allowed'},
			{t: 'failed', row: 2, step: 'create', at, error: 'refused'},
		]);
		const failed = path.join(dir, 'failed.csv');
		expect(await writeFailed(failed, {file: source, layout}, mapping, rowResults(rows, progress))).toBe(2);
		expect(cellsOf(failed, ';')).toEqual([
			['Username', 'Email', '=Phone', 'City', 'error'],
			['ada', 'ada@example.com', '+49 30 1234', '-5', "'-1 is not allowed"],
			['grace', 'grace@example.com', '@x', 'Berlin', 'refused'],
		]);
		expect((await openCsv(failed)).layout).toMatchObject({delimiter: ';'});
	});
});
