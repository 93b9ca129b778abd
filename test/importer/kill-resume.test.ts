import {listImportIds} from '../../source/importer/import-store.js';
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readJournal} from '../../source/importer/journal.js';
import {replay} from '../../source/importer/progress.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {usersCsv} from '../support/import-harness.js';
import {cliPath} from '../support/run-cli.js';
import {tempFolder} from '../support/temp-dir.js';

let sandbox: Sandbox;
beforeAll(async () => {
	// Slow enough that an import of 300 users takes several seconds: room for ten kills.
	sandbox = await startSandbox({seed: 11, latencyMs: 25, jitterMs: 10, rateLimit: 60});
});
afterAll(async () => {
	await sandbox?.close();
});

function start(args: string[], home: string): {child: ChildProcess; exited: Promise<number | null>} {
	const child = spawn(process.execPath, [cliPath, ...args], {
		env: {PATH: process.env.PATH, HOME: process.env.HOME, JC_API_KEY: sandbox.apiKey, JC_API_URL: sandbox.url, JC_IMPORT_HOME: home},
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let stderr = '';
	child.stderr!.on('data', (chunk) => (stderr += chunk));
	const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
	child.on('close', (code) => {
		if (code !== null && code !== 0 && code !== 130) console.error(`child exited ${code}: ${stderr}`);
	});
	return {child, exited};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The import's journal so far (empty before it exists). */
function journal(home: string) {
	const imports = path.join(home, 'imports');
	if (!existsSync(imports)) return [];
	const [id] = listImportIds(imports);
	return id ? readJournal(path.join(imports, id, 'journal.jsonl')) : [];
}
const journalLength = (home: string) => journal(home).length;
const runsStarted = (home: string) => journal(home).filter((record) => record.t === 'run' && record.event === 'started').length;

describe('kill -9 at any instant, then resume', () => {
	it('ends with exactly one user per row and a consistent journal after ten kills', {timeout: 240_000}, async () => {
		const rows = 300;
		const file = usersCsv(rows, 'Group', (index) => (index % 3 === 0 ? 'Engineering' : 'All Staff'));
		const home = tempFolder('jc-import-kill-');
		let random = 12345;
		const nextRandom = () => ((random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

		// First run: killed once it is well under way.
		let run = start(['run', file, '--api-url', sandbox.url, '--yes', '--json'], home);
		while (journalLength(home) < 20) await sleep(20);
		await sleep(nextRandom() * 400);
		run.child.kill('SIGKILL');
		await run.exited;

		for (let kill = 1; kill < 10; kill++) {
			run = start(['resume', '--yes', '--json'], home);
			const before = runsStarted(home);
			// Wait until this resume is running rows, then kill it at a random instant.
			while (runsStarted(home) <= before && run.child.exitCode === null) await sleep(10);
			await sleep(nextRandom() * 700);
			run.child.kill('SIGKILL');
			await run.exited;
		}

		run = start(['resume', '--yes', '--json'], home);
		expect(await run.exited).toBe(0);

		const imported = [...sandbox.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'));
		expect(imported).toHaveLength(rows);
		const [id] = listImportIds(path.join(home, 'imports'));
		const records = readJournal(path.join(home, 'imports', id!, 'journal.jsonl'));
		const progress = replay(records);
		expect(progress.finished).toBe(true);
		expect(progress.runs).toBe(11);
		// Every row: one user, the one JumpCloud has; nothing left pending or failed.
		const userIds = new Set<string>();
		for (const row of progress.rows.values()) {
			expect(row.pending.size, `row ${row.row} pending`).toBe(0);
			expect(row.failed, `row ${row.row} failed`).toBeUndefined();
			userIds.add(row.userId!);
		}
		expect(userIds).toEqual(new Set(imported.map((user) => user._id)));
		expect(records.filter((record) => record.t === 'done' && record.step === 'create')).toHaveLength(rows);
		// The kills really fell mid-flight: creates whose answer was never recorded, marked interrupted
		// on resume and settled by a lookup (found: done and reconciled), never by sending them again blind.
		// (An intent is written only once the pacer lets the create go, so these are creates truly on the wire.)
		const interrupted = records.filter((record) => record.t === 'lost' && record.step === 'create' && record.kind === 'interrupted');
		expect(interrupted.length).toBeGreaterThanOrEqual(1);
		// And the memberships: each user in its group once.
		const engineering = [...sandbox.directory.groups.values()].find((group) => group.name === 'Engineering')!;
		const members = sandbox.directory.memberships.get(engineering.id)!;
		expect(imported.filter((user) => members.has(user._id))).toHaveLength(rows / 3);
	});
});
