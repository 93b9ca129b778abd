import {spawn, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {acquireLock, ImportLockedError, isLocked, lockHolder} from '../../source/importer/lock.js';
import {useTempFolders} from '../support/temp-dir.js';

const racer = fileURLToPath(new URL('lock-racer.mjs', import.meta.url));

const tempFolder = useTempFolders('jc-import-lock-');
let folder: string;
let lock: string;
beforeEach(() => {
	folder = tempFolder();
	lock = path.join(folder, 'lock');
});
// A test may leave its folder read-only: open it before the fixture removes it.
afterEach(() => chmodSync(folder, 0o700));

/** The pid of a process that has exited. */
function deadPid(): number {
	const {pid} = spawnSync(process.execPath, ['-e', '']);
	return pid!;
}

function staleLock(file: string, pid = deadPid()): string {
	const nonce = randomBytes(16).toString('hex');
	writeFileSync(file, JSON.stringify({pid, host: hostname(), nonce, since: new Date().toISOString()}));
	return nonce;
}

function refusal(action: () => unknown): ImportLockedError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(ImportLockedError);
		const {message} = error as Error;
		expect(message).not.toContain('\n');
		return error as ImportLockedError;
	}
	throw new Error('expected an ImportLockedError');
}

const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000);

describe('the import lock', () => {
	it('is taken with the holder, a nonce and the import, and released', () => {
		const release = acquireLock(lock, {importId: 'imp-1'});
		const content = JSON.parse(readFileSync(lock, 'utf8')) as Record<string, unknown>;
		expect(content).toMatchObject({pid: process.pid, host: hostname(), importId: 'imp-1'});
		expect(content.nonce).toMatch(/^[\da-f]{32}$/);
		expect(typeof content.since).toBe('string');
		expect(isLocked(lock)).toBe(true);
		expect(lockHolder(lock)).toEqual({pid: process.pid, host: hostname(), importId: 'imp-1'});
		release();
		expect(existsSync(lock)).toBe(false);
		expect(isLocked(lock)).toBe(false);
		expect(lockHolder(lock)).toBeUndefined();
		acquireLock(lock)();
	});

	it('refuses while a live process holds it, naming its pid and import', () => {
		const release = acquireLock(lock, {importId: 'imp-7'});
		const before = readFileSync(lock, 'utf8');
		const {message} = refusal(() => acquireLock(lock));
		expect(message).toContain(`process ${process.pid}`);
		expect(message).toContain('imp-7');
		expect(readFileSync(lock, 'utf8')).toBe(before);
		release();
	});

	it('refuses a lock held on another machine, saying what to remove', () => {
		writeFileSync(lock, JSON.stringify({pid: 4242, host: 'elsewhere.example', nonce: 'ab'.repeat(16), since: ''}));
		const {message} = refusal(() => acquireLock(lock));
		expect(message).toContain('process 4242 on elsewhere.example');
		expect(message).toContain(`remove ${lock}`);
		expect(lockHolder(lock)).toEqual({pid: 4242, host: 'elsewhere.example'});
		expect(isLocked(lock)).toBe(false);
	});

	it('takes over a lock left by a process that is gone', () => {
		staleLock(lock);
		expect(lockHolder(lock)).toBeUndefined();
		const release = acquireLock(lock);
		expect(lockHolder(lock)?.pid).toBe(process.pid);
		release();
		expect(readdirSync(folder)).toEqual([]);
	});

	it('takes over a lock from before nonces were written', () => {
		writeFileSync(lock, JSON.stringify({pid: deadPid(), host: hostname()}));
		acquireLock(lock)();
	});

	it('respects a torn or empty lock younger than ten seconds: its writer may be mid-write', () => {
		for (const torn of ['', '{"pid":12']) {
			writeFileSync(lock, torn);
			const {message} = refusal(() => acquireLock(lock));
			expect(message).toContain('being written');
			expect(readFileSync(lock, 'utf8')).toBe(torn);
		}
	});

	it('takes over a torn or empty lock older than ten seconds', () => {
		for (const torn of ['', '{"pid":12']) {
			writeFileSync(lock, torn);
			utimesSync(lock, secondsAgo(11), secondsAgo(11));
			const release = acquireLock(lock);
			expect(lockHolder(lock)?.pid).toBe(process.pid);
			release();
		}
	});

	it('takes over past a marker whose maker died mid-takeover, and clears it', () => {
		const nonce = staleLock(lock);
		writeFileSync(`${lock}.takeover-${nonce}`, JSON.stringify({pid: deadPid(), host: hostname(), nonce: 'cd'.repeat(16), since: ''}));
		const release = acquireLock(lock);
		expect(readdirSync(folder)).toEqual(['lock']);
		release();
	});

	it('takes over past a marker of a marker, both makers dead', () => {
		const nonce = staleLock(lock);
		const marker = `${lock}.takeover-${nonce}`;
		const markerNonce = staleLock(marker);
		staleLock(`${marker}.takeover-${markerNonce}`);
		acquireLock(lock)();
		expect(readdirSync(folder)).toEqual([]);
	});

	it('leaves the takeover to a live process that holds its marker', () => {
		const nonce = staleLock(lock);
		const marker = `${lock}.takeover-${nonce}`;
		writeFileSync(marker, JSON.stringify({pid: process.pid, host: hostname(), nonce: 'ef'.repeat(16), since: ''}));
		const before = readFileSync(lock, 'utf8');
		expect(refusal(() => acquireLock(lock)).message).toBe(`Could not lock ${lock}: other processes kept competing for it; try again.`);
		expect(readFileSync(lock, 'utf8')).toBe(before);
		expect(existsSync(marker)).toBe(true);
	});

	it('does not remove a lock that is no longer its own', () => {
		const release = acquireLock(lock);
		const theirs = JSON.stringify({pid: 1, host: hostname(), nonce: '12'.repeat(16), since: ''});
		writeFileSync(lock, theirs);
		release();
		expect(readFileSync(lock, 'utf8')).toBe(theirs);
	});

	it('says in one line when the lock is a folder', () => {
		mkdirSync(lock);
		const {message} = refusal(() => acquireLock(lock));
		expect(message).toBe(`${lock} is a folder, not a lock file: the import folder is damaged; remove it if no jc-import is running.`);
		expect(isLocked(lock)).toBe(false);
	});

	it('says in one line when the import folder is missing', () => {
		const missing = path.join(folder, 'gone', 'lock');
		expect(refusal(() => acquireLock(missing)).message).toBe(`Could not lock ${missing} (ENOENT).`);
	});

	// Root writes through permissions, but not into sysfs.
	const root = process.getuid?.() === 0;
	it.skipIf(root ? !existsSync('/sys/kernel') : process.platform === 'win32')('says in one line when the import folder cannot be written', () => {
		let target = lock;
		if (root) target = '/sys/jc-import-lock-test';
		else chmodSync(folder, 0o500);
		const {message} = refusal(() => acquireLock(target));
		expect(message).toMatch(/^The import folder cannot be written: .+ \((EACCES|EPERM|EROFS)\); check its owner and permissions\.$/);
		expect(message).toContain(target);
	});
});

/** A racer process (lock-racer.mjs) that answers one line per command. */
type Contender = {send: (line: string) => void; next: () => Promise<string>; stop: () => Promise<void>};

function contender(): Contender {
	const child = spawn(process.execPath, [racer], {stdio: ['pipe', 'pipe', 'pipe']});
	const lines: string[] = [];
	const waiting: Array<(line: string) => void> = [];
	const push = (line: string) => (waiting.length > 0 ? waiting.shift()!(line) : lines.push(line));
	let stderr = '';
	createInterface({input: child.stdout}).on('line', push);
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<void>((resolve) => {
		child.on('close', (code) => {
			if (code !== 0) push(`exit ${code}: ${stderr.trim()}`);
			resolve();
		});
	});
	return {
		send: (line) => child.stdin.write(`${line}\n`),
		next: async () => lines.shift() ?? new Promise<string>((resolve) => waiting.push(resolve)),
		async stop() {
			child.stdin.end();
			await exited;
		},
	};
}

describe('the import lock, raced', () => {
	let contenders: Contender[] = [];
	afterEach(async () => {
		await Promise.all(contenders.map(async (one) => one.stop()));
		contenders = [];
	});

	it('lets exactly one of four processes take over a dead holder, 40 times', async () => {
		contenders = Array.from({length: 4}, () => contender());
		expect(await Promise.all(contenders.map(async (one) => one.next()))).toEqual(['ready', 'ready', 'ready', 'ready']);
		const dead = deadPid();
		const wins: number[] = [];
		const odd: string[] = [];
		for (let round = 0; round < 40; round++) {
			const roundFolder = path.join(folder, `round-${round}`);
			mkdirSync(roundFolder);
			const file = path.join(roundFolder, 'lock');
			staleLock(file, dead);
			// All four are idle and spin until the same instant: they try within a fraction of a millisecond.
			const at = performance.timeOrigin + performance.now() + 15;
			for (const one of contenders) one.send(`try ${file} ${at}`);
			const said = await Promise.all(contenders.map(async (one) => one.next()));
			wins.push(said.filter((line) => line === 'won').length);
			odd.push(...said.filter((line) => line !== 'won' && !line.startsWith('lost ')).map((line) => `round ${round}: ${line}`));
			// The winner holds the lock until every contender has answered.
			for (const one of contenders) one.send('release');
			await Promise.all(contenders.map(async (one) => one.next()));
			// Released, and no takeover marker left behind.
			expect(readdirSync(roundFolder)).toEqual([]);
		}
		expect(odd).toEqual([]);
		expect(wins).toEqual(Array.from({length: 40}, () => 1));
	}, 30_000);
});
