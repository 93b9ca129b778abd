import {request as httpRequest, Agent} from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import {parseFaults, startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {call, start, validUser} from './support.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

async function timed<T>(work: () => Promise<T>): Promise<{result: T; ms: number}> {
	const started = performance.now();
	const result = await work();
	return {result, ms: performance.now() - started};
}

describe('rate limit', () => {
	it('a burst over the limit gets 429 with Retry-After and the error body; tokens come back', async () => {
		sandbox = await start({rateLimit: 3});
		const s = sandbox;
		const answers = await Promise.all(Array.from({length: 7}, () => call(s, 'GET', '/api/organizations')));
		const limited = answers.filter((a) => a.status === 429);
		expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
		expect(limited).toHaveLength(4);
		for (const answer of limited) {
			expect(answer.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
			expect(answer.body).toEqual({code: 429, status: 'RESOURCE_EXHAUSTED', message: expect.stringMatching(/Retry-After/)});
		}
		expect(s.stats.rateLimited).toBe(4);
		expect(s.stats.byStatus).toEqual({200: 3, 429: 4});

		await new Promise((resolve) => setTimeout(resolve, 1100));
		expect((await call(s, 'GET', '/api/organizations')).status).toBe(200);
	});

	it('a 429 commits nothing; setKnobs can lift the limit', async () => {
		sandbox = await start({rateLimit: 1});
		await call(sandbox, 'GET', '/api/organizations');
		const body = validUser();
		expect((await call(sandbox, 'POST', '/api/systemusers', {body})).status).toBe(429);
		expect(sandbox.directory.userByUsername(String(body.username))).toBeUndefined();
		sandbox.setKnobs({rateLimit: 0});
		expect((await call(sandbox, 'POST', '/api/systemusers', {body})).status).toBe(200);
	});
});

describe('latency', () => {
	it('delays every answer, 429s included, and can be changed at runtime', async () => {
		sandbox = await start({latencyMs: 150, rateLimit: 1});
		const s = sandbox;
		const first = await timed(() => call(s, 'GET', '/api/organizations'));
		expect(first.result.status).toBe(200);
		expect(first.ms).toBeGreaterThanOrEqual(140);
		const limited = await timed(() => call(s, 'GET', '/api/organizations'));
		expect(limited.result.status).toBe(429);
		expect(limited.ms).toBeGreaterThanOrEqual(140);

		s.setKnobs({latencyMs: 0, jitterMs: 60, rateLimit: 0});
		const jittered = await timed(() => call(s, 'GET', '/api/organizations'));
		expect(jittered.result.status).toBe(200);
		expect(jittered.ms).toBeLessThan(first.ms + 1000); // loose: only that the fixed delay is gone
	});

	it('a client that gives up still gets its change committed', async () => {
		sandbox = await start({latencyMs: 300});
		const body = validUser();
		const aborted = fetch(`${sandbox.url}/api/systemusers`, {
			method: 'POST',
			headers: {'x-api-key': sandbox.apiKey, 'content-type': 'application/json'},
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(50),
		});
		await expect(aborted).rejects.toThrow();
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(sandbox.directory.userByUsername(String(body.username))).toBeDefined();
	});
});

describe('faults', () => {
	it('error500: answers 500 INTERNAL before doing anything', async () => {
		sandbox = await start({faults: {error500: 1}});
		const body = validUser();
		const answer = await call(sandbox, 'POST', '/api/systemusers', {body});
		expect(answer.status).toBe(500);
		expect(answer.body).toEqual({code: 500, status: 'INTERNAL', message: 'Internal Server Error'});
		expect(sandbox.directory.userByUsername(String(body.username))).toBeUndefined();
		expect(sandbox.stats.faults).toBe(1);
	});

	it('error503: answers 503 UNAVAILABLE before doing anything, even to a wrong key', async () => {
		sandbox = await start({faults: {error503: 1}});
		const answer = await call(sandbox, 'GET', '/api/systemusers', {key: 'wrong'});
		expect(answer.status).toBe(503);
		expect(answer.body).toMatchObject({code: 503, status: 'UNAVAILABLE'});
		expect(sandbox.stats.byStatus).toEqual({503: 1});
	});

	it('drop: the connection is cut and nothing is committed', async () => {
		sandbox = await start({faults: {drop: 1}});
		const body = validUser();
		await expect(call(sandbox, 'POST', '/api/systemusers', {body})).rejects.toThrow();
		expect(sandbox.directory.userByUsername(String(body.username))).toBeUndefined();
		expect(sandbox.stats).toMatchObject({requests: 1, dropped: 1, droppedAfterCommit: 0, faults: 1});
	});

	it('dropAfterCommit: the create fails for the client but the user exists', async () => {
		sandbox = await start({faults: {dropAfterCommit: 1}});
		const body = validUser();
		await expect(call(sandbox, 'POST', '/api/systemusers', {body})).rejects.toThrow();
		expect(sandbox.directory.userByUsername(String(body.username))).toMatchObject({email: body.email});
		expect(sandbox.stats).toMatchObject({droppedAfterCommit: 1, dropped: 0, faults: 1});
	});

	it('dropAfterCommit spares reads, searches and refused writes', async () => {
		sandbox = await start({faults: {dropAfterCommit: 1}});
		expect((await call(sandbox, 'GET', '/api/systemusers')).status).toBe(200);
		expect((await call(sandbox, 'POST', '/api/search/systemusers', {body: {}})).status).toBe(200);
		const taken = await call(sandbox, 'POST', '/api/systemusers', {body: validUser({username: 'jsmith'})});
		expect(taken.status).toBe(400);
		// A graph add that commits is dropped; its repeat meets Already Exists, which is answered.
		const sales = sandbox.directory.groupByName('Sales')!;
		const jane = sandbox.directory.userByUsername('jsmith')!;
		const add = {body: {op: 'add', type: 'user', id: jane._id}};
		await expect(call(sandbox, 'POST', `/api/v2/usergroups/${sales.id}/members`, add)).rejects.toThrow();
		expect((await call(sandbox, 'POST', `/api/v2/usergroups/${sales.id}/members`, add)).status).toBe(409);
		expect(sandbox.stats.droppedAfterCommit).toBe(1);
	});

	it('shares are roughly honoured and repeat exactly for the same seed', async () => {
		const statuses = async (seed: number) => {
			const s = await startSandbox({seed, faults: {error503: 0.3}});
			const seen: number[] = [];
			for (let i = 0; i < 200; i++) seen.push((await call(s, 'GET', '/api/organizations')).status);
			await s.close();
			return seen;
		};
		const a = await statuses(42);
		const failures = a.filter((status) => status === 503).length;
		expect(failures).toBeGreaterThan(30);
		expect(failures).toBeLessThan(90);
		expect(await statuses(42)).toEqual(a);
		expect(await statuses(43)).not.toEqual(a);
	});

	it('setKnobs({faults: {}}) clears them; bad knobs are refused', async () => {
		sandbox = await start({faults: {error500: 1}});
		sandbox.setKnobs({faults: {}});
		expect((await call(sandbox, 'GET', '/api/organizations')).status).toBe(200);
		expect(() => sandbox!.setKnobs({latencyMs: -1})).toThrow(RangeError);
		expect(() => sandbox!.setKnobs({faults: {drop: 2}})).toThrow(/share from 0 to 1/);
		await expect(startSandbox({rateLimit: Number.NaN})).rejects.toThrow(RangeError);
	});
});

describe('parseFaults', () => {
	it('reads the documented spec, either spelling, with spaces', () => {
		expect(parseFaults('drop-after-commit=0.05,error503=0.05,error500=0.02,drop=0.01')).toEqual({
			dropAfterCommit: 0.05,
			error503: 0.05,
			error500: 0.02,
			drop: 0.01,
		});
		expect(parseFaults(' dropAfterCommit = 1 , error500=.5 ')).toEqual({dropAfterCommit: 1, error500: 0.5});
		expect(parseFaults('')).toEqual({});
	});

	it.each([
		['boom=0.1', /Unknown fault 'boom'/],
		['drop', /write name=share/],
		['drop=1.5', /share from 0 to 1, not '1.5'/],
		['drop=-0.1', /share from 0 to 1/],
		['drop=abc', /share from 0 to 1, not 'abc'/],
		['drop=0.1,drop=0.2', /given twice/],
		['error500=0.6,error503=0.6', /at most 1/],
	])('refuses %s', (spec, message) => {
		expect(() => parseFaults(spec)).toThrow(message);
	});
});

describe('the server itself', () => {
	it('records requests with the key redacted, the query as arrays and the parsed body', async () => {
		sandbox = await start({recordRequests: true});
		await call(sandbox, 'POST', '/api/search/systemusers?limit=5&fields=username&fields=email', {body: {filter: {or: []}}});
		await call(sandbox, 'GET', '/api/v2/usergroups?filter=name:eq:Sales', {headers: {'x-org-id': sandbox.orgId}});
		expect(sandbox.requests).toEqual([
			{
				method: 'POST',
				path: '/api/search/systemusers',
				query: {limit: ['5'], fields: ['username', 'email']},
				body: {filter: {or: []}},
				headers: expect.objectContaining({'x-api-key': '[REDACTED]', 'content-type': 'application/json'}),
				// The answer as sent, so contract tests can check it against the spec.
				status: 200,
				response: expect.stringMatching(/^\{"results":\[.*\],"totalCount":\d+\}$/),
			},
			expect.objectContaining({method: 'GET', path: '/api/v2/usergroups', query: {filter: ['name:eq:Sales']}, body: undefined}),
		]);
		expect(sandbox.requests[1]!.headers['x-org-id']).toBe(sandbox.orgId);
		expect(JSON.stringify(sandbox.requests)).not.toContain(sandbox.apiKey);
		expect(sandbox.stats).toMatchObject({requests: 2, byStatus: {200: 2}});
	});

	it('records nothing unless asked', async () => {
		sandbox = await start();
		await call(sandbox, 'GET', '/api/organizations');
		expect(sandbox.requests).toEqual([]);
	});

	it('listens on 127.0.0.1 only, on a free port by default', async () => {
		sandbox = await start();
		expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sandbox.apiKey).toBe('sandbox-key');
		expect(sandbox.orgId).toMatch(/^[a-f0-9]{24}$/);
	});

	it('ids are deterministic for a seed, and different across seeds', async () => {
		const ids = async (seed: number) => {
			const s = await startSandbox({seed});
			await call(s, 'POST', '/api/systemusers', {body: validUser()});
			await s.close();
			return [s.orgId, ...s.directory.groups.keys(), ...s.directory.users.keys()];
		};
		const first = await ids(5);
		expect(new Set(first).size).toBe(first.length);
		expect(first).toHaveLength(1 + 5 + 5);
		// Later ids sort after earlier ones (creation order), as sort=_id paging relies on.
		expect(first.at(-1)! > first.at(-2)!).toBe(true);
		expect(await ids(5)).toEqual(first);
		expect((await ids(6))[0]).not.toBe(first[0]);
	});

	it('close() ends kept-alive connections and pending delays at once', async () => {
		const s = await start({latencyMs: 10_000});
		const agent = new Agent({keepAlive: true});
		const pending = new Promise<string>((resolve) => {
			const req = httpRequest(`${s.url}/api/organizations`, {agent, headers: {'x-api-key': s.apiKey}}, () => resolve('answered'));
			req.on('error', () => resolve('cut'));
			req.end();
		});
		await new Promise((resolve) => setTimeout(resolve, 50));
		const {ms} = await timed(() => s.close());
		expect(ms).toBeLessThan(1000);
		expect(await pending).toBe('cut');
		agent.destroy();
		await s.close(); // twice is fine
	});
});
