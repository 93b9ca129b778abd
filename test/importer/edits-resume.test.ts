import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {createImport, readManifest} from '../../source/importer/import-store.js';
import {newManifest} from '../../source/importer/start-import.js';
import {defaultImportOptions} from '../../source/importer/options.js';
import {prepareImport} from '../../source/importer/prepare.js';
import type {RowResult} from '../../source/importer/report.js';
import {writeFailed} from '../../source/importer/report.js';
import {prepareResume} from '../../source/importer/resume.js';
import {launchImport} from '../../source/importer/session.js';
import type {JumpCloudClient} from '../../source/jumpcloud/client.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {pacedClient} from '../support/import-harness.js';
import {tempFolder} from '../support/temp-dir.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

const header = 'Username;Email;First Name;Last Name;Password';
const rowOf = (index: number, email = `user${index}@import.example.com`, last = `Number${index}`) => `user${index};${email};User;${last};Import-Pass-${index}!`;

/** Text as Windows-1250 bytes, from TextDecoder's own table. */
function windows1250(text: string): Buffer {
	const decoder = new TextDecoder('windows-1250');
	const table = new Map(Array.from({length: 256}, (_, byte) => [decoder.decode(Uint8Array.of(byte)), byte] as const));
	return Buffer.from([...text].map((char) => table.get(char)!));
}

function writeCsv(content: string | Buffer): string {
	const file = path.join(tempFolder('jc-import-edits-'), 'users.csv');
	writeFileSync(file, content);
	return file;
}

/** Records a new import's manifest as a start does, into a fresh home, without running it. */
async function record(box: Sandbox, _client: JumpCloudClient, file: string, prepared: Awaited<ReturnType<typeof prepareImport>>) {
	const home = tempFolder('jc-import-home-');
	const manifest = newManifest(file, prepared, defaultImportOptions, {baseUrl: box.url, sandbox: false}, prepared.edits);
	return {manifest, folder: createImport(path.join(home, 'imports'), manifest)};
}

describe('cell edits across an import', () => {
	it('fix a row, are kept in the manifest, and a resume sends the edited payload', async () => {
		const box = (sandbox = await startSandbox({seed: 31}));
		const file = writeCsv(`${[header, rowOf(0), rowOf(1, 'user1-at-import.example.com'), rowOf(2)].join('\n')}\n`);
		const {client, pacer} = pacedClient(box);
		const first = await prepareImport({file, options: defaultImportOptions, client});
		expect(first.rows.map((row) => row.action)).toEqual(['create', 'invalid', 'create']);

		const edits = [{row: 2, column: 1, value: 'user1@import.example.com'}];
		// The wizard checks again with its own mapping and the directory it already read.
		const prepared = await prepareImport({file, options: defaultImportOptions, client, mapping: first.mapping, directory: first.directory, edits});
		expect(prepared.source).toEqual({kind: 'manual'});
		expect(prepared.rows.map((row) => row.action)).toEqual(['create', 'create', 'create']);
		expect(prepared.rows[1]!.body).toMatchObject({username: 'user1', email: 'user1@import.example.com'});

		const started = await record(box, client, file, prepared);
		const manifest = readManifest(started.folder);
		expect(manifest.edits).toEqual(edits);
		const resumed = await prepareResume(client, started.folder, manifest, {purpose: 'resume'});
		expect(resumed.rows.map((row) => row.body)).toEqual(prepared.rows.map((row) => row.body));
		// Without its edits, the same manifest would find row 2 invalid again.
		const {edits: _, ...unedited} = manifest;
		expect((await prepareResume(client, started.folder, unedited, {purpose: 'resume'})).rows[1]!.action).toBe('invalid');

		const outcome = await launchImport({client, pacer, folder: started.folder, manifest, mapping: resumed.mapping, rows: resumed.rows}).finished;
		expect(outcome.counts).toMatchObject({created: 3, failed: 0, invalid: 0});
		expect([...box.directory.users.values()].some((user) => user.email === 'user1@import.example.com')).toBe(true);
	});

	it('re-checking with a directory already read does not read it again', async () => {
		const box = (sandbox = await startSandbox({seed: 32}));
		const file = writeCsv(`${[header, rowOf(0)].join('\n')}\n`);
		const {client} = pacedClient(box);
		const {directory} = await prepareImport({file, options: defaultImportOptions, client});
		const offline = {} as JumpCloudClient;
		const again = await prepareImport({file, options: defaultImportOptions, client: offline, directory});
		expect(again.rows[0]!.action).toBe('create');
		await expect(prepareImport({file, options: defaultImportOptions, client: offline})).rejects.toThrow();
	});

	it('an encoding chosen by hand is kept on resume', async () => {
		const box = (sandbox = await startSandbox({seed: 33}));
		const file = writeCsv(windows1250(`${[header, rowOf(0, undefined, 'Dvořák'), rowOf(1, undefined, 'Žižek')].join('\r\n')}\r\n`));
		const {client} = pacedClient(box);
		// Detected as Windows-1250 (its words read as Czech); chosen as Windows-1252 against that.
		const detected = await prepareImport({file, options: defaultImportOptions, client});
		expect(detected.report.encoding).toBe('windows-1250');
		expect(detected.rows[0]!.body?.lastname).toBe('Dvořák');

		const prepared = await prepareImport({file, options: defaultImportOptions, client, overrides: {encoding: 'windows-1252'}});
		expect(prepared.rows.map((row) => row.body?.lastname)).toEqual(['Dvoøák', 'Žižek']);
		const started = await record(box, client, file, prepared);
		expect(started.manifest.csv).toMatchObject({encoding: 'windows-1252', delimiter: ';', headerLine: 1});
		const resumed = await prepareResume(client, started.folder, readManifest(started.folder), {purpose: 'resume'});
		expect(resumed.report.encoding).toBe('windows-1252');
		expect(resumed.rows.map((row) => row.body?.lastname)).toEqual(['Dvoøák', 'Žižek']);
	});
});

describe('failed.csv', () => {
	it('keeps the edits and the file\'s own encoding', async () => {
		const file = writeCsv(windows1250(`${[header, rowOf(0, 'bad-email', 'Dvořák'), rowOf(1)].join('\r\n')}\r\n`));
		const {client} = pacedClient((sandbox = await startSandbox({seed: 34})));
		const prepared = await prepareImport({file, options: defaultImportOptions, client, overrides: {encoding: 'windows-1250'}});
		const out = path.join(path.dirname(file), 'failed.csv');
		const results = [{row: 1, status: 'failed', error: 'refused'} as RowResult];
		const edits = [{row: 1, column: 1, value: 'user0@import.example.com'}];
		expect(await writeFailed(out, {file, layout: {encoding: 'windows-1250', delimiter: ';', headerLine: 1}}, prepared.mapping, results, edits)).toBe(1);
		const text = new TextDecoder('windows-1250').decode(readFileSync(out));
		expect(text).toBe(`${header};error\r\nuser0;user0@import.example.com;User;Dvořák;;refused\r\n`);
	});
});
