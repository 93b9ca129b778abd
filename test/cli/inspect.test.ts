import {readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {spawn} from 'node:child_process';
import {cliPath, runCli} from '../support/run-cli.js';
import {projectRoot} from '../support/shared.js';
import {whenReading} from '../support/signal-ready.js';
import {tempFolder} from '../support/temp-dir.js';

const layouts = path.join(projectRoot, 'fixtures/layouts');
const freshHome = () => tempFolder('jc-import-home-');
const file = (name: string, content: string | Buffer) => {
	const target = path.join(tempFolder('jc-import-csv-'), name);
	writeFileSync(target, content);
	return target;
};

describe('jc-import inspect', () => {
	it('--json prints exactly the documented object', async () => {
		const {code, stdout, stderr} = await runCli(['inspect', path.join(layouts, 'personio-de.csv'), '--json'], {JC_IMPORT_HOME: freshHome()});
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		expect(Object.keys(report)).toEqual(['encoding', 'encodingConfidence', 'delimiter', 'headerLine', 'rows', 'cleanedCells', 'droppedRows', 'columns', 'derived', 'issues', 'summary']);
		expect(report).toMatchObject({encoding: 'windows-1252', delimiter: ';', headerLine: 1, rows: 2, cleanedCells: 0, droppedRows: 0, summary: {valid: 2, warnings: 0, errors: 0}});
		expect(report.columns[1]).toEqual({index: 1, header: 'Vorname', target: 'firstname', confidence: 0.92, samples: ['Jürgen', 'Petra'], evidence: expect.any(Array)});
		expect(report.derived).toEqual([
			{target: 'username', from: ['email'], rule: expect.any(String)},
			{target: 'displayname', from: ['firstname', 'lastname'], rule: expect.any(String)},
		]);
	});

	it('exits 0 with row errors, each with row, line, column and message, and never shows a password', async () => {
		const csv = file('errors.csv', 'Username,Email,Password\nada,ada@example.com,Secret-Pass-1\n1bad,not-mail,Secret-Pass-2\nada,other@example.com,Secret-Pass-3\n');
		const {code, stdout} = await runCli(['inspect', csv, '--json'], {JC_IMPORT_HOME: freshHome()});
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		expect(report.summary).toEqual({valid: 1, warnings: 0, errors: 2});
		expect(report.issues).toContainEqual({row: 2, line: 3, column: 'Email', severity: 'error', message: 'not-mail is not an email address'});
		expect(report.issues).toContainEqual(expect.objectContaining({row: 3, line: 4, column: 'Username', severity: 'error', message: expect.stringContaining('row 1')}));
		expect(report.columns[2].samples).toEqual(['********', '********', '********']);
		expect(stdout).not.toContain('Secret-Pass');
	});

	it('prints a readable report, with cell text sanitized', async () => {
		const csv = file('escape.csv', 'Username,Email,Department\nada,ada@example.com,"\u001b]0;pwned\u0007\u001b[2JSales"\n');
		const {code, stdout} = await runCli(['inspect', csv], {JC_IMPORT_HOME: freshHome()});
		expect(code).toBe(0);
		expect(stdout).toContain('utf-8, delimiter \',\', header on line 1');
		expect(stdout).toMatch(/Department\s+→ department\s+1\.00/);
		// The escape sequences are removed whole from the cell, which is sent as Sales, and the row says so.
		expect(stdout).toMatch(/Department\s+→ department\s+1\.00\s+Sales$/m);
		expect(stdout).toContain('control characters removed: Sales is sent');
		expect(stdout).toContain('0 rows valid, 1 row with warnings only, 0 rows with errors.');
		expect(stdout).not.toContain('pwned');
		expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
	});

	it.each([
		['a missing file', () => path.join(tmpdir(), 'no-such-file.csv'), /no such file/],
		['a folder', () => tmpdir(), /is a folder/],
		['an Excel workbook', () => file('book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 0, 0, 9])), /Excel workbook/],
		['a binary file', () => file('data.bin', Buffer.from([1, 2, 0, 0, 255, 3, 0, 7, 8, 0, 0, 1, 9, 0])), /binary file/],
		['an empty file', () => file('empty.csv', ''), /is empty/],
		['a file without a header', () => file('data.csv', 'ada,ada@example.com\nbob,bob@example.com\n'), /no header row/],
	])('exits 2 with one line for %s', async (_, make, reason) => {
		const {code, stdout, stderr} = await runCli(['inspect', make()], {JC_IMPORT_HOME: freshHome()});
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(stderr).toMatch(reason);
		expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
	});

	it('remembers a saved mapping for the same header row, and exports and reads preset files', async () => {
		const home = freshHome();
		const csv = file('people.csv', 'Login,Mail\nada,ada@example.com\n');
		const first = JSON.parse((await runCli(['inspect', csv, '--json'], {JC_IMPORT_HOME: home})).stdout);
		expect(first.columns.map((column: {target: string}) => column.target)).toEqual(['username', 'email']);

		const preset = path.join(path.dirname(csv), 'preset.json');
		await runCli(['inspect', csv, '--save-mapping', '--export-mapping', preset], {JC_IMPORT_HOME: home});
		expect(JSON.parse(readFileSync(preset, 'utf8'))).toMatchObject({format: 'jc-import-mapping', version: 1});
		expect(statSync(preset).mode & 0o777).toBe(0o600);

		const again = await runCli(['inspect', csv], {JC_IMPORT_HOME: home});
		expect(again.stdout).toContain('Mapping remembered for this header row');
		const fromFile = await runCli(['inspect', csv, '--mapping', preset], {JC_IMPORT_HOME: freshHome()});
		expect(fromFile.stdout).toContain(`Mapping from ${preset}`);
	});

	it('exits 2 with one line when the mapping cannot be exported', async () => {
		const csv = file('export.csv', 'Username,Email\nada,ada@example.com\n');
		const {code, stderr} = await runCli(['inspect', csv, '--export-mapping', path.join(tmpdir(), 'no-such-folder-xyz', 'm.json')], {JC_IMPORT_HOME: freshHome()});
		expect(code).toBe(2);
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(stderr).toContain('its folder does not exist');
	});

	it('derives what is missing unless told not to', async () => {
		const csv = file('no-username.csv', 'Email,First Name,Last Name\nada@example.com,Ada,Lovelace\n');
		const derived = JSON.parse((await runCli(['inspect', csv, '--json'], {JC_IMPORT_HOME: freshHome()})).stdout);
		expect(derived.derived.map((each: {target: string}) => each.target)).toEqual(['username', 'displayname']);
		expect(derived.summary).toEqual({valid: 1, warnings: 0, errors: 0});
		const {code, stdout} = await runCli(['inspect', csv, '--json', '--no-derive', 'username'], {JC_IMPORT_HOME: freshHome()});
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		expect(report.derived.map((each: {target: string}) => each.target)).toEqual(['displayname']);
		expect(report.summary).toEqual({valid: 0, warnings: 0, errors: 1});
		expect(report.issues).toContainEqual(expect.objectContaining({row: 1, severity: 'error', message: 'username is missing'}));
		const wrong = await runCli(['inspect', csv, '--no-derive', 'email'], {JC_IMPORT_HOME: freshHome()});
		expect(wrong.code).toBe(2);
	});

	it('honours --delimiter, --encoding and --header-line', async () => {
		const csv = file('odd.csv', Buffer.from('Report\nName;Mail\nJ\xfcrgen;j@example.com\n', 'latin1'));
		const {code, stdout} = await runCli(['inspect', csv, '--json', '--delimiter', ';', '--encoding', 'windows-1252', '--header-line', '2'], {JC_IMPORT_HOME: freshHome()});
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		expect(report).toMatchObject({encoding: 'windows-1252', delimiter: ';', headerLine: 2, rows: 1});
		expect(report.columns[0].samples).toEqual(['Jürgen']);
	});
});

describe('inspect of a big file', () => {
	it('Ctrl+C while it reads prints one line and exits 130', {timeout: 60_000}, async () => {
		const lines = ['Username,Email,First Name,Last Name'];
		for (let index = 0; index < 200_000; index++) lines.push(`big${index},big${index}@example.com,Big,User${index}`);
		const csv = file('big.csv', `${lines.join('\n')}\n`);
		const child = spawn(process.execPath, [cliPath, 'inspect', csv], {env: {...process.env, JC_IMPORT_HOME: freshHome()}, stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		let stdout = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
		// While it reads the file (its Ctrl+C handler is set before): 200,000 rows take seconds.
		await whenReading(child.pid!, csv);
		child.kill('SIGINT');
		expect(await closed).toBe(130);
		expect(stderr.trim()).toBe('jc-import: inspect stopped; nothing was changed.');
		expect(stdout).toBe('');
	});
});
