import {listImportIds} from '../../source/importer/import-store.js';
import {spawn} from 'node:child_process';
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {usersCsv} from '../support/import-harness.js';
import {cliPath, runCli} from '../support/run-cli.js';
import {tempFolder} from '../support/temp-dir.js';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({seed: 5});
});
afterAll(async () => {
	await sandbox?.close();
});

const home = () => tempFolder('jc-import-cli-');
const env = (jcHome: string) => ({JC_API_KEY: sandbox.apiKey, JC_API_URL: sandbox.url, JC_IMPORT_HOME: jcHome});
const ndjson = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown> & {type: string});
const importedWith = (domain: string) => [...sandbox.directory.users.values()].filter((user) => user.email.endsWith(domain));

/** A CSV whose users all have this email domain, to count them in the shared sandbox. */
function csvFor(domain: string, count: number): string {
	const file = usersCsv(count);
	const text = readFileSync(file, 'utf8').replaceAll('@import.example.com', domain).replaceAll('user', `u${domain.split('.')[0]!.slice(1)}x`);
	const target = path.join(path.dirname(file), 'domain.csv');
	writeFileSync(target, text);
	return target;
}

describe('jc-import run', () => {
	it('refuses without --yes off a terminal, naming the flag, and creates nothing', async () => {
		const file = csvFor('@refuse.example.com', 2);
		const {code, stderr, stdout} = await runCli(['run', file], env(home()));
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toContain('--yes');
		expect(importedWith('@refuse.example.com')).toHaveLength(0);
	});

	it('refuses contradictory options in one line', async () => {
		const {code, stderr} = await runCli(['run', 'x.csv', '--yes', '--email', 'default'], env(home()));
		expect(code).toBe(2);
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(stderr).toContain('--state ACTIVATED');
	});

	it('--dry-run prints the plan and creates nothing', async () => {
		const file = csvFor('@dry.example.com', 3);
		const {code, stdout} = await runCli(['run', file, '--dry-run', '--json', '--group', 'Engineering', '--state', 'ACTIVATED', '--email', 'default'], env(home()));
		expect(code).toBe(0);
		const [plan, summary] = ndjson(stdout);
		expect(plan).toMatchObject({type: 'plan', rows: 3, creates: 3, skips: 0, invalid: 0, memberships: 3, emails: [{kind: 'welcome', to: 'primary email', users: 3}]});
		expect(summary).toMatchObject({type: 'summary', dryRun: 'nothing was created'});
		expect(importedWith('@dry.example.com')).toHaveLength(0);
	});

	it('imports with --yes --json, lists the import, and rolls it back exactly', async () => {
		const jcHome = home();
		const file = csvFor('@full.example.com', 5);
		const run = await runCli(['run', file, '--yes', '--json', '--group', 'All Staff'], env(jcHome));
		expect(run.code).toBe(0);
		const events = ndjson(run.stdout);
		expect(events.filter((event) => event.type === 'row-created')).toHaveLength(5);
		const summary = events.at(-1)!;
		expect(summary).toMatchObject({type: 'summary', counts: {created: 5, failed: 0, remaining: 0}});
		expect(importedWith('@full.example.com')).toHaveLength(5);
		expect(run.stdout).not.toContain('Import-Pass');

		const listing = JSON.parse((await runCli(['imports', '--json'], env(jcHome))).stdout);
		expect(listing).toEqual([expect.objectContaining({id: summary.importId, status: 'finished', created: 5, failed: 0, open: 0})]);
		const results = readFileSync(String(summary.results), 'utf8');
		expect(results.split('\r\n').filter((line) => line.includes(',created,'))).toHaveLength(5);

		// Nothing on disk holds a password or the API key; files are 0600 in 0700 folders.
		for (const name of readdirSync(path.join(jcHome, 'imports', String(summary.importId)))) {
			const where = path.join(jcHome, 'imports', String(summary.importId), name);
			const text = readFileSync(where, 'utf8');
			expect(text, name).not.toContain('Import-Pass');
			expect(text, name).not.toContain(sandbox.apiKey);
			expect(statSync(where).mode & 0o777, name).toBe(0o600);
		}
		expect(statSync(path.join(jcHome, 'imports', String(summary.importId))).mode & 0o777).toBe(0o700);

		const rollback = await runCli(['rollback', String(summary.importId), '--yes', '--json'], env(jcHome));
		expect(rollback.code).toBe(0);
		expect(ndjson(rollback.stdout).at(-1)).toMatchObject({type: 'summary', deleted: 5, failed: 0, left: 0, note: expect.stringContaining('48 hours')});
		expect(importedWith('@full.example.com')).toHaveLength(0);
		expect(sandbox.directory.users.size).toBeGreaterThan(0);
		const after = JSON.parse((await runCli(['imports', '--json'], env(jcHome))).stdout);
		expect(after[0]).toMatchObject({status: 'rolled back', created: 0});
	});

	it('stops gracefully on SIGINT with the resume command, exit 130, and resumes to the end', {timeout: 60_000}, async () => {
		const jcHome = home();
		const file = csvFor('@stop.example.com', 60);
		sandbox.setKnobs({latencyMs: 60});
		try {
			const child = spawn(process.execPath, [cliPath, 'run', file, '--yes', '--concurrency', '2'], {env: {PATH: process.env.PATH, HOME: process.env.HOME, ...env(jcHome)}, stdio: ['ignore', 'pipe', 'pipe']});
			let stdout = '';
			let interrupted = false;
			child.stdout.setEncoding('utf8').on('data', (chunk) => {
				stdout += chunk;
				if (!interrupted && (stdout.match(/ created /g) ?? []).length >= 3) {
					interrupted = true;
					child.kill('SIGINT');
				}
			});
			const code = await new Promise((resolve) => child.on('close', resolve));
			expect(code).toBe(130);
			expect(stdout).toContain('Stopping after the rows in flight');
			const resume = /resume: (jc-import resume \S+)/.exec(stdout)?.[1];
			expect(resume).toBeDefined();
			const created = importedWith('@stop.example.com').length;
			expect(created).toBeGreaterThanOrEqual(3);
			expect(created).toBeLessThan(60);

			sandbox.setKnobs({latencyMs: 0});
			// A CSV that changed since the import began is refused unless the user says so.
			const original = readFileSync(file);
			writeFileSync(file, Buffer.concat([original, Buffer.from('late,late@stop.example.com,Late,Row,Import-Pass-x!\n')]));
			const refused = await runCli([...resume!.split(' ').slice(1), '--yes'], env(jcHome));
			expect(refused.code).toBe(2);
			expect(refused.stderr).toContain('--allow-changed-csv');
			writeFileSync(file, original);
			const resumed = await runCli([...resume!.split(' ').slice(1), '--yes', '--json'], env(jcHome));
			expect(resumed.code).toBe(0);
			expect(ndjson(resumed.stdout).at(-1)).toMatchObject({counts: {created: 60, failed: 0, remaining: 0}});
			expect(importedWith('@stop.example.com')).toHaveLength(60);
		} finally {
			sandbox.setKnobs({latencyMs: 0});
		}
	});
});

describe('jc-import run --require-mfa', () => {
	/** Runs an import against a sandbox of its own that records every request; the creates' bodies and how many were activated. */
	async function imported(domain: string, flags: string[]) {
		const recorded = await startSandbox({seed: 11, recordRequests: true});
		try {
			const run = await runCli(['run', csvFor(domain, 3), '--yes', '--json', ...flags], {JC_API_KEY: recorded.apiKey, JC_API_URL: recorded.url, JC_IMPORT_HOME: home()});
			expect(run.stderr).toBe('');
			expect(run.code).toBe(0);
			const creates = recorded.requests.filter((request) => request.method === 'POST' && request.path === '/api/systemusers').map((request) => request.body as Record<string, unknown>);
			const activations = recorded.requests.filter((request) => request.path.endsWith('/state/activate')).length;
			return {creates, activations};
		} finally {
			await recorded.close();
		}
	}

	it('--mfa-exclusion-days 7: every create requires MFA, with 7 days as a STAGED user takes them', async () => {
		const {creates, activations} = await imported('@mfa7.example.com', ['--require-mfa', '--mfa-exclusion-days', '7']);
		expect(creates).toHaveLength(3);
		for (const body of creates) expect(body).toMatchObject({state: 'STAGED', enable_user_portal_multifactor: true, mfa: {exclusion: true, exclusionDays: 7}});
		expect(activations).toBe(0);
	});

	it('ending ACTIVATED: created STAGED with the days, then activated', async () => {
		const {creates, activations} = await imported('@mfa7a.example.com', ['--state', 'ACTIVATED', '--mfa-exclusion-days', '7']);
		expect(creates.map((body) => [body.state, body.enable_user_portal_multifactor, body.mfa])).toEqual(Array(3).fill(['STAGED', true, {exclusion: true, exclusionDays: 7}]));
		expect(activations).toBe(3);
	});

	it('--mfa-exclusion-days 0: MFA at the first sign-in, the flag with no exclusion', async () => {
		const {creates} = await imported('@mfa0.example.com', ['--mfa-exclusion-days', '0']);
		expect(creates).toHaveLength(3);
		for (const body of creates) {
			expect(body.enable_user_portal_multifactor).toBe(true);
			expect(body).not.toHaveProperty('mfa');
		}
	});
});

describe('jc-import FILE without a terminal', () => {
	it('opens no wizard: one message naming the headless command, exit 2', async () => {
		const {code, stdout, stderr} = await runCli(['fixtures/sample-users.csv', '--sandbox'], {JC_IMPORT_HOME: home()});
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toContain('the wizard needs an interactive terminal (standard input is not a terminal)');
		expect(stderr).toContain('jc-import run fixtures/sample-users.csv --sandbox --yes');
	});
});

describe('a dropped SSH session', () => {
	it('SIGHUP with the terminal gone stops gracefully: exit 130 and a journal that says stopped', {timeout: 60_000}, async () => {
		const jcHome = home();
		const file = csvFor('@hup.example.com', 40);
		sandbox.setKnobs({latencyMs: 60});
		try {
			const child = spawn(process.execPath, [cliPath, 'run', file, '--yes', '--concurrency', '2'], {env: {PATH: process.env.PATH, HOME: process.env.HOME, ...env(jcHome)}, stdio: ['ignore', 'pipe', 'pipe']});
			let stdout = '';
			let hungUp = false;
			child.stdout.setEncoding('utf8').on('data', (chunk) => {
				stdout += chunk;
				if (!hungUp && (stdout.match(/ created /g) ?? []).length >= 2) {
					hungUp = true;
					// The terminal goes first, then the hangup arrives: every later write fails.
					child.stdout.destroy();
					child.stderr.destroy();
					child.kill('SIGHUP');
				}
			});
			const code = await new Promise((resolve) => child.on('close', resolve));
			expect(code).toBe(130);
			const [id] = listImportIds(path.join(jcHome, 'imports'));
			const records = readFileSync(path.join(jcHome, 'imports', id!, 'journal.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
			expect(records.at(-1)).toMatchObject({t: 'run', event: 'stopped'});
			expect(importedWith('@hup.example.com').length).toBeLessThan(40);
		} finally {
			sandbox.setKnobs({latencyMs: 0});
		}
	});
	it('says on the created row when a user was created without the manager its row names', async () => {
		const file = path.join(home(), 'managed.csv');
		writeFileSync(file, 'Username,Email,Manager\nmgrless,mgrless@managed.example.com,nobody@nowhere.example.com\n');
		const {code, stdout} = await runCli(['run', file, '--yes'], env(home()));
		expect(code).toBe(0);
		expect(stdout).toMatch(/row 1 created mgrless \([0-9a-f]{24}\); created without manager: nobody@nowhere\.example\.com is neither a JumpCloud user nor a row of this file/);
	});
});
