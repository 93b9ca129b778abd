import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {JumpCloudClient} from '../../source/jumpcloud/client.js';
import {createImport} from '../../source/importer/import-store.js';
import {defaultImportOptions, type ImportOptions} from '../../source/importer/options.js';
import {Pacer} from '../../source/importer/pacer.js';
import {prepareImport} from '../../source/importer/prepare.js';
import {newManifest, startNewImport} from '../../source/importer/start-import.js';
import type {RunnerEvent} from '../../source/importer/runner.js';
import type {Sandbox} from '../../source/sandbox/index.js';
import {tempFolder} from './temp-dir.js';

/** A CSV of `count` new users (none of them in the sandbox's seed), with passwords the default policy takes; its folder is removed after the test file. */
export function usersCsv(count: number, extraHeader = '', extra: (index: number) => string = () => ''): string {
	const folder = tempFolder('jc-import-users-');
	const file = path.join(folder, 'users.csv');
	const lines = [`Username,Email,First Name,Last Name,Password${extraHeader ? `,${extraHeader}` : ''}`];
	for (let index = 0; index < count; index++) {
		lines.push(`user${index},user${index}@import.example.com,User,Number${index},Import-Pass-${index}!${extraHeader ? `,${extra(index)}` : ''}`);
	}
	writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

/** A client the way the commands make one: every request through an adaptive pacer. */
export function pacedClient(sandbox: Sandbox, pacer = new Pacer()): {client: JumpCloudClient; pacer: Pacer} {
	const client = new JumpCloudClient({apiKey: sandbox.apiKey, baseUrl: sandbox.url, gate: pacer.gate, observer: pacer.observe, timeoutMs: 5000});
	return {client, pacer};
}

/** A fresh JC_IMPORT_HOME, removed after the test file. */
export const newHome = () => tempFolder('jc-import-home-');

/** Prepares an import and records its manifest (in a fresh home unless given one), without running it. */
export async function recordImport(sandbox: Sandbox, file: string, options: Partial<ImportOptions> = {}, home = newHome()) {
	const importOptions: ImportOptions = {...defaultImportOptions, ...options};
	const {client, pacer} = pacedClient(sandbox);
	const prepared = await prepareImport({file, options: importOptions, client});
	const manifest = newManifest(file, prepared, importOptions, {baseUrl: sandbox.url, sandbox: false}, []);
	const folder = createImport(path.join(home, 'imports'), manifest);
	return {client, pacer, prepared, manifest, folder, home};
}

/** Plans, records and runs an import in this process through the engine's one start, as `jc-import run --yes` does. */
export async function importFile(sandbox: Sandbox, file: string, options: Partial<ImportOptions> = {}, onEvent?: (event: RunnerEvent) => void, home = newHome()) {
	const importOptions: ImportOptions = {...defaultImportOptions, ...options};
	const {client, pacer} = pacedClient(sandbox);
	const prepared = await prepareImport({file, options: importOptions, client});
	const started = await startNewImport({client, pacer, importsDir: path.join(home, 'imports'), file, prepared, options: importOptions, target: {baseUrl: sandbox.url, sandbox: false}, onEvent});
	const outcome = await started.session.finished;
	return {outcome, folder: started.folder, manifest: started.manifest, prepared, pacer, client, home};
}
