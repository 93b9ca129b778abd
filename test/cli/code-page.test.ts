import {spawn} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readingFrom} from '../../source/commands/reading-flags.js';
import {runCommand} from '../../source/commands/run.js';
import type {EncodingLabel} from '../../source/csv/encoding.js';
import {headlessCommand} from '../../source/importer/headless-command.js';
import {defaultImportOptions} from '../../source/importer/options.js';
import {importFolder, readManifest} from '../../source/importer/import-store.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {useTempFolders} from '../support/temp-dir.js';
import {cliPath, runCli} from '../support/run-cli.js';
import {csvText, texts} from '../csv/code-page-texts.js';
import {legacyBytes} from '../csv/legacy-bytes.js';

const scratch = useTempFolders('jc-code-page-cli-');
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({seed: 5});
});
afterAll(async () => {
	await sandbox?.close();
});

const env = (home: string) => ({JC_API_KEY: sandbox.apiKey, JC_API_URL: sandbox.url, JC_IMPORT_HOME: home});
const ndjson = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown> & {type: string});

function written(name: string, lines: readonly string[], encoding: EncodingLabel): string {
	const file = path.join(scratch(), name);
	writeFileSync(file, legacyBytes(csvText(lines), encoding));
	return file;
}

/** The Polish export with one more row whose email cell holds a name, so the plan quotes the name as it was read. */
const polishWithNameInEmail = [...texts.polish, 'Łucja;Żak;Łukasz Żółkiewski;Kierownik;Łódź'];

async function inspectJson(file: string, flags: string[] = []) {
	const {code, stdout, stderr} = await runCli(['inspect', file, '--json', ...flags], {JC_IMPORT_HOME: scratch()});
	expect(stderr).toBe('');
	expect(code).toBe(0);
	return JSON.parse(stdout) as {encoding: string; encodingConfidence: number; columns: Array<{header: string; samples: string[]}>};
}

describe('code pages from the command line', () => {
	it.each<[string, keyof typeof texts, EncodingLabel, string]>([
		['Polish Windows-1250', 'polish', 'windows-1250', 'Miejscowość'],
		['Czech Windows-1250', 'czech', 'windows-1250', 'Příjmení'],
		['Polish ISO-8859-2', 'polish', 'iso-8859-2', 'Miejscowość'],
		['German Mac Roman', 'german', 'macintosh', 'Straße'],
		['German Windows-1252', 'german', 'windows-1252', 'Straße'],
	])('inspect --json reads a %s file as such, with its confidence', async (_, language, encoding, header) => {
		const report = await inspectJson(written('export.csv', texts[language], encoding));
		expect(report.encoding).toBe(encoding);
		expect(report.encodingConfidence).toBeGreaterThan(0.5);
		expect(report.encodingConfidence).toBeLessThanOrEqual(1);
		expect(report.columns.map((column) => column.header)).toContain(header);
	});

	it('inspect says the guess and its confidence in words', async () => {
		const {stdout} = await runCli(['inspect', written('polish.csv', texts.polish, 'windows-1250')], {JC_IMPORT_HOME: scratch()});
		expect(stdout.split('\n')[0]).toMatch(/: windows-1250 \(guessed, confidence 0\.\d\d; --encoding to choose another\), delimiter ';'/);
	});

	it('run --dry-run reads a Polish Windows-1250 file as Windows-1250, and --encoding windows-1252 wins', async () => {
		const file = written('polish.csv', polishWithNameInEmail, 'windows-1250');
		const guessed = await runCli(['run', file, '--dry-run', '--json'], env(scratch()));
		expect(guessed.code, guessed.stderr).toBe(1);
		const events = ndjson(guessed.stdout);
		expect(events[0]).toMatchObject({type: 'message', text: expect.stringMatching(/^Read as windows-1250, guessed with confidence 0\.\d\d/)});
		const plan = events.find((event) => event.type === 'plan')!;
		expect(JSON.stringify(plan.issues)).toContain('Łukasz Żółkiewski');

		const told = await runCli(['run', file, '--dry-run', '--json', '--encoding', 'windows-1252'], env(scratch()));
		const toldEvents = ndjson(told.stdout);
		expect(toldEvents.some((event) => event.type === 'message')).toBe(false);
		const toldPlan = toldEvents.find((event) => event.type === 'plan')!;
		expect(JSON.stringify(toldPlan.issues)).toContain('£ukasz ¯ó³kiewski');
	});

	it('a remembered mapping kept with its encoding reads the next file of its headers so, over a guess', async () => {
		const file = written('german.csv', ['First Name;Last Name;Email', 'Jürgen;Müller;j.mueller@example.de', 'Björn;Weiß;b.weiss@example.de'], 'windows-1252');
		const home = scratch();
		const guessed = JSON.parse((await runCli(['inspect', file, '--json'], {JC_IMPORT_HOME: home})).stdout);
		expect(guessed.encoding).toBe('windows-1252');
		expect(guessed.encodingConfidence).toBeLessThan(1);
		const saved = await runCli(['inspect', file, '--encoding', 'windows-1250', '--save-mapping'], {JC_IMPORT_HOME: home});
		expect(saved.code, saved.stderr).toBe(0);
		const remembered = JSON.parse((await runCli(['inspect', file, '--json'], {JC_IMPORT_HOME: home})).stdout);
		expect(remembered).toMatchObject({encoding: 'windows-1250', encodingConfidence: 1});
	});

	it('an exported mapping reads the next file as its own was read, and gives way to what the bytes say', async () => {
		const home = scratch();
		const polish = written('polish.csv', texts.polish, 'windows-1250');
		const preset = path.join(scratch(), 'preset.json');
		const exported = await runCli(['inspect', polish, '--encoding', 'iso-8859-2', '--export-mapping', preset], {JC_IMPORT_HOME: home});
		expect(exported.code, exported.stderr).toBe(0);
		expect(JSON.parse(readFileSync(preset, 'utf8')).csv).toEqual({encoding: 'iso-8859-2', delimiter: ';', headerLine: 1});
		// The guess (Windows-1250) gives way to the preset's code page; the same text in UTF-8 stays UTF-8.
		expect((await inspectJson(polish, ['--mapping', preset])).encoding).toBe('iso-8859-2');
		const utf8 = path.join(scratch(), 'polish-utf8.csv');
		writeFileSync(utf8, csvText(texts.polish));
		expect((await inspectJson(utf8, ['--mapping', preset])).encoding).toBe('utf-8');
		// A header row detection would not take (a title line of as many fields above it) is found again at the preset's line.
		const titled = written('titled.csv', ['Raport;Stan na 2026-11-30;Dział kadr;Wersja 2;Poufne', ...texts.polish], 'windows-1250');
		const detected = await inspectJson(titled);
		expect(detected.columns.map((column) => column.header)).not.toContain('Miejscowość');
		const asExported = path.join(scratch(), 'titled.json');
		await runCli(['inspect', titled, '--header-line', '2', '--delimiter', 'semicolon', '--export-mapping', asExported], {JC_IMPORT_HOME: home});
		const again = await inspectJson(titled, ['--mapping', asExported]);
		expect(again.columns.map((column) => column.header)).toContain('Miejscowość');
	});

	it('run and inspect refuse a reading flag they do not know, naming what they take', async () => {
		const file = written('polish.csv', texts.polish, 'windows-1250');
		for (const command of ['run', 'inspect']) {
			const encoding = await runCli([command, file, '--dry-run', '--encoding', 'latin-2'].filter((word) => command === 'run' || word !== '--dry-run'), env(scratch()));
			expect(encoding.code).toBe(2);
			expect(encoding.stderr).toContain('windows-1250, iso-8859-2, macintosh, shift_jis');
			const delimiter = await runCli([command, file, '--delimiter', 'colon'], env(scratch()));
			expect(delimiter.code).toBe(2);
			expect(delimiter.stderr).toContain("--delimiter must be ',', ';', tab or pipe");
			const line = await runCli([command, file, '--header-line', '0'], env(scratch()));
			expect(line.code).toBe(2);
			expect(line.stderr).toContain('--header-line must be a line number from 1');
		}
	});
});

/** A Polish CSV of `count` users, Windows-1250, semicolons, a title line above the header. */
function polishUsers(count: number, domain: string): string {
	const lines = ['Eksport użytkowników', 'Username;Email;First Name;Last Name;Password'];
	for (let index = 0; index < count; index++) lines.push(`pl${index}x;pl${index}@${domain};Łukasz;Żółkiewski${index};Import-Pass-${index}!`);
	return written('users.csv', lines, 'windows-1250');
}

describe('an import begun with --encoding', () => {
	it('resumes after Ctrl+C reading the file as it began, and its script command reads it so again', {timeout: 60_000}, async () => {
		const home = scratch();
		const domain = 'resume-1252.example.com';
		const file = polishUsers(40, domain);
		const flags = ['--encoding', 'windows-1252', '--delimiter', ';', '--header-line', '2'];
		let stdout = '';
		sandbox.setKnobs({latencyMs: 60});
		try {
			const child = spawn(process.execPath, [cliPath, 'run', file, '--yes', '--concurrency', '2', ...flags], {env: {PATH: process.env.PATH, HOME: process.env.HOME, ...env(home)}, stdio: ['ignore', 'pipe', 'pipe']});
			let interrupted = false;
			child.stdout.setEncoding('utf8').on('data', (chunk) => {
				stdout += chunk;
				if (!interrupted && (stdout.match(/ created /g) ?? []).length >= 3) {
					interrupted = true;
					child.kill('SIGINT');
				}
			});
			expect(await new Promise((resolve) => child.on('close', resolve))).toBe(130);
			const id = /jc-import resume (\S+)/.exec(stdout)?.[1];
			expect(id).toBeDefined();
			sandbox.setKnobs({latencyMs: 0});
			const beforeResume = [...sandbox.directory.users.values()].filter((user) => user.email.endsWith(`@${domain}`)).length;
			expect(beforeResume).toBeGreaterThanOrEqual(3);
			expect(beforeResume).toBeLessThan(40);
			const resumed = await runCli(['resume', id!, '--yes', '--json'], env(home));
			expect(resumed.code, resumed.stderr).toBe(0);
		} finally {
			sandbox.setKnobs({latencyMs: 0});
		}
		const users = [...sandbox.directory.users.values()].filter((user) => user.email.endsWith(`@${domain}`));
		expect(users).toHaveLength(40);
		// Every user, before the stop and after the resume, was read in Windows-1252 as told.
		expect(new Set(users.map((user) => user.firstname))).toEqual(new Set(['£ukasz']));

		const [importId] = /jc-import resume (\S+)/.exec(stdout)!.slice(1);
		const folder = importFolder(path.join(home, 'imports'), importId!);
		const manifest = readManifest(folder);
		expect(manifest.csv).toMatchObject({encoding: 'windows-1252', delimiter: ';', headerLine: 2});
		expect(manifest.mapping.csv).toEqual({encoding: 'windows-1252', delimiter: ';', headerLine: 2});

		// The "same import in a script" line: its flags read back as the reading the import used.
		const line = headlessCommand({file, mappingPath: folder.mappingPath, options: manifest.options, reading: manifest.csv, target: {sandbox: false, baseUrl: 'https://console.jumpcloud.com'}});
		expect(line).toContain("--encoding windows-1252 --delimiter ';' --header-line 2");
		const words = line.split(' ').slice(2).map((word) => word.replace(/^'(.*)'$/, '$1'));
		const options = Object.fromEntries(Object.entries(runCommand.flags).map(([name, flag]) => [name, {type: flag.type, multiple: flag.multiple === true}]));
		const {values} = parseArgs({args: words, options, allowPositionals: true, strict: true});
		expect(readingFrom(values)).toEqual({encoding: 'windows-1252', delimiter: ';', headerLine: 2});
		// The mapping file alone reads the file the same way: a script given only --mapping gets the same names.
		writeFileSync(folder.mappingPath, JSON.stringify(manifest.mapping));
		const report = await inspectJson(file, ['--mapping', folder.mappingPath]);
		expect(report.encoding).toBe('windows-1252');
		expect(report.columns.find((column) => column.header === 'First Name')!.samples).toEqual(['£ukasz']);
		expect(readFileSync(file).length).toBeGreaterThan(0);
	});
});

describe('the script command and the file reading', () => {
	/** The reading flags of a printed command line, read back as run reads them. */
	function readBack(line: string) {
		const words = line.split(' ').slice(2).map((word) => word.replace(/^'(.*)'$/, '$1'));
		const options = Object.fromEntries(Object.entries(runCommand.flags).map(([name, flag]) => [name, {type: flag.type, multiple: flag.multiple === true}]));
		return readingFrom(parseArgs({args: words, options, allowPositionals: true, strict: true}).values);
	}

	it.each([
		[{encoding: 'utf-8', delimiter: ',', headerLine: 1}, {}],
		[{encoding: 'windows-1250', delimiter: ';', headerLine: 1}, {encoding: 'windows-1250', delimiter: ';'}],
		[{encoding: 'utf-16le', delimiter: '\t', headerLine: 3}, {encoding: 'utf-16le', delimiter: '\t', headerLine: 3}],
		[{encoding: 'shift_jis', delimiter: '|', headerLine: 2}, {encoding: 'shift_jis', delimiter: '|', headerLine: 2}],
	])('says %j as the flags that read it so', (reading, flags) => {
		const line = headlessCommand({file: 'users.csv', mappingPath: 'mapping.json', options: defaultImportOptions, reading, target: {sandbox: false}});
		expect(line).not.toMatch(/\t/);
		expect(readBack(line)).toEqual(flags);
	});
});

