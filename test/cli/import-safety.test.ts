import {spawn, spawnSync} from 'node:child_process';
import {appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {importFolder, listImportIds} from '../../source/importer/import-store.js';
import {readJournal} from '../../source/importer/journal.js';
import {createdUsers, replay} from '../../source/importer/progress.js';
import {startSandbox, type Sandbox, type SandboxOptions} from '../../source/sandbox/index.js';
import {recordImport, usersCsv} from '../support/import-harness.js';
import {cliPath, runCli} from '../support/run-cli.js';
import {tempFolder} from '../support/temp-dir.js';

/*
 * The import's state on disk and the target it names, through the built CLI: every refusal is one
 * line and exit 2, and nothing is sent where it should not go.
 */

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

async function box(options: SandboxOptions = {}): Promise<Sandbox> {
	sandbox = await startSandbox({seed: 61, ...options});
	return sandbox;
}

const newHome = () => tempFolder('jc-import-safety-');
const env = (jcHome: string, target = sandbox!) => ({JC_API_KEY: target.apiKey, JC_API_URL: target.url, JC_IMPORT_HOME: jcHome});
const imported = (target = sandbox!) => [...target.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'));
const oneLine = (stderr: string) => stderr.trim().split('\n');
const importsOf = (jcHome: string) => listImportIds(path.join(jcHome, 'imports'));
const journalOf = (jcHome: string, id: string) => readJournal(importFolder(path.join(jcHome, 'imports'), id).journalPath);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(args: string[], childEnv: Record<string, string>) {
	const child = spawn(process.execPath, [cliPath, ...args], {env: {PATH: process.env.PATH, HOME: process.env.HOME, ...childEnv}, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
	const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
	return {child, exited, output: () => ({stdout, stderr})};
}

/** An import recorded in `jcHome` (as a start does) and not yet run: unfinished. */
async function unfinishedImport(target: Sandbox, jcHome: string, rows = 3) {
	return recordImport(target, usersCsv(rows), {}, jcHome);
}

function editManifest(jcHome: string, id: string, change: (manifest: Record<string, any>) => void) {
	const file = importFolder(path.join(jcHome, 'imports'), id).manifestPath;
	const manifest = JSON.parse(readFileSync(file, 'utf8'));
	change(manifest);
	writeFileSync(file, JSON.stringify(manifest));
}

describe('one import of a file into an organization at a time', () => {
	it('a second run of the same CSV while the first runs is refused, naming the first; the first creates every user once', {timeout: 60_000}, async () => {
		// Slow enough that the first is still running when the second starts, however loaded the machine.
		const target = await box({latencyMs: 300});
		const jcHome = newHome();
		const file = usersCsv(60);
		const first = start(['run', file, '--yes', '--json'], env(jcHome));
		while (importsOf(jcHome).length === 0) await sleep(20);
		const [id] = importsOf(jcHome);
		const second = await runCli(['run', file, '--yes'], env(jcHome));
		expect(second.code).toBe(2);
		expect(oneLine(second.stderr)).toEqual([`jc-import: Import ${id} is importing this file into this organization now (process ${first.child.pid} on ${hostname()}); wait for it to end, or stop it, rather than run the same rows twice.`]);
		expect(await first.exited).toBe(0);
		expect(importsOf(jcHome)).toEqual([id]);
		expect(imported(target)).toHaveLength(60);
	});
});

describe('resume and rollback go back where the import went, and nowhere else', () => {
	it('a key that reaches another organization is refused in one line; nothing is created or deleted', async () => {
		const target = await box();
		const jcHome = newHome();
		const {manifest} = await unfinishedImport(target, jcHome);
		editManifest(jcHome, manifest.id, (recorded) => (recorded.target.organization = {id: 'aaaaaaaaaaaaaaaaaaaaaaaa', name: 'Acme Prod'}));
		const resumed = await runCli(['resume', manifest.id, '--yes'], env(jcHome));
		expect(resumed.code).toBe(2);
		expect(oneLine(resumed.stderr)).toEqual([
			`jc-import: This API key reaches organization “${target.directory.org.displayName}” (${target.orgId}), but import ${manifest.id} was made in organization “Acme Prod” (aaaaaaaaaaaaaaaaaaaaaaaa): use a key for that organization. Nothing was done.`,
		]);
		expect(imported(target)).toHaveLength(0);

		// A rollback with that key deletes nothing, though the journal names a user the key can see.
		const bystander = target.directory.addUser({username: 'bystander', email: 'bystander@import.example.com', state: 'STAGED', passwordSet: false} as never);
		appendFileSync(importFolder(path.join(jcHome, 'imports'), manifest.id).journalPath, `${JSON.stringify({t: 'done', row: 1, step: 'create', at: new Date().toISOString(), userId: bystander._id, created: bystander.created})}\n`);
		const rolledBack = await runCli(['rollback', manifest.id, '--yes'], env(jcHome));
		expect(rolledBack.code).toBe(2);
		expect(oneLine(rolledBack.stderr)[0]).toContain('This API key reaches organization');
		expect(target.directory.users.has(bystander._id)).toBe(true);
	});

	it('a manifest that names a plain-http host is refused before the key is sent anywhere', async () => {
		const target = await box();
		const jcHome = newHome();
		const {manifest} = await unfinishedImport(target, jcHome);
		// An edited or planted manifest: http to another machine would carry the key in clear.
		editManifest(jcHome, manifest.id, (recorded) => (recorded.target.baseUrl = 'http://192.0.2.10:8080'));
		for (const command of [['resume', manifest.id, '--yes'], ['rollback', manifest.id, '--yes']]) {
			const before = Date.now();
			const result = await runCli(command, env(jcHome));
			expect(result.code).toBe(2);
			expect(oneLine(result.stderr)).toEqual([`jc-import: Import ${manifest.id}'s manifest names an API URL the key may not be sent to: The API URL must use https (plain http only to 127.0.0.1 or localhost): http://192.0.2.10:8080`]);
			expect(Date.now() - before).toBeLessThan(5000);
		}
	});

	it('resume of a finished import says so, and prints no plan', async () => {
		const target = await box();
		const jcHome = newHome();
		expect((await runCli(['run', usersCsv(2), '--yes'], env(jcHome))).code).toBe(0);
		const [id] = importsOf(jcHome);
		const result = await runCli(['resume', id!, '--yes'], env(jcHome));
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(oneLine(result.stderr)).toEqual([`jc-import: Import ${id} finished: 2 users created, 0 rows failed; there is nothing to resume.`]);
		expect(imported(target)).toHaveLength(2);
	});
});

describe('a signal before the run starts', () => {
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		it(`${signal} while the directory is read: one line, exit 130, nothing recorded or created`, async () => {
			const target = await box({latencyMs: 400});
			const jcHome = newHome();
			const run = start(['run', usersCsv(3), '--yes'], env(jcHome));
			await sleep(700);
			run.child.kill(signal);
			expect(await run.exited).toBe(130);
			expect(oneLine(run.output().stderr)).toEqual(['jc-import: stopped before the import began; nothing was created.']);
			expect(importsOf(jcHome)).toEqual([]);
			expect(imported(target)).toHaveLength(0);
		});
	}
});

describe('a create in flight when the process died', () => {
	it('an immediate resume settles it by lookup and provenance: every user once, each this import’s, all rolled back', {timeout: 60_000}, async () => {
		const target = await box({latencyMs: 1200});
		const jcHome = newHome();
		const run = start(['run', usersCsv(5), '--yes', '--concurrency', '5'], env(jcHome));
		const intents = () => (importsOf(jcHome).length === 0 ? 0 : journalOf(jcHome, importsOf(jcHome)[0]!).filter((record) => record.t === 'intent' && record.step === 'create').length);
		while (intents() < 5) await sleep(10);
		run.child.kill('SIGKILL');
		await run.exited;
		// The creates still sleep in the sandbox; what the resume sends now is answered at once.
		target.setKnobs({latencyMs: 0});
		const resumed = await runCli(['resume', '--yes', '--json'], env(jcHome));
		expect(resumed.code, resumed.stderr).toBe(0);
		await sleep(1500);
		const [id] = importsOf(jcHome);
		const progress = replay(journalOf(jcHome, id!));
		expect(imported(target)).toHaveLength(5);
		expect(createdUsers(progress).map((user) => user.userId).sort()).toEqual(imported(target).map((user) => user._id).sort());
		for (const row of progress.rows.values()) {
			expect(row.failed, `row ${row.row}`).toBeUndefined();
			expect(row.skipped, `row ${row.row}`).toBeUndefined();
		}
		const rolledBack = await runCli(['rollback', id!, '--yes', '--json'], env(jcHome));
		expect(rolledBack.code).toBe(0);
		expect(imported(target)).toHaveLength(0);
	});
});

describe('damage to the import’s state is one line, never a stack trace', () => {
	it('run --yes of a file that is not there (or is a folder): one line, exit 2', async () => {
		const target = await box();
		const folder = tempFolder('jc-import-missing-');
		for (const file of [path.join(folder, 'gone.csv'), folder]) {
			const result = await runCli(['run', file, '--yes'], env(newHome(), target));
			expect(result.code).toBe(2);
			expect(oneLine(result.stderr)).toHaveLength(1);
			expect(result.stderr).not.toMatch(/\n\s+at /);
		}
	});

	it('an empty manifest: imports lists it as damaged beside the others; resume without an id passes it over', async () => {
		const target = await box();
		const jcHome = newHome();
		const damaged = await unfinishedImport(target, jcHome, 2);
		const good = await unfinishedImport(target, jcHome, 2);
		writeFileSync(damaged.folder.manifestPath, '');
		const listed = await runCli(['imports', '--json'], env(jcHome));
		expect(listed.code).toBe(0);
		const listing = JSON.parse(listed.stdout) as Array<{id: string; status: string; problem?: string}>;
		expect(listing.find((item) => item.id === damaged.manifest.id)).toMatchObject({status: 'damaged', problem: expect.stringContaining('its manifest is empty')});
		expect(listing.find((item) => item.id === good.manifest.id)).toMatchObject({status: 'unfinished'});

		const byId = await runCli(['resume', damaged.manifest.id, '--yes'], env(jcHome));
		expect(byId.code).toBe(2);
		expect(oneLine(byId.stderr)).toEqual([`jc-import: Import ${damaged.manifest.id} is damaged: its manifest is empty. Its journal is kept in ${damaged.folder.dir}.`]);
		// Cut short mid-write, it is damaged in the same way.
		writeFileSync(damaged.folder.manifestPath, '{"format": "jc-import-manifest", "id": "x", "csv": {');
		expect(oneLine((await runCli(['resume', damaged.manifest.id, '--yes'], env(jcHome))).stderr)[0]).toContain('is not valid JSON (cut short?)');

		const newest = await runCli(['resume', '--yes', '--json'], env(jcHome));
		expect(newest.code, newest.stderr).toBe(0);
		expect(newest.stdout).toContain(good.manifest.id);
		expect(imported(target)).toHaveLength(2);
	});

	it('a null or garbled journal line is left out; the import resumes', async () => {
		const target = await box();
		const jcHome = newHome();
		const {manifest, folder} = await unfinishedImport(target, jcHome, 3);
		appendFileSync(folder.journalPath, 'null\n[1,2]\n{"t":"done"}\n"text"\n');
		const result = await runCli(['resume', manifest.id, '--yes'], env(jcHome));
		expect(result.code, result.stderr).toBe(0);
		expect(imported(target)).toHaveLength(3);
	});

	it('a journal or a lock that became a folder', async () => {
		const target = await box();
		const jcHome = newHome();
		const journal = await unfinishedImport(target, jcHome, 1);
		rmSync(journal.folder.journalPath);
		mkdirSync(journal.folder.journalPath);
		const byJournal = await runCli(['resume', journal.manifest.id, '--yes'], env(jcHome));
		expect(byJournal.code).toBe(2);
		expect(oneLine(byJournal.stderr)).toEqual([`jc-import: ${journal.folder.journalPath} is a folder, not a journal: the import folder is damaged.`]);

		const lock = await unfinishedImport(target, jcHome, 1);
		mkdirSync(lock.folder.lockPath);
		const byLock = await runCli(['resume', lock.manifest.id, '--yes'], env(jcHome));
		expect(byLock.code).toBe(2);
		expect(oneLine(byLock.stderr)).toHaveLength(1);
		expect(byLock.stderr).toContain('is a folder, not a lock file');
		expect(imported(target)).toHaveLength(0);
	});

	it('a manifest another user owns is not used; a folder everyone can write to is warned of', async () => {
		const target = await box();
		const jcHome = newHome();
		const planted = await unfinishedImport(target, jcHome, 1);
		chownSync(planted.folder.manifestPath, 12345, 12345);
		const result = await runCli(['resume', planted.manifest.id, '--yes'], env(jcHome));
		expect(result.code).toBe(2);
		expect(oneLine(result.stderr)).toEqual([`jc-import: Import ${planted.manifest.id} is not used: its manifest belongs to another user of this computer (${planted.folder.manifestPath}).`]);
		expect(imported(target)).toHaveLength(0);

		chmodSync(path.join(jcHome, 'imports'), 0o777);
		const listed = await runCli(['imports'], env(jcHome));
		expect(listed.code).toBe(0);
		expect(listed.stderr).toMatch(/^jc-import: warning: .*imports can be changed by every user on this computer \(mode 0777\)/m);
		expect(listed.stdout).toContain(`${planted.manifest.id}  damaged`);
	});

	it('JC_IMPORT_HOME that is a file, or a link to nothing', async () => {
		await box();
		const folder = newHome();
		const file = path.join(folder, 'home-file');
		writeFileSync(file, '');
		const dangling = path.join(folder, 'home-link');
		symlinkSync(path.join(folder, 'gone'), dangling);
		for (const jcHome of [file, dangling]) {
			const result = await runCli(['run', usersCsv(1), '--yes'], env(jcHome));
			expect(result.code).toBe(2);
			expect(oneLine(result.stderr)).toHaveLength(1);
			expect(result.stderr).toMatch(jcHome === file ? /is a file, not a folder/ : /is a link to .*gone, which does not exist/);
		}
		expect(imported()).toHaveLength(0);
	});
});

/** A small RAM disk for the import home, or undefined where this machine does not allow mounting one. */
function ramDisk(size: string): string | undefined {
	const dir = tempFolder('jc-import-ramdisk-');
	const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir]);
	return mounted.status === 0 ? dir : undefined;
}
const unmount = (dir: string) => spawnSync('umount', [dir]);
const canMount = (() => {
	const probe = ramDisk('64k');
	if (probe) unmount(probe);
	return probe !== undefined;
})();
const onRamDisk = canMount ? it : it.skip;
if (!canMount) console.warn('import-safety: cannot mount a tmpfs here (not root?): the full-disk and read-only tests are skipped.');

describe('a full or read-only disk under the import', () => {
	onRamDisk('disk full mid-import: stops cleanly, says how much was done and how to resume; after making room the resume ends at one user per row', {timeout: 90_000}, async () => {
		const target = await box({latencyMs: 2});
		const disk = ramDisk('48k')!;
		try {
			const run = await runCli(['run', usersCsv(400), '--yes', '--json'], env(disk));
			expect(run.code).toBe(130);
			const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {type: string; error: string; resume: string; counts: {usersCreated: number}};
			expect(summary).toMatchObject({type: 'summary', error: expect.stringMatching(/cannot be written: the disk is full\. Stopped after \d+ users created; make room, then: jc-import resume \d{8}-/)});
			expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
			const created = imported(target).length;
			expect(created).toBeGreaterThan(0);
			expect(created).toBeLessThan(400);

			spawnSync('mount', ['-o', 'remount,size=8m', disk]);
			const resumed = await runCli(['resume', '--yes', '--json'], env(disk));
			expect(resumed.code, resumed.stderr).toBe(0);
			expect(imported(target)).toHaveLength(400);
			const [id] = importsOf(disk);
			expect(new Set(createdUsers(replay(journalOf(disk, id!))).map((user) => user.userId)).size).toBe(400);
		} finally {
			unmount(disk);
		}
	});

	onRamDisk('a read-only import folder: one line, nothing created', async () => {
		const target = await box();
		const disk = ramDisk('1m')!;
		try {
			const {manifest} = await unfinishedImport(target, disk, 2);
			spawnSync('mount', ['-o', 'remount,ro', disk]);
			const result = await runCli(['resume', manifest.id, '--yes'], env(disk));
			expect(result.code).toBe(2);
			expect(oneLine(result.stderr)).toHaveLength(1);
			expect(result.stderr).toMatch(/read-only/);
			expect(imported(target)).toHaveLength(0);
			expect(existsSync(path.join(disk, 'imports', manifest.id, 'lock'))).toBe(false);
		} finally {
			unmount(disk);
		}
	});
});
