import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {directoryProgress} from '../../source/commands/import-reporter.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {spawn} from 'node:child_process';
import {cliPath, runCli} from '../support/run-cli.js';
import {tempFolder} from '../support/temp-dir.js';

describe('directory progress', () => {
	it('nothing for a read done within a second, then at most two lines a second, and the last', () => {
		let now = 0;
		const lines: string[] = [];
		const progress = directoryProgress(false, (text) => lines.push(text), () => now);
		for (let read = 100; read <= 3000; read += 100) {
			progress(read, 3000);
			now += 100;
		}
		expect(lines[0]).toBe('read 1,100 of 3,000 users\n');
		expect(lines.at(-1)).toBe('read 3,000 of 3,000 users\n');
		expect(lines.length).toBeLessThanOrEqual(Math.ceil(((3000 / 100) * 100) / 500) + 1);
		// A new read (the count goes back): quiet again for its first second.
		lines.length = 0;
		progress(100, 3000);
		progress(3000, 3000);
		expect(lines).toEqual([]);
	});

	it('as NDJSON events with --json; lookups are their own phase', () => {
		let now = 0;
		const lines: string[] = [];
		const progress = directoryProgress(true, (text) => lines.push(text), () => now);
		progress(100, 50_000);
		now = 1500;
		progress(4200, 50_000);
		progress(0, 3, 'lookups');
		now = 2600;
		progress(3, 3, 'lookups');
		expect(lines.map((line) => JSON.parse(line))).toEqual([
			{type: 'progress', phase: 'directory', read: 4200, total: 50_000},
			{type: 'progress', phase: 'directory-lookup', read: 3, total: 3},
		]);
	});
});

describe('jc-import run --dry-run against a slow directory', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		// Slow enough that listing 2,600 users takes over a second even 8 pages at a time.
		sandbox = await startSandbox({seed: 9, latencyMs: 400});
		for (let index = 0; index < 2_600; index++) sandbox.directory.addUser({username: `slow${index}`, email: `slow${index}@corp.example.com`, state: 'ACTIVATED', passwordSet: false});
	});
	afterAll(async () => {
		await sandbox?.close();
	});

	/** A file with more values to look up than the directory has pages, so every user is listed. */
	function bigFile(): string {
		const file = path.join(tempFolder('jc-import-progress-'), 'users.csv');
		const lines = ['Username,Email,First Name,Last Name'];
		for (let index = 0; index < 800; index++) lines.push(`new${index},new${index}@corp.example.com,New,User${index}`);
		writeFileSync(file, `${lines.join('\n')}\n`);
		return file;
	}
	const env = () => ({JC_API_KEY: sandbox.apiKey, JC_API_URL: sandbox.url, JC_IMPORT_HOME: tempFolder('jc-import-progress-home-')});

	it('prints "read N of M users" lines on stderr, and the plan on stdout as ever', {timeout: 60_000}, async () => {
		const {code, stdout, stderr} = await runCli(['run', bigFile(), '--dry-run'], env());
		expect(code, stderr).toBe(0);
		const lines = stderr.trim().split('\n');
		expect(lines.length).toBeGreaterThan(0);
		for (const line of lines) expect(line).toMatch(/^read [\d,]+ of [\d,]+ users$/);
		expect(lines.at(-1)).toBe(`read ${sandbox.directory.users.size.toLocaleString('en-US')} of ${sandbox.directory.users.size.toLocaleString('en-US')} users`);
		expect(stdout).toContain('Plan: 800 rows: 800 to create');
	});

	it('check prints the same progress on stderr, and its counts as numbers are written', {timeout: 60_000}, async () => {
		const {code, stdout, stderr} = await runCli(['check'], env());
		expect(code, stderr).toBe(0);
		const users = sandbox.directory.users.size.toLocaleString('en-US');
		expect(stderr.trim().split('\n').at(-1)).toBe(`read ${users} of ${users} users`);
		expect(stdout).toContain(`Directory: ${users} users`);
	});

	it('Ctrl+C while check reads the directory prints one line and exits 130', {timeout: 60_000}, async () => {
		const child = spawn(process.execPath, [cliPath, 'check'], {env: {...process.env, ...env(), CI: 'true'}, stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
		await new Promise<void>((resolve) => {
			child.stderr.on('data', (chunk: Buffer) => {
				stderr += chunk.toString();
				// The first progress line: the read is under way.
				if (stderr.includes('read ')) resolve();
			});
		});
		child.kill('SIGINT');
		expect(await closed).toBe(130);
		expect(stderr.trim().split('\n').at(-1)).toBe('jc-import: check stopped; it only reads, so nothing was changed.');
	});

	it('with --json, progress events on stdout before the plan', {timeout: 60_000}, async () => {
		const {code, stdout, stderr} = await runCli(['run', bigFile(), '--dry-run', '--json'], env());
		expect(code, stderr).toBe(0);
		expect(stderr).toBe('');
		const events = stdout.trim().split('\n').map((line) => JSON.parse(line) as {type: string; phase?: string; read?: number; total?: number});
		const progress = events.filter((event) => event.type === 'progress');
		expect(progress.length).toBeGreaterThan(0);
		expect(progress.every((event) => event.phase === 'directory' && event.total === sandbox.directory.users.size)).toBe(true);
		expect(events.findIndex((event) => event.type === 'plan')).toBeGreaterThan(events.findIndex((event) => event.type === 'progress'));
	});
});
