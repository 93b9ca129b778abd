import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {scanFile} from '../../source/csv/scan-file.js';
import {listImportIds} from '../../source/importer/import-store.js';
import {readJournal} from '../../source/importer/journal.js';
import {defaultImportOptions} from '../../source/importer/options.js';
import {replay} from '../../source/importer/progress.js';
import {directoryForStreaming, resumeStreamed, startStreamedImport} from '../../source/importer/streamed-start.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {newHome, pacedClient, usersCsv} from '../support/import-harness.js';
import {cliPath} from '../support/run-cli.js';
import {useTempFolders} from '../support/temp-dir.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

const tempFolder = useTempFolders('jc-import-managers-kill-');

/** Rows 1 to `reports` name a manager on a later row (one of the last `managers` rows, some by display name). */
function laterManagersCsv(reports: number, managers: number): string {
	return usersCsv(reports + managers, 'Manager', (index) => {
		if (index >= reports) return '';
		const manager = reports + (index % managers);
		return index % 2 === 0 ? `user${manager}` : `User Number${manager}`;
	});
}

/** Every imported user once, and each report managed by its later row's user. */
function expectExactlyOnceWithManagers(box: Sandbox, reports: number, managers: number) {
	const imported = [...box.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'));
	expect(imported).toHaveLength(reports + managers);
	const byName = new Map(imported.map((user) => [user.username, user]));
	expect(byName.size).toBe(reports + managers);
	for (let index = 0; index < reports; index++) {
		expect(byName.get(`user${index}`)!.manager, `user${index}`).toBe(byName.get(`user${reports + (index % managers)}`)!._id);
	}
	for (let index = reports; index < reports + managers; index++) expect(byName.get(`user${index}`)!.manager).toBeUndefined();
}

function start(box: Sandbox, args: string[], home: string): {child: ChildProcess; exited: Promise<number | null>} {
	const child = spawn(process.execPath, [cliPath, ...args], {
		env: {PATH: process.env.PATH, HOME: process.env.HOME, JC_API_KEY: box.apiKey, JC_API_URL: box.url, JC_IMPORT_HOME: home},
		stdio: ['ignore', 'ignore', 'ignore'],
	});
	const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
	return {child, exited};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function journalOf(home: string) {
	const imports = path.join(home, 'imports');
	if (!existsSync(imports)) return [];
	const [id] = listImportIds(imports);
	return id ? readJournal(path.join(imports, id, 'journal.jsonl')) : [];
}

describe('later-row managers, killed and resumed', () => {
	it('kill -9 mid-import, then resume: exactly one user per row, every manager set', {timeout: 120_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 71, latencyMs: 20, jitterMs: 10, rateLimit: 60}));
		const reports = 120;
		const managers = 30;
		const file = laterManagersCsv(reports, managers);
		const home = tempFolder();
		let random = 4242;
		const nextRandom = () => ((random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

		let run = start(box, ['run', file, '--api-url', box.url, '--yes', '--json'], home);
		let kills = 0;
		for (; kills < 4; kills++) {
			const before = journalOf(home).length;
			// Killed once it has written a little more, at a random instant after.
			while (journalOf(home).length < before + 10 && run.child.exitCode === null) await sleep(10);
			await sleep(nextRandom() * 300);
			if (run.child.exitCode !== null) break;
			run.child.kill('SIGKILL');
			await run.exited;
			run = start(box, ['resume', '--yes', '--json'], home);
		}
		expect(kills).toBeGreaterThanOrEqual(2);
		expect(await run.exited).toBe(0);

		expectExactlyOnceWithManagers(box, reports, managers);
		const progress = replay(journalOf(home));
		expect(progress.finished).toBe(true);
		expect(journalOf(home).filter((record) => record.t === 'done' && record.step === 'create')).toHaveLength(reports + managers);
		for (const row of progress.rows.values()) expect(row.failed, `row ${row.row}`).toBeUndefined();
	});

	it('a streamed start stopped hard while reports wait for later managers resumes (streamed) exactly once', {timeout: 90_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 72, latencyMs: 2}));
		const reports = 400;
		const managers = 100;
		const file = laterManagersCsv(reports, managers);
		const home = newHome();
		const {client, pacer} = pacedClient(box);
		const scan = await scanFile(file);
		let created = 0;
		const streamed = await startStreamedImport({
			client,
			pacer,
			importsDir: path.join(home, 'imports'),
			directory: (await directoryForStreaming(client, scan))!,
			scan,
			file,
			options: defaultImportOptions,
			target: {baseUrl: box.url, sandbox: false},
			onEvent: (event) => {
				// Stopped once the managers are being made and their reports let go.
				if (event.type === 'row-created' && event.row <= reports && ++created === 50) streamed.started!.session.runner.stop(true);
			},
		});
		const first = await streamed.started!.session.finished;
		expect(first.stopped).toBe(true);
		const {folder, manifest} = streamed.started!;
		const begun = await resumeStreamed({client, pacer, importsDir: path.join(home, 'imports'), folder, manifest, retryFailed: false, allowChangedCsv: false, fromLines: 10});
		expect('streamed' in begun).toBe(true);
		const resumed = 'streamed' in begun ? begun.streamed : undefined;
		const outcome = await resumed!.started!.session.finished;
		expect(outcome.counts).toMatchObject({rows: reports + managers, created: reports + managers, remaining: 0, failed: 0, skipped: 0});
		expectExactlyOnceWithManagers(box, reports, managers);
		expect(outcome.results.every((result) => result.error === '')).toBe(true);
	});
});
