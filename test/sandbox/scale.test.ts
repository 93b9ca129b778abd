import {afterEach, describe, expect, it} from 'vitest';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {Directory} from '../../source/sandbox/directory.js';
import {anchoredLiteral, indexKeys} from '../../source/sandbox/filters.js';
import {checkRequests, checkResponses, isSandboxAnswer, skipReason, specsPresent} from '../support/contract.js';
import {call, start, validUser, violations} from './support.js';

/**
 * A sandbox that scales: uniqueness from indexes, `sort=_id` pages sliced without sorting, lookups
 * narrowed by the indexes, and `users: N` seeding a big org. Every fast path must answer exactly
 * what the scan answers.
 */

const sandboxes: Sandbox[] = [];
const open = async (options: Parameters<typeof startSandbox>[0] = {}) => {
	const sandbox = await start(options);
	sandboxes.push(sandbox);
	return sandbox;
};
afterEach(async () => {
	await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
});

const create = (sandbox: Sandbox, body: Record<string, unknown>) => call(sandbox, 'POST', '/api/systemusers', {body});

describe('uniqueness from the indexes', () => {
	it('refuses each unique field taken in other case, with the same texts and fields as before', async () => {
		const sandbox = await open();
		const first = await create(sandbox, validUser({username: 'Grace.Hopper', email: 'Grace@Navy.example', employeeIdentifier: 'N-1', alternateEmail: 'gh@Home.example'}));
		expect(first.status).toBe(200);
		const again = await create(sandbox, {username: 'GRACE.HOPPER', email: 'grace@navy.EXAMPLE', employeeIdentifier: 'n-1', alternateEmail: 'GH@home.example', state: 'STAGED'});
		expect(again.status).toBe(400);
		expect(again.body.message).toBe(
			"User already exists: username 'GRACE.HOPPER' is taken; email 'grace@navy.EXAMPLE' is taken; employeeIdentifier 'n-1' is taken; alternateEmail 'GH@home.example' is taken",
		);
		expect(violations(again.body).map((v) => v.field)).toEqual(['username', 'email', 'employeeIdentifier', 'alternateEmail']);
		// One field is enough, and the seeded users are indexed too.
		const seeded = await create(sandbox, validUser({employeeIdentifier: 'e0002'}));
		expect(violations(seeded.body)).toEqual([{field: 'employeeIdentifier', description: "employeeIdentifier 'e0002' is taken"}]);
		expect(sandbox.directory.isTaken('alternateEmail', 'BOB.PERSONAL@example.net')).toBe(true);
	});

	it('frees every value of a deleted user, and only its values', async () => {
		const sandbox = await open();
		const grace = (await create(sandbox, validUser({username: 'grace', email: 'grace@navy.example', alternateEmail: 'g@home.example', employeeIdentifier: 'N-2'}))).body;
		expect((await call(sandbox, 'DELETE', `/api/systemusers/${grace._id}`)).status).toBe(200);
		for (const [field, value] of [['username', 'grace'], ['email', 'grace@navy.example'], ['alternateEmail', 'g@home.example'], ['employeeIdentifier', 'N-2']] as const) {
			expect(sandbox.directory.isTaken(field, value)).toBe(false);
		}
		const back = await create(sandbox, validUser({username: 'GRACE', email: 'Grace@Navy.example', alternateEmail: 'G@home.example', employeeIdentifier: 'n-2'}));
		expect(back.status).toBe(200);
		expect((await create(sandbox, validUser({username: 'grace'}))).status).toBe(400);
		expect(sandbox.directory.isTaken('username', 'jsmith')).toBe(true);
	});

	it('keeps the indexes right through updates and out-of-band users that share a value', () => {
		const directory = new Directory(1, {displayName: 'Test', settings: {}});
		const a = directory.addUser({username: 'twin', email: 'a@example.org', state: 'ACTIVATED', passwordSet: false});
		const b = directory.addUser({username: 'TWIN', email: 'b@example.org', state: 'ACTIVATED', passwordSet: false});
		expect(directory.holders('username', 'Twin')?.map((user) => user._id)).toEqual([a._id, b._id]);
		expect(directory.userByUsername('twin')).toBe(a);
		directory.deleteUser(a._id);
		expect(directory.isTaken('username', 'twin')).toBe(true);
		expect(directory.userByUsername('twin')).toBe(b);
		directory.updateUser(b._id, {username: 'renamed', email: 'B@example.org'});
		expect(directory.isTaken('username', 'twin')).toBe(false);
		expect(directory.isTaken('username', 'RENAMED')).toBe(true);
		expect(directory.isTaken('email', 'a@example.org')).toBe(false);
		expect(directory.isTaken('email', 'b@EXAMPLE.org')).toBe(true);
		// Display names are indexed too (shared by several users, mostly not).
		const c = directory.addUser({username: 'c', email: 'c@example.org', displayname: 'Sam Same', state: 'ACTIVATED', passwordSet: false});
		const d = directory.addUser({username: 'd', email: 'd@example.org', displayname: 'sam same', state: 'ACTIVATED', passwordSet: false});
		expect(directory.holders('displayname', 'SAM SAME')?.map((user) => user._id)).toEqual([c._id, d._id]);
		directory.updateUser(c._id, {displayname: 'Sam Other'});
		expect(directory.holders('displayname', 'Sam Same')?.map((user) => user._id)).toEqual([d._id]);
		expect(directory.holders('displayname', 'sam other')?.map((user) => user._id)).toEqual([c._id]);
		// A value that is not a string cannot be indexed: lookups then say "scan".
		directory.addUser({username: 'odd', email: 'odd@example.org', employeeIdentifier: 7, state: 'ACTIVATED', passwordSet: false} as never);
		expect(directory.holders('username', 'odd')).toBeUndefined();
		expect(directory.userByUsername('ODD')?.email).toBe('odd@example.org');
	});
});

describe('which filters the indexes can answer', () => {
	const indexed = new Set(['username', 'email', 'employeeIdentifier', 'alternateEmail', 'displayname']);

	it('reads the literal of an anchored regex, and nothing else', () => {
		expect(anchoredLiteral('(?i)(^jane\\.doe$)')).toBe('jane.doe');
		expect(anchoredLiteral('(?i)(^ada\\+test@example\\.org$)')).toBe('ada+test@example.org');
		expect(anchoredLiteral('^jdoe$')).toBe('jdoe');
		expect(anchoredLiteral('^(jdoe)$')).toBe('jdoe');
		for (const pattern of ['jdoe', '^jdoe', '(?i)^j.doe$', '(^a$)|(^b$)', '^a\\$', '^a\\d$', '(?i)(^zoë$)']) {
			expect(anchoredLiteral(pattern)).toBeUndefined();
		}
		expect(anchoredLiteral('^$')).toBe('');
		expect(anchoredLiteral('^zoë$')).toBe('zoë');
	});

	it('narrows the client lookup, $in and equality; scans anything it cannot vouch for', () => {
		const lookup = {or: [{username: {$regex: '(?i)(^a$)'}}, {email: {$regex: '(?i)(^b@x\\.org$)'}}]};
		expect(indexKeys(lookup, indexed)).toEqual([
			{field: 'username', value: 'a'},
			{field: 'email', value: 'b@x.org'},
		]);
		expect(indexKeys({and: [{department: 'Sales'}, {username: {$in: ['a', 'b']}}]}, indexed)).toEqual([
			{field: 'username', value: 'a'},
			{field: 'username', value: 'b'},
		]);
		expect(indexKeys({employeeIdentifier: {$eq: 'E1'}}, indexed)).toEqual([{field: 'employeeIdentifier', value: 'E1'}]);
		for (const filter of [
			undefined,
			{},
			{department: 'Sales'},
			{or: [lookup, {department: 'Sales'}]},
			{username: {$regex: 'smith'}},
			{username: {$in: ['a', 7]}},
			{username: ''},
			{manager: 'x'},
		]) {
			expect(indexKeys(filter, indexed)).toBeUndefined();
		}
	});
});

/** A filter the indexes cannot narrow (the second branch) that matches exactly what `filter` does. */
const scanned = (filter: unknown) => ({or: [filter, {_id: {$exists: false}}]});

describe('indexed search answers what the scan answers', () => {
	it('on a seeded directory, for lookups, $in lists and equality, in every case and order', async () => {
		const sandbox = await open({users: 3000, seed: 21});
		// Some awkward neighbours: non-ASCII, a Kelvin sign (lower-cases to "k"), regex metacharacters.
		for (const body of [
			validUser({username: 'zoe.x', email: 'Zoë.X@example.org'}),
			validUser({username: 'kelvin', email: '\u212Aelvin@example.org'}),
			validUser({username: 'plus', email: 'a+b@example.org', alternateEmail: 'A+B@home.example'}),
		]) {
			expect((await create(sandbox, body)).status).toBe(200);
		}
		const all = [...sandbox.directory.users.values()];
		const someone = (i: number) => all[(i * 997) % all.length]!;
		const unique = ['username', 'email', 'employeeIdentifier', 'alternateEmail'] as const;
		const lookup = (users: typeof all, mangle: (value: string) => string, fields: ReadonlyArray<(typeof unique)[number] | 'displayname'> = [...unique, 'displayname']) => ({
			or: users.flatMap((user) =>
				fields
					.filter((field) => typeof user[field] === 'string')
					.map((field) => ({[field]: {$regex: `(?i)(^${mangle(String(user[field])).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$)`}})),
			),
		});
		const filters: unknown[] = [
			lookup([someone(1), someone(2), someone(3)], (value) => value.toUpperCase()),
			lookup(all.slice(0, 50), (value) => value),
			lookup([someone(4)], (value) => `${value}x`),
			{or: [{email: {$regex: '(?i)(^kelvin@example\\.org$)'}}, {email: {$regex: '(?i)(^a\\+b@example\\.org$)'}}]},
			{email: {$regex: '^Zoë\\.X@example\\.org$'}},
			{username: {$in: [someone(5).username, someone(6).username.toUpperCase(), 'nobody']}},
			{and: [{username: someone(7).username}, {state: 'ACTIVATED'}]},
			{employeeIdentifier: {$eq: someone(8).employeeIdentifier}},
			{or: [{username: {$in: all.slice(100, 400).map((user) => user.username)}}]},
			{or: []},
			// Display names, which several users may share (managers are looked up by them).
			{or: [...new Set(all.slice(0, 300).flatMap((user) => user.displayname ?? []))].slice(0, 50).map((name) => ({displayname: {$regex: `(?i)(^${String(name).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$)`}}))},
		];
		for (const filter of filters) {
			for (const extra of [{}, {sort: 'username', limit: 7, skip: 2}, {sort: '-created', fields: 'username email'}, {searchFilter: {searchTerm: 'a'}}]) {
				const fast = await call(sandbox, 'POST', '/api/search/systemusers', {body: {filter, limit: 1000, ...extra}});
				const slow = await call(sandbox, 'POST', '/api/search/systemusers', {body: {filter: scanned(filter), limit: 1000, ...extra}});
				expect(fast.status).toBe(200);
				expect(fast.text).toBe(slow.text);
			}
		}
		const shared = all.find((user) => user.displayname && all.filter((other) => other.displayname === user.displayname).length > 1)!;
		const namesakes = await call(sandbox, 'POST', '/api/search/systemusers', {body: {filter: {displayname: {$regex: `(?i)(^${shared.displayname!.toLowerCase()}$)`}}}});
		expect(namesakes.body.totalCount).toBeGreaterThan(1);
		const found = await call(sandbox, 'POST', '/api/search/systemusers', {body: {filter: lookup([someone(9)], (value) => value.toUpperCase(), unique)}});
		expect(found.body.results.map((user: {_id: string}) => user._id)).toEqual([someone(9)._id]);
	});

	it('sort=_id pages are sliced in id order, as the sorting scan gives them, after deletes too', async () => {
		const sandbox = await open({users: 1500, seed: 22});
		const ids = [...sandbox.directory.users.keys()];
		expect([...ids].sort()).toEqual(ids);
		for (const id of [ids[3]!, ids[700]!, ids.at(-1)!]) await call(sandbox, 'DELETE', `/api/systemusers/${id}`);
		await create(sandbox, validUser());
		for (const query of ['limit=100&skip=0&sort=_id&fields=username email', 'limit=100&skip=1400&sort=_id', 'limit=5&skip=20', 'limit=3&sort=_id%20-username', 'limit=100&skip=2000&sort=_id']) {
			const fast = await call(sandbox, 'GET', `/api/systemusers?${query}`);
			const slow = await call(sandbox, 'GET', `/api/systemusers?${query}&filter=username:$ne:%00`);
			expect(fast.status).toBe(200);
			expect(fast.text).toBe(slow.text);
		}
		const page = await call(sandbox, 'GET', '/api/systemusers?limit=100&skip=0&sort=_id');
		expect(page.body.totalCount).toBe(1500 + 4 - 3 + 1);
	});
});

describe('users: N seeds a big org', () => {
	const seededUsers = (sandbox: Sandbox) => [...sandbox.directory.users.values()].filter((user) => user.email.endsWith('@staff.example.com'));

	it('is the same org for the same seed, another for another seed, and unique throughout', async () => {
		const [a, b, c] = await Promise.all([open({users: 2000, seed: 5}), open({users: 2000, seed: 5}), open({users: 2000, seed: 6})]);
		expect(seededUsers(a)).toHaveLength(2000);
		expect(seededUsers(a)).toEqual(seededUsers(b));
		expect(seededUsers(c).map((user) => user.username)).not.toEqual(seededUsers(a).map((user) => user.username));
		for (const field of ['username', 'email', 'employeeIdentifier'] as const) {
			expect(new Set(seededUsers(a).map((user) => user[field]!.toLowerCase())).size).toBe(2000);
		}
		const created = seededUsers(a).map((user) => user.created);
		expect([...created].sort()).toEqual(created);
		expect(Date.parse(created.at(-1)!)).toBeLessThan(Date.now());
		expect(new Set(seededUsers(a).map((user) => user.state))).toEqual(new Set(['ACTIVATED', 'STAGED', 'SUSPENDED']));
		expect(new Set(seededUsers(a).map((user) => user.department)).size).toBeGreaterThan(3);
		// The seeded users are taken like any other.
		const taken = await create(a, validUser({email: seededUsers(a)[10]!.email.toUpperCase()}));
		expect(taken.status).toBe(400);
	});

	it('refuses a count that is not a whole number from 0 to a million', async () => {
		await expect(startSandbox({users: -1})).rejects.toThrow(RangeError);
		await expect(startSandbox({users: 1.5})).rejects.toThrow(RangeError);
	});

	if (!specsPresent) {
		it.skip(skipReason, () => {});
	} else {
		it('gives users the specs accept, in answers and as create bodies', async () => {
			const sandbox = await open({users: 400, seed: 7, recordRequests: true});
			for (let skip = 0; skip < 404; skip += 100) await call(sandbox, 'GET', `/api/systemusers?limit=100&skip=${skip}&sort=_id`);
			const one = seededUsers(sandbox)[0]!;
			await call(sandbox, 'GET', `/api/systemusers/${one._id}`);
			await call(sandbox, 'POST', '/api/search/systemusers', {body: {filter: {or: [{username: {$regex: `(?i)(^${one.username.replace(/\./g, '\\.')}$)`}}]}}});
			expect(sandbox.requests.every((request) => request.status === 200)).toBe(true);
			expect(checkResponses(sandbox.requests, {knownUndeclared: isSandboxAnswer})).toEqual([]);

			// Sent as creates to an empty sandbox, every seeded user passes the spec and the create rules.
			const fresh = await open({seed: 8, recordRequests: true});
			for (const user of seededUsers(sandbox)) {
				const {_id, organization, created, activated, passwordSet, mfa, enable_user_portal_multifactor, ...body} = user;
				const answer = await create(fresh, body);
				expect(answer.status, answer.text).toBe(200);
			}
			expect(checkRequests(fresh.requests)).toEqual([]);
			expect(checkResponses(fresh.requests, {knownUndeclared: isSandboxAnswer})).toEqual([]);
		});
	}
});
