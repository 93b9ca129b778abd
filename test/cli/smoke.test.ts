import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import type {RecordedRequest} from '../../source/sandbox/index.js';
import {closeHarness, startHarness, type Harness} from '../support/sandbox.js';
import {runScript, type CliResult} from '../support/run-cli.js';

// `npm run smoke` runs the built code: scripts/smoke.js against a sandbox in this process, as an admin would against an org.
const scriptPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/smoke.js');
const apiKey = 'smoke-test-key-0123456789abcdef';

function runSmoke(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
	return runScript(scriptPath, args, {LANG: 'C.UTF-8', JC_API_KEY: apiKey, ...env});
}

/** Only reads: GETs, and POSTs to the search routes (lookups). */
const isRead = (request: RecordedRequest) => request.method === 'GET' || (request.method === 'POST' && request.path.startsWith('/api/search/'));

let harness: Harness | undefined;
let proxy: Server | undefined;
afterEach(async () => {
	await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
	proxy = undefined;
	await closeHarness(harness);
	harness = undefined;
});

describe('npm run smoke', () => {
	it('read-only: every check passes, only reads are sent, the key is never printed', async () => {
		harness = await startHarness({apiKey});
		const {code, stdout, stderr} = await runSmoke(['--api-url', harness.sandbox.url]);
		// A warning that source/ is newer than dist/ is fine: others may be editing.
		expect(stderr.replace(/^smoke: warning: .*\n/gm, '')).toBe('');
		expect(code).toBe(0);
		for (const title of ['API key and organization', 'Organization settings', 'Users', 'User groups', 'Systems', 'Lookup of a user that cannot exist', 'Case-insensitive lookup', "Server's clock"]) {
			expect(stdout).toContain(`✓ ${title}: `);
		}
		expect(stdout).toContain('Sandbox Org (simulated)');
		expect(stdout.trim().split('\n').at(-1)).toMatch(/^✓ PASS: all 8 checks passed; read-only/);
		expect(stdout).not.toContain(apiKey);
		expect(harness.sandbox.requests.filter((request) => !isRead(request))).toEqual([]);
	});

	it('--write: one user created STAGED, activated with {email: false}, found, read, deleted and gone', async () => {
		harness = await startHarness({apiKey});
		const usersBefore = harness.sandbox.directory.users.size;
		const {code, stdout} = await runSmoke(['--api-url', harness.sandbox.url, '--write', '--ascii']);
		expect(code, stdout).toBe(0);
		expect(stdout).toMatch(/^\[ OK \] PASS: all 15 checks passed; the test user was created and deleted again/m);
		expect(stdout).not.toContain(apiKey);

		const writes = harness.sandbox.requests.filter((request) => !isRead(request));
		expect(writes.map((request) => `${request.method} ${request.path.replace(/[a-f0-9]{24}/, 'ID')}`)).toEqual([
			'POST /api/systemusers',
			'POST /api/systemusers/ID/state/activate',
			'DELETE /api/systemusers/ID',
		]);
		const [create, activate, remove] = writes as [RecordedRequest, RecordedRequest, RecordedRequest];
		const body = create.body as Record<string, unknown>;
		expect(body).toMatchObject({state: 'STAGED', enable_user_portal_multifactor: false});
		expect(body).not.toHaveProperty('password');
		expect(body.username).toMatch(/^jcimport-smoke-\d{8}t\d{6}-[0-9a-f]{6}$/);
		expect(body.email).toBe(`${body.username}@example.com`);
		expect(activate.body).toEqual({email: false});
		expect(remove.path).toBe(activate.path.replace('/state/activate', ''));
		expect(harness.sandbox.directory.emails).toEqual([]);
		expect(harness.sandbox.directory.userByUsername(String(body.username))).toBeUndefined();
		expect(harness.sandbox.directory.users.size).toBe(usersBefore);
	});

	it('a step after the create fails: the user is still deleted, and the verdict is FAIL', async () => {
		harness = await startHarness({apiKey});
		const url = await failingProxy(harness.sandbox.url, (method, target) => method === 'POST' && target.endsWith('/state/activate'));
		const {code, stdout} = await runSmoke(['--api-url', url, '--write']);
		expect(code).toBe(1);
		expect(stdout).toMatch(/^✗ Activation without email: JumpCloud had a server error \(500\)/m);
		expect(stdout).toMatch(/^✓ Delete \(rollback\): /m);
		expect(stdout).toMatch(/^✓ Gone: /m);
		expect(stdout.trim().split('\n').at(-1)).toMatch(/^✗ FAIL: 1 of \d+ checks failed\.$/);
		expect([...harness.sandbox.directory.users.values()].filter((user) => user.username.startsWith('jcimport-smoke-'))).toEqual([]);
	});

	it('a delete that fails: the user id and how to delete it by hand, with $JC_API_KEY, never the key', async () => {
		harness = await startHarness({apiKey});
		// 403 is not retried, so the test does not wait out the backoff.
		const url = await failingProxy(harness.sandbox.url, (method) => method === 'DELETE', 403);
		const {code, stdout} = await runSmoke(['--api-url', url, '--write']);
		expect(code).toBe(1);
		const [left] = [...harness.sandbox.directory.users.values()].filter((user) => user.username.startsWith('jcimport-smoke-'));
		expect(left).toBeDefined();
		expect(stdout).toMatch(/^✗ Delete \(rollback\): /m);
		expect(stdout).toContain(`curl -X DELETE -H "x-api-key: $JC_API_KEY" ${url}/api/systemusers/${left!._id}`);
		expect(stdout).not.toContain(apiKey);
		expect(stdout.trim().split('\n').at(-1)).toContain(`The test user ${left!.username} (${left!._id}) may be left behind`);
	});

	it('a server clock an hour off fails the clock check', async () => {
		harness = await startHarness({apiKey, clockOffsetMs: 3_600_000});
		const {code, stdout} = await runSmoke(['--api-url', harness.sandbox.url]);
		expect(code).toBe(1);
		expect(stdout).toMatch(/^✗ Server's clock: 3[56]\d\d\.\d s ahead of this machine .*one of the two clocks is wrong$/m);
	});

	it('refuses plain http to a remote host, as jc-import does, sending nothing', async () => {
		const {code, stdout, stderr} = await runSmoke(['--api-url', 'http://jumpcloud.example']);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toMatch(/^smoke: The API URL must use https/m);
	});
});

/** A proxy to the sandbox that answers `status` to the requests `fails` picks (the sandbox cannot fail one route on cue). */
async function failingProxy(target: string, fails: (method: string, url: string) => boolean, status = 500): Promise<string> {
	const forwarded = ['accept', 'content-type', 'user-agent', 'x-api-key', 'x-org-id', 'x-eventually-consistent'];
	proxy = createServer(async (request, response) => {
		const method = request.method ?? 'GET';
		const url = request.url ?? '/';
		if (fails(method, url)) {
			response.writeHead(status, {'content-type': 'application/json'});
			response.end(JSON.stringify({code: status, message: 'Injected by the test', status: 'INJECTED'}));
			return;
		}
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const headers = Object.fromEntries(forwarded.flatMap((name) => (typeof request.headers[name] === 'string' ? [[name, request.headers[name]]] : [])));
		const answer = await fetch(target + url, {method, headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined});
		const kept = ['content-type', 'date', 'x-total-count', 'retry-after'].flatMap((name) => {
			const value = answer.headers.get(name);
			return value === null ? [] : [[name, value] as [string, string]];
		});
		response.writeHead(answer.status, Object.fromEntries(kept));
		response.end(Buffer.from(await answer.arrayBuffer()));
	});
	await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(proxy!.address() as AddressInfo).port}`;
}
