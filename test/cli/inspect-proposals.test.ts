import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/run-cli.js';
import {useTempFolders} from '../support/temp-dir.js';

const tempFolder = useTempFolders('jc-import-proposals-');

/** A file with a per-user column no attribute fits (Shirt size) and one that holds the same value on every row (Plant). */
function peopleCsv(): string {
	const file = path.join(tempFolder(), 'people.csv');
	const rows = [
		['Email', 'Username', 'Shirt size', 'Plant'],
		['ada@example.com', 'ada', 'S', 'Berlin'],
		['alan@example.com', 'alan', 'XL', 'Berlin'],
		['grace@example.com', 'grace', 'M', 'Berlin'],
	];
	writeFileSync(file, `${rows.map((row) => row.join(',')).join('\n')}\n`);
	return file;
}

const column = (report: {columns: Array<Record<string, unknown>>}, header: string) => report.columns.find((entry) => entry.header === header)!;

describe('inspect: evidence and custom attribute proposals', () => {
	it('--json gives every column its evidence, and a proposal only to the ignored per-user column', async () => {
		const {code, stdout, stderr} = await runCli(['inspect', peopleCsv(), '--json'], {JC_IMPORT_HOME: tempFolder()});
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		for (const entry of report.columns) expect(Array.isArray(entry.evidence), entry.header).toBe(true);
		expect(column(report, 'Shirt size')).toMatchObject({target: null, proposal: 'attribute:shirtSize'});
		expect(column(report, 'Plant')).not.toHaveProperty('proposal');
		expect(column(report, 'Email')).not.toHaveProperty('proposal');
	});

	it('the text report names the suggestion under its column, and how to take it', async () => {
		const {code, stdout} = await runCli(['inspect', peopleCsv()], {JC_IMPORT_HOME: tempFolder()});
		expect(code).toBe(0);
		const lines = stdout.split('\n');
		const shirt = lines.findIndex((line) => /Shirt size\s+→ \(not imported\)/.test(line));
		expect(shirt).toBeGreaterThan(0);
		expect(lines.slice(shirt + 1, shirt + 3).join(' ').replace(/\s+/g, ' ')).toContain(
			"suggested: custom attribute shirtSize (not applied; --custom-attributes or the wizard's s takes it)",
		);
		expect(stdout.match(/suggested:/g)).toHaveLength(1);
	});

	it('--custom-attributes maps the column to it, and --export-mapping keeps it for a headless run', async () => {
		const preset = path.join(tempFolder(), 'mapping.json');
		const {code, stdout} = await runCli(['inspect', peopleCsv(), '--json', '--custom-attributes', '--export-mapping', preset], {JC_IMPORT_HOME: tempFolder()});
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		expect(column(report, 'Shirt size')).toMatchObject({target: 'attribute:shirtSize', confidence: 1});
		expect(column(report, 'Shirt size')).not.toHaveProperty('proposal');
		expect(column(report, 'Plant')).toMatchObject({target: null});
		const saved = JSON.parse(readFileSync(preset, 'utf8'));
		expect(saved.columns).toContainEqual({index: 2, header: 'Shirt size', target: 'attribute:shirtSize'});
	});
});
