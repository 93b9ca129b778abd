import {startSandbox} from '../../source/sandbox/index.js';
import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {cliPath, runCli} from '../support/run-cli.js';

describe('jc-import --help and --version', () => {
	it('--help names every command, flag and environment variable, and the exit codes', async () => {
		const {code, stdout} = await runCli(['--help']);
		expect(code).toBe(0);
		for (const text of ['jc-import check', 'jc-import sandbox', '--sandbox', '--api-url', '--region', '--org-id', '--json']) {
			expect(stdout).toContain(text);
		}
		for (const text of ['--port', '--api-key', '--latency-ms', '--jitter-ms', '--rate-limit', '--faults', '--seed', '--multi-tenant']) {
			expect(stdout).toContain(text);
		}
		for (const name of ['JC_API_KEY', 'JC_ORG_ID', 'JC_API_URL', 'JC_IMPORT_HOME']) expect(stdout).toContain(name);
		expect(stdout).toMatch(/130\s+interrupted/);
		expect(stdout).toMatch(/2\s+usage or input error/);
	});

	it('--help after a command shows that command', async () => {
		const {code, stdout} = await runCli(['sandbox', '--help']);
		expect(code).toBe(0);
		expect(stdout).toContain('--rate-limit');
		expect(stdout).not.toContain('jc-import check');
	});

	it('--version prints the package version', async () => {
		const {code, stdout} = await runCli(['--version']);
		expect(code).toBe(0);
		expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	});
});

describe('usage errors exit 2 with one line and no stack', () => {
	const cases: Array<[string, string[], Record<string, string>, RegExp]> = [
		['an unknown flag', ['check', '--bogus'], {}, /Unknown option '--bogus'/],
		['an unknown region', ['check', '--region', 'mars'], {}, /Unknown region 'mars'/],
		['a region and a URL', ['check', '--region', 'eu', '--api-url', 'https://x.example'], {}, /either --api-url or --region/],
		['plain http to a remote host', ['check'], {JC_API_URL: 'http://evil.example', JC_API_KEY: 'k'}, /must use https/],
		['a malformed org id', ['check', '--org-id', 'acme'], {JC_API_KEY: 'k'}, /not a JumpCloud id/],
		['no API key without a terminal', ['check'], {}, /set JC_API_KEY/],
		['a missing file', ['no-such.csv', '--sandbox'], {}, /No such file/],
		['a bad --faults spec', ['sandbox', '--faults', 'explode=2'], {}, /fault|explode/i],
		['a bad --port', ['sandbox', '--port', 'eighty'], {}, /--port must be a whole number/],
	];
	for (const [name, args, env, message] of cases) {
		it(name, async () => {
			const {code, stderr, stdout} = await runCli(args, env);
			expect(code).toBe(2);
			expect(stderr).toMatch(message);
			expect(stderr.trim().split('\n')).toHaveLength(1);
			expect(stderr).not.toMatch(/\n\s+at /);
			expect(stdout).toBe('');
		});
	}
});

describe('jc-import check', () => {
	it('against the in-process sandbox: the org, its policy and the directory size', async () => {
		const {code, stdout} = await runCli(['check', '--sandbox', '--json']);
		expect(code).toBe(0);
		const result = JSON.parse(stdout);
		expect(result.target).toMatch(/^SANDBOX \(simulated JumpCloud at http:\/\/127\.0\.0\.1:\d+\)$/);
		expect(result.passwordPolicy.minLength).toBe(12);
		expect(result.users).toBeGreaterThan(0);
		expect(result.groups).toBeGreaterThan(0);
		expect(result.systems).toBeGreaterThan(0);
	});

	it('readable text, labelled as the sandbox', async () => {
		const {code, stdout} = await runCli(['check', '--sandbox']);
		expect(code).toBe(0);
		expect(stdout).toContain('Connected to SANDBOX');
		expect(stdout).toContain('Password policy: at least 12 characters');
	});

	it('a wrong key against a running sandbox: exit 2, the key never printed', async () => {
		const sandbox = await startForeground(['--api-key', 'right-key-123456']);
		try {
			const key = 'jca_wrong_key_abcdefghijklmnop';
			const {code, stderr} = await runCli(['check', '--api-url', sandbox.url], {JC_API_KEY: key});
			expect(code).toBe(2);
			expect(stderr).toMatch(/rejected the API key \(401\)/);
			expect(stderr).not.toContain(key);
			const ok = await runCli(['check', '--api-url', sandbox.url, '--json'], {JC_API_KEY: 'right-key-123456'});
			expect(ok.code).toBe(0);
		} finally {
			sandbox.stop();
		}
	});

	it('server strings in the settings reach the terminal without their escape sequences', async () => {
		const sandbox = await startSandbox({seed: 91});
		try {
			const settings = sandbox.directory.org.settings;
			// A hostile answer: a window title, a screen clear and a colour, where a state or a number belongs.
			settings.newSystemUserStateDefaults = {manualEntry: '\u001b]0;owned\u0007ACTIVATED' as never, csvImport: '\u001b[2JSTAGED' as never};
			settings.passwordPolicy = {...settings.passwordPolicy, minLength: '\u001b[31m12' as never};
			sandbox.directory.org.displayName = 'Acme\u001b[1mBold\u009b';
			const {code, stdout} = await runCli(['check', '--api-url', sandbox.url], {JC_API_KEY: sandbox.apiKey});
			expect(code).toBe(0);
			expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
			expect(stdout).toContain('New users default to: ACTIVATED (API), STAGED (CSV import)');
			expect(stdout).toContain('at least 12 characters');
		} finally {
			await sandbox.close();
		}
	});

	it('JC_API_URL from the environment is used, and a flag overrides it', async () => {
		const sandbox = await startForeground(['--api-key', 'env-key-123456']);
		try {
			const viaEnv = await runCli(['check', '--json'], {JC_API_URL: sandbox.url, JC_API_KEY: 'env-key-123456'});
			expect(viaEnv.code).toBe(0);
			const overridden = await runCli(['check', '--api-url', 'http://127.0.0.1:9', '--json'], {
				JC_API_URL: sandbox.url,
				JC_API_KEY: 'env-key-123456',
			});
			expect(overridden.code).toBe(2);
			expect(overridden.stderr).toMatch(/Could not reach JumpCloud/);
		} finally {
			sandbox.stop();
		}
	});
});

describe('jc-import sandbox', () => {
	it('prints its base URL, answers, and exits 130 on SIGINT', async () => {
		const sandbox = await startForeground(['--api-key', 'fg-key-123456', '--rate-limit', '100']);
		const response = await fetch(`${sandbox.url}/api/v2/usergroups`, {headers: {'x-api-key': 'fg-key-123456'}});
		expect(response.status).toBe(200);
		expect(Number(response.headers.get('x-total-count'))).toBeGreaterThan(0);
		sandbox.stop();
		expect(await sandbox.exited).toBe(130);
	});
});

/** Starts `jc-import sandbox` in the background and resolves once it has printed its URL. */
function startForeground(args: string[]): Promise<{url: string; stop: () => void; exited: Promise<number | null>}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cliPath, 'sandbox', ...args], {stdio: ['ignore', 'pipe', 'pipe']});
		const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
		let output = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			output += chunk;
			const match = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
			if (match) resolve({url: match[1]!, stop: () => child.kill('SIGINT'), exited});
		});
		child.on('error', reject);
		child.on('close', (code) => reject(new Error(`sandbox exited early (${code}): ${output}`)));
	});
}
