import {caught} from '../support/sandbox.js';
import {afterEach, describe, expect, it} from 'vitest';
import {JumpCloudClient, type ClientOptions} from '../../source/jumpcloud/client.js';
import {JumpCloudError} from '../../source/jumpcloud/errors.js';
import {HttpCore} from '../../source/jumpcloud/http.js';
import {checkDirectory} from '../../source/commands/check.js';
import {json, silent, startHostile, stream, text, type Behaviour, type HostileServer, type Streamed} from '../support/hostile-server.js';

const apiKey = 'jca_HostileTest_0123456789abcdefghij';
const orgId = '5f0c1b2a3d4e5f6a7b8c9d0e';
/** Six tries, quickly: a test that sees one request proves the client chose not to retry. */
const backoff = {maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 20};

const servers: HostileServer[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(behave: Behaviour): Promise<HostileServer> {
	const server = await startHostile(behave);
	servers.push(server);
	return server;
}

function clientOf(server: HostileServer, options: Partial<ClientOptions> = {}) {
	return new JumpCloudClient({apiKey, baseUrl: server.url, backoff, timeoutMs: 5_000, ...options});
}

/** Every way the error could reach a person or a file. */
const everyText = (error: JumpCloudError) => [
	error.message,
	String(error.serverMessage),
	JSON.stringify(error),
	String(error.stack),
	String(error),
	JSON.stringify(error.fieldViolations),
	String(error.causeText),
];

async function drain<T>(pages: AsyncGenerator<T[]>): Promise<T[]> {
	const all: T[] = [];
	for await (const page of pages) all.push(...page);
	return all;
}

const oneLine = (message: string) => expect(message).not.toMatch(/[\r\n\u001b]/);

const users = (from: number, count: number) => Array.from({length: count}, (_, i) => ({_id: (from + i).toString(16).padStart(24, '0'), username: `u${from + i}`, email: `u${from + i}@example.org`}));

describe('redirects are never followed', () => {
	it('a 302 to another host: nothing reaches it, and the error names it', async () => {
		const elsewhere = await serve((res) => json(res, 200, {_id: orgId}));
		const server = await serve((res) => text(res, 302, 'text/html', '<a href="x">moved</a>', {Location: `${elsewhere.url}/api/organizations/${orgId}`}));
		const error = await caught(clientOf(server, {orgId}).organization.get());
		expect(error.kind).toBe('not-api');
		expect(error.transient).toBe(false);
		expect(error.status).toBe(302);
		expect(error.message).toContain(elsewhere.host);
		expect(error.message).toMatch(/not followed/);
		oneLine(error.message);
		expect(elsewhere.requests).toHaveLength(0);
		// A read that may be retried is not: a redirect will not change its mind.
		expect(server.requests).toHaveLength(1);
	});

	it('a 307 on a create: neither the key nor the password goes to the other host', async () => {
		const elsewhere = await serve((res) => json(res, 201, {_id: orgId}));
		const server = await serve((res) => text(res, 307, undefined, '', {Location: `${elsewhere.url}/api/systemusers`}));
		const password = 'Redirected-Secret-77!';
		const error = await caught(clientOf(server).users.create({username: 'ada', email: 'ada@example.org', state: 'STAGED', password}));
		expect(error.kind).toBe('not-api');
		expect(error.message).toContain(elsewhere.host);
		expect(elsewhere.requests).toHaveLength(0);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]!.headers['x-api-key']).toBe(apiKey);
	});
});

describe("answers that are not JumpCloud's API", () => {
	it('a captive portal: a 200 page is named by its type and title, never shown whole', async () => {
		const page = `<!doctype html><html><head><title>Guest Wi-Fi: sign in</title></head><body>${'<p>Terms</p>'.repeat(500)}DEEP-MARKER</body></html>`;
		const server = await serve((res) => text(res, 200, 'text/html; charset=utf-8', page));
		const error = await caught(clientOf(server, {orgId}).organization.get());
		expect(error.kind).toBe('not-api');
		expect(error.message).toBe(`Not JumpCloud's API at ${server.url}: got text/html for GET /api/organizations/${orgId}, not JSON: a page titled "Guest Wi-Fi: sign in".`);
		expect(error.message).not.toContain('DEEP-MARKER');
		expect(server.requests).toHaveLength(1);
	});

	it('a 200 JSON answer that does not parse', async () => {
		const server = await serve((res) => text(res, 200, 'application/json', '{"results": [{"_id": "abc"'));
		const error = await caught(clientOf(server).users.all());
		expect(error.kind).toBe('not-api');
		expect(error.message).toMatch(/^Not JumpCloud's API at http:\/\/127\.0\.0\.1:\d+: got application\/json for GET \/api\/systemusers that does not parse as JSON: it starts "\{"results": \[\{"_id": "abc"".$/);
		expect(server.requests).toHaveLength(1);
	});

	it('empty answers stay fine whatever their type: an activation (200) and a membership (204)', async () => {
		const server = await serve((res, seen) => (seen.path.endsWith('/members') ? text(res, 204, undefined, '') : text(res, 200, 'text/html', '')));
		const client = clientOf(server);
		await client.users.activate(orgId, {kind: 'none'});
		expect(await client.groups.addUser(orgId, orgId)).toEqual({alreadyMember: false});
	});

	it('an HTML error page keeps its status class and is not dumped', async () => {
		const page = `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(5000)}</body></html>`;
		const server = await serve((res) => text(res, 502, 'text/html', page));
		const error = await caught(clientOf(server, {backoff: {maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2}}).groups.all());
		expect(error.kind).toBe('server');
		expect(error.status).toBe(502);
		expect(error.message).not.toContain('<');
		expect(error.message.length).toBeLessThan(200);
		// Still transient: a read is tried again.
		expect(server.requests).toHaveLength(2);
	});

	it('a 2xx that cannot be read on a create is a lost answer (the importer looks the user up), never a refusal', async () => {
		const server = await serve((res) => text(res, 201, 'text/html', '<title>Proxy</title>'));
		const error = await caught(clientOf(server).users.create({username: 'ada', email: 'ada@example.org', state: 'STAGED'}));
		expect(error.kind).toBe('server');
		expect(error.message).toMatch(/^Not JumpCloud's API/);
		expect(server.requests).toHaveLength(1);
	});
});

describe('shapes the client relies on', () => {
	it('a v1 list without results, an object without _id, a v2 list that is not an array: one request, named', async () => {
		const server = await serve((res, seen) => {
			if (seen.path === '/api/v2/usergroups') return json(res, 200, {results: []}, {'X-Total-Count': '0'});
			if (seen.path === '/api/search/systemusers') return json(res, 200, {data: []});
			if (seen.path.startsWith('/api/systems/')) return json(res, 200, {hostname: 'x'});
			return json(res, 200, {results: [{_id: orgId}]});
		});
		const client = clientOf(server);
		const groups = await caught(client.groups.all());
		expect(groups.message).toBe(`Not JumpCloud's API at ${server.url}: GET /api/v2/usergroups answered without a list (got an object).`);
		const lookup = await caught(client.users.lookup({username: 'ada'}));
		expect(lookup.message).toBe(`Not JumpCloud's API at ${server.url}: POST /api/search/systemusers answered without a results list (got an object).`);
		const system = await caught(client.systems.get(orgId));
		expect(system.message).toContain(`GET /api/systems/${orgId} answered without an _id`);
		// The list has no totalCount.
		const listed = await caught(client.users.all());
		expect(listed.message).toContain('GET /api/systemusers answered without a totalCount');
		expect(server.requests).toHaveLength(4);
		expect([groups, lookup, system, listed].every((error) => error.kind === 'not-api')).toBe(true);
	});

	it("a create's answer comes back as sent, for the importer to judge", async () => {
		const server = await serve((res) => json(res, 201, {username: 'ada'}));
		expect(await clientOf(server).users.create({username: 'ada', email: 'ada@example.org', state: 'STAGED'})).toEqual({username: 'ada'});
	});
});

describe('paging stops', () => {
	it('a v1 list that always sends a full page and a growing total: an error after a bounded number of pages', async () => {
		const server = await serve((res, seen) => {
			const skip = Number(seen.query.get('skip'));
			json(res, 200, {results: users(skip, 10), totalCount: 25 + skip * 2});
		});
		const progress: Array<[number, number]> = [];
		const error = await caught(clientOf(server).users.all({pageSize: 10, onProgress: (read, total) => progress.push([read, total])}));
		expect(error.kind).toBe('not-api');
		expect(error.message).toBe(`Not JumpCloud's API at ${server.url}: GET /api/systemusers kept sending pages past the 25 it announced.`);
		// Three pages hold 25, and one more is allowed for users added meanwhile.
		expect(server.requests).toHaveLength(4);
		expect(progress.map(([read]) => read)).toEqual([10, 20, 30, 40]);
	});

	it('a v2 list with a growing X-Total-Count stops the same way', async () => {
		const server = await serve((res, seen) => {
			const skip = Number(seen.query.get('skip'));
			const groups = Array.from({length: 5}, (_, i) => ({id: `g${skip + i}`, name: `group ${skip + i}`, type: 'user_group'}));
			json(res, 200, groups, {'X-Total-Count': String(12 + skip)});
		});
		const error = await caught(drain(clientOf(server).groups.pages({pageSize: 5})));
		expect(error.message).toContain('GET /api/v2/usergroups kept sending pages past the 12 it announced');
		expect(server.requests).toHaveLength(4);
	});

	it('ends at the total first given, even when every page is full', async () => {
		const server = await serve((res, seen) => json(res, 200, {results: users(Number(seen.query.get('skip')), 10), totalCount: 25}));
		expect(await drain(clientOf(server).systems.pages({pageSize: 10}))).toHaveLength(30);
		expect(server.requests.map((r) => r.query.get('skip'))).toEqual(['0', '10', '20']);
	});

	it('a server that ignores skip and sends the same page again: an error on the second page', async () => {
		const server = await serve((res) => json(res, 200, users(0, 100).map((u) => ({id: u._id, name: u.username, type: 'user_group'}))));
		const error = await caught(clientOf(server).groups.all());
		expect(error.message).toContain('GET /api/v2/usergroups sent the same page again for skip=100');
		expect(server.requests).toHaveLength(2);
	});
});

describe('bounded bodies', () => {
	it('a body streamed far past the cap: cut off with an error, and the client stops reading', async () => {
		let streamed: Promise<Streamed> | undefined;
		const total = 256 * 1024 * 1024;
		const server = await serve((res) => {
			streamed = stream(res, {total});
		});
		const error = await caught(clientOf(server).users.all());
		expect(error.kind).toBe('not-api');
		expect(error.message).toBe(`Not JumpCloud's API at ${server.url}: the answer to GET /api/systemusers ran past 16 MB and was cut off.`);
		const seen = await streamed!;
		expect(seen.closedByClient).toBe(true);
		expect(seen.written).toBeLessThan(total);
		expect(server.requests).toHaveLength(1);
	});

	it('a Content-Length past the cap is refused before the body is read', async () => {
		let streamed: Promise<Streamed> | undefined;
		const server = await serve((res) => {
			streamed = stream(res, {total: 64 * 1024 * 1024, contentLength: 2 * 1024 ** 3});
		});
		const error = await caught(clientOf(server, {maxBodyBytes: 1024 * 1024, orgId}).organization.get());
		expect(error.message).toMatch(/ran past 1 MB and was cut off/);
		expect((await streamed!).closedByClient).toBe(true);
	});
});

describe('bounded time', () => {
	it('a silent server fails organization.get within one request timeout, naming the host', async () => {
		const server = await serve(silent);
		const attempts: number[] = [];
		const client = clientOf(server, {timeoutMs: 300, observer: (event) => attempts.push(event.attempt)});
		const error = await caught(client.organization.get());
		expect(error.kind).toBe('timeout');
		expect(error.message).toBe(`${server.host} did not answer within 300 ms (GET /api/organizations).`);
		// Six tries were allowed: the deadline left room for none after the first.
		expect(server.requests.length).toBeLessThanOrEqual(2);
		expect(attempts).toEqual([1]);
	});

	it('with an org id too', async () => {
		const server = await serve(silent);
		const error = await caught(clientOf(server, {timeoutMs: 300, orgId}).organization.get());
		expect(error.kind).toBe('timeout');
		expect(error.message).toContain(server.host);
		expect(server.requests).toHaveLength(1);
	});

	it('check against a server that answers the organization, then goes silent, fails within one request timeout', async () => {
		const server = await serve((res, seen) => {
			if (seen.path === '/api/organizations') json(res, 200, {results: [{_id: orgId, displayName: 'Org'}], totalCount: 1});
			else if (seen.path === `/api/organizations/${orgId}`) json(res, 200, {_id: orgId, displayName: 'Org', settings: {}});
			// Everything else: never an answer.
		});
		const client = clientOf(server, {timeoutMs: 300});
		const error = await caught(checkDirectory(client, server.url));
		expect(error.kind).toBe('timeout');
		expect(error.message).toMatch(new RegExp(`^${server.host.replace(/[.]/g, '\\.')} did not answer within 300 ms \\(GET /api/`));
		// Without a deadline each of the three listings tries six times (30 s apiece in real life, minutes in all).
		const listings = server.requests.filter((request) => !request.path.startsWith('/api/organizations'));
		expect(listings.length).toBeLessThanOrEqual(3);
	});

	it('a deadline stops retries: the last error stands', async () => {
		const server = await serve((res) => json(res, 503, {message: 'Service Unavailable'}));
		const http = new HttpCore({apiKey, baseUrl: server.url, backoff: {maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 5_000}, random: () => 1});
		const error = await caught(http.request('GET', '/api/v2/usergroups', {retry: 'safe', deadlineMs: 250}));
		expect(error.kind).toBe('server');
		expect(error.status).toBe(503);
		// Without the deadline: 6 tries. Waits of 100 then 200 ms leave room for at most two.
		expect(server.requests.length).toBeLessThanOrEqual(2);
	});
});

describe('secrets a server echoes', () => {
	const password = 'Tr0ub4dor&3-Horse';
	const forms = [
		password,
		password.toLowerCase(),
		password.toUpperCase(),
		Buffer.from(password).toString('base64'),
		Buffer.from(password).toString('base64url'),
		encodeURIComponent(password),
	];

	it('a password in an error message, in every form, never reaches the error', async () => {
		const server = await serve((res) =>
			json(res, 400, {
				message: `Password ${password} rejected (${password.toLowerCase()}, ${Buffer.from(password).toString('base64')})`,
				details: [
					{
						fieldViolationsList: [
							{field: 'password', description: `${password.toUpperCase()} is weak`},
							{field: encodeURIComponent(password), description: `Basic ${Buffer.from(`ada:${password}`).toString('base64')}`},
						],
					},
				],
			}),
		);
		const error = await caught(clientOf(server).users.create({username: 'ada', email: 'ada@example.org', state: 'STAGED', password}));
		expect(error.kind).toBe('validation');
		expect(error.message).toContain('[REDACTED]');
		for (const shown of everyText(error)) for (const form of forms) expect(shown).not.toContain(form);
		// Also inside a Basic header's base64, where the password does not start on a 3-byte boundary.
		expect(error.fieldViolations[1]!.description).not.toContain(Buffer.from(`ada:${password}`).toString('base64').slice(4, 20));
	});

	it('a password echoed in a page is gone from the hint, even when the hint is cut in the middle of it', async () => {
		const server = await serve((res) => text(res, 200, 'text/plain', `${'x'.repeat(50)}${password}`));
		const error = await caught(clientOf(server).users.create({username: 'ada', email: 'ada@example.org', state: 'STAGED', password}));
		for (const shown of everyText(error)) expect(shown).not.toContain(password.slice(0, 6));
	});

	it('server text in an error is one line, without escape sequences, and capped', async () => {
		const server = await serve((res) => json(res, 400, {message: `bad\r\nline \u001b[31mred\u001b]0;title\u0007 ${'y'.repeat(5000)}`}));
		const error = await caught(clientOf(server).users.create({username: 'ada', email: 'ada@example.org', state: 'STAGED'}));
		oneLine(error.message);
		oneLine(error.serverMessage!);
		expect(error.message).toContain('bad line red');
		expect(error.serverMessage!.length).toBeLessThanOrEqual(300);
		expect(error.message.length).toBeLessThan(800);
	});
});

describe('already exists', () => {
	it('is told by the body: message, error or the status word; any other 409 is a conflict', async () => {
		const answers: Array<[number, unknown]> = [
			[400, {error: 'The username has already been registered'}],
			[409, {code: 409, message: 'Duplicate', status: 'ALREADY_EXISTS'}],
			[409, {message: 'Already Exists'}],
			[409, {message: 'Resource is in use'}],
			[400, {message: 'Bad Request'}],
		];
		let next = 0;
		const server = await serve((res) => {
			const [status, body] = answers[next++]!;
			json(res, status, body);
		});
		const http = new HttpCore({apiKey, baseUrl: server.url, backoff});
		const kinds = [];
		for (const _ of answers) kinds.push((await caught(http.request('POST', '/api/v2/usergroups/g/members', {retry: 'never', body: {}}))).kind);
		expect(kinds).toEqual(['already-exists', 'already-exists', 'already-exists', 'conflict', 'validation']);
	});

	it('a delete refused with 409 is a conflict whatever the status word (the user still manages someone)', async () => {
		const server = await serve((res) => json(res, 409, {code: 409, message: 'User is a manager', status: 'ALREADY_EXISTS'}));
		const error = await caught(clientOf(server).users.delete(orgId));
		expect(error.kind).toBe('conflict');
	});
});
