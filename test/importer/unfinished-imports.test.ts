import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {DamagedImportError} from '../../source/importer/import-store.js';
import {unfinishedImports} from '../../source/importer/unfinished-imports.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {importFile, newHome, recordImport, usersCsv} from '../support/import-harness.js';

/* What both faces offer to resume: `resume` without an ID takes the newest, the wizard lists them all. */

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

const ids = (found: Iterable<{id: string}>) => [...found].map((item) => item.id).sort();

describe('unfinished imports', () => {
	it('are the recorded imports not run to their end: a finished one is left out, a damaged one passed over unless told', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 61}));
		const home = newHome();
		const importsDir = path.join(home, 'imports');
		const unfinished = await recordImport(box, usersCsv(2), {}, home);
		const finished = await importFile(box, usersCsv(2), {}, undefined, home);
		expect(finished.outcome.stopped).toBe(false);
		const damaged = await recordImport(box, usersCsv(2), {}, home);
		writeFileSync(damaged.folder.manifestPath, '');
		const sandboxed = await recordImport(box, usersCsv(2), {}, home);
		const manifest = JSON.parse(readFileSync(sandboxed.folder.manifestPath, 'utf8'));
		writeFileSync(sandboxed.folder.manifestPath, JSON.stringify({...manifest, target: {...manifest.target, sandbox: true}}));

		expect(ids(unfinishedImports(importsDir))).toEqual([unfinished.manifest.id, sandboxed.manifest.id].sort());
		// The wizard offers none that ran against a sandbox, which ended with its process.
		expect(ids(unfinishedImports(importsDir, {skipSandbox: true}))).toEqual([unfinished.manifest.id]);
		const found = [...unfinishedImports(importsDir, {skipSandbox: true})][0]!;
		expect(found.folder.dir).toBe(unfinished.folder.dir);
		expect(found.manifest.csv.path).toBe(unfinished.manifest.csv.path);
		expect(found.progress.finished).toBe(false);
		// A failure the caller does not pass over is thrown, not hidden.
		expect(() => [...unfinishedImports(importsDir, {passOver: () => false})]).toThrow(DamagedImportError);
	});

	it('are none in a home with no imports folder', () => {
		expect(ids(unfinishedImports(path.join(newHome(), 'imports')))).toEqual([]);
	});
});
