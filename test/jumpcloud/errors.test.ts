import {createServer} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {JumpCloudClient} from '../../source/jumpcloud/client.js';
import {JumpCloudError} from '../../source/jumpcloud/errors.js';
import {HttpCore} from '../../source/jumpcloud/http.js';
import {closeHarness, fastBackoff, newUser, startHarness, type Harness, caught} from '../support/sandbox.js';

let harness: Harness | undefined;
afterEach(async () => {
	await closeHarness(harness);
	harness = undefined;
});

const secretKey = 'jca_TestKey_0123456789abcdefghijklmnop';

describe('error classes', () => {
	it('unauthorized: says what to check and never shows the key', async () => {
		harness = await startHarness();
		const client = new JumpCloudClient({apiKey: secretKey, baseUrl: harness.sandbox.url, backoff: fastBackoff});
		const error = await caught(client.organization.get());
		expect(error.kind).toBe('unauthorized');
		expect(error.status).toBe(401);
		expect(error.message).toMatch(/JC_API_KEY/);
		expect(error.attempts).toBe(1);
		for (const text of [error.message, String(error.stack), JSON.stringify(error), String(error)]) {
			expect(text).not.toContain(secretKey);
		}
	});

	it('forbidden: an org id where JumpCloud refuses one', async () => {
		harness = await startHarness();
		const http = new HttpCore({apiKey: harness.sandbox.apiKey, baseUrl: harness.sandbox.url, orgId: harness.sandbox.orgId});
		const error = await caught(http.request('GET', '/api/organizations', {retry: 'safe'}));
		expect(error.kind).toBe('forbidden');
		expect(error.status).toBe(403);
	});

	it('not-found: an org id that is not the key’s', async () => {
		harness = await startHarness();
		const client = new JumpCloudClient({
			apiKey: harness.sandbox.apiKey,
			baseUrl: harness.sandbox.url,
			orgId: 'ffffffffffffffffffffffff',
		});
		const error = await caught(client.groups.all());
		expect(error.kind).toBe('not-found');
	});

	it('network: nobody listening, after retries for a read', async () => {
		const port = await freePort();
		const attempts: number[] = [];
		const client = new JumpCloudClient({
			apiKey: secretKey,
			baseUrl: `http://127.0.0.1:${port}`,
			backoff: {maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2},
			observer: (event) => attempts.push(event.attempt),
		});
		const error = await caught(client.groups.all());
		expect(error.kind).toBe('network');
		expect(error.attempts).toBe(3);
		expect(attempts).toEqual([1, 2, 3]);
		expect(error.message).toMatch(/Could not reach JumpCloud/);
		expect(error.causeText).toMatch(/ECONNREFUSED/);
	});

	it('timeout: a slow answer is a timeout, and a create is not sent twice', async () => {
		harness = await startHarness({latencyMs: 400}, {timeoutMs: 100});
		const body = newUser();
		const error = await caught(harness.client.users.create(body));
		expect(error.kind).toBe('timeout');
		expect(error.attempts).toBe(1);
		// The server still committed it: the importer's lookup finds exactly one.
		harness.sandbox.setKnobs({latencyMs: 0});
		await new Promise((resolve) => setTimeout(resolve, 500));
		const found = await harness.client.users.lookup({username: body.username});
		expect(found).toHaveLength(1);
		expect(harness.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/systemusers')).toHaveLength(1);
	});

	it('server: a 500 on a create is reported, not retried', async () => {
		harness = await startHarness({faults: {error500: 1}});
		const error = await caught(harness.client.users.create(newUser()));
		expect(error.kind).toBe('server');
		expect(error.status).toBe(500);
		expect(error.transient).toBe(true);
		expect(harness.sandbox.stats.requests).toBe(1);
	});

	it('a server message carrying the key is redacted', () => {
		const error = new JumpCloudError({
			kind: 'validation',
			message: `bad key ${secretKey}`,
			serverMessage: `echo ${secretKey}`,
			method: 'GET',
			path: `/api/x?k=${secretKey}`,
			secrets: [secretKey],
		});
		expect(JSON.stringify(error)).not.toContain(secretKey);
		expect(error.stack).not.toContain(secretKey);
		expect(error.serverMessage).toBe('echo [REDACTED]');
	});
});

describe('backoff against the sandbox', () => {
	it('429 with Retry-After: reads wait as told and all succeed', async () => {
		harness = await startHarness({rateLimit: 5});
		const results = await Promise.all(Array.from({length: 12}, () => harness!.client.organization.get()));
		expect(results).toHaveLength(12);
		const throttled = harness.attempts.filter((a) => a.status === 429);
		expect(throttled.length).toBeGreaterThan(0);
		// Retry-After is whole seconds: every wait honours at least one second.
		expect(throttled.every((a) => (a.retryInMs ?? 0) >= 1000)).toBe(true);
	});

	it('429 on a create: refused, reported with Retry-After, nothing created', async () => {
		harness = await startHarness({rateLimit: 1});
		await harness.client.organization.get(); // spends the only token
		const body = newUser();
		const error = await caught(harness.client.users.create(body));
		expect(error.kind).toBe('rate-limited');
		expect(error.retryAfterMs).toBeGreaterThanOrEqual(1000);
		expect(error.attempts).toBe(1);
		harness.sandbox.setKnobs({rateLimit: 0});
		expect(await harness.client.users.lookup({username: body.username})).toEqual([]);
	});

	it('a burst of 503s: reads retry through it; creates never make a duplicate', async () => {
		harness = await startHarness({faults: {error503: 0.5}});
		// One read after another: the seeded fault draws then follow a fixed request order, so the
		// test is the same on every run (10 parallel reads met a 1-in-64 run of six 503s now and then).
		const groups: unknown[][] = [];
		for (let i = 0; i < 10; i++) groups.push(await harness.client.groups.all());
		expect(groups.every((list) => list.length === groups[0]!.length)).toBe(true);
		expect(harness.attempts.some((a) => a.status === 503 && a.retryInMs !== undefined)).toBe(true);

		const bodies = Array.from({length: 30}, () => newUser());
		const outcomes = await Promise.allSettled(bodies.map((b) => harness!.client.users.create(b)));
		harness.sandbox.setKnobs({faults: {}});
		for (const [i, body] of bodies.entries()) {
			const found = await harness.client.users.lookup({username: body.username});
			expect(found.length).toBeLessThanOrEqual(1);
			expect(found.length).toBe(outcomes[i]!.status === 'fulfilled' ? 1 : 0);
		}
		expect(outcomes.some((o) => o.status === 'rejected')).toBe(true);
	});

	it('an answer dropped after commit: the create fails as network, the lookup finds exactly one', async () => {
		harness = await startHarness({faults: {dropAfterCommit: 1}});
		const body = newUser();
		const error = await caught(harness.client.users.create(body));
		expect(error.kind).toBe('network');
		harness.sandbox.setKnobs({faults: {}});
		expect(await harness.client.users.lookup({email: body.email.toUpperCase()})).toHaveLength(1);
	});

	it('memberships are retried after a lost answer and count "Already Exists" as done', async () => {
		harness = await startHarness();
		const user = await harness.client.users.create(newUser());
		const group = (await harness.client.groups.findByName('Sales'))!;
		harness.sandbox.setKnobs({faults: {dropAfterCommit: 1}});
		// The first add commits and loses its answer; the retry meets "Already Exists", which is success.
		expect(await harness.client.groups.addUser(group.id, user._id)).toEqual({alreadyMember: true});
		const tries = harness.attempts.filter((a) => a.path.endsWith('/members'));
		expect(tries.map((a) => a.error)).toEqual(['network', 'already-exists']);
		harness.sandbox.setKnobs({faults: {}});
		const members = harness.sandbox.requests.filter((r) => r.path.endsWith('/members'));
		expect(members).toHaveLength(2);
	});
});

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as {port: number};
			server.close(() => resolve(port));
		});
	});
}
