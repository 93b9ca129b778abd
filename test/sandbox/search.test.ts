import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Sandbox} from '../../source/sandbox/index.js';
import {call, start, validUser} from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await start();
	await call(sandbox, 'POST', '/api/systemusers', {body: validUser({username: 'ada.lovelace', email: 'Ada+Test@Example.org', department: 'R&D'})});
});
afterAll(async () => {
	await sandbox.close();
});

const search = (body: unknown, query = '') => call(sandbox, 'POST', `/api/search/systemusers${query}`, {body});
const names = (answer: {body: {results: Array<{username: string}>}}) => answer.body.results.map((u) => u.username).sort();

describe('POST /api/search/systemusers', () => {
	it('a (?i) regex matches case-insensitively, the way the PowerShell module looks users up', async () => {
		const answer = await search({filter: {and: [{username: {$regex: '(?i)(^JSMITH$)'}}]}, fields: 'username'});
		expect(answer.status).toBe(200);
		expect(answer.body.totalCount).toBe(1);
		expect(answer.body.results).toEqual([{_id: sandbox.directory.userByUsername('jsmith')!._id, username: 'jsmith'}]);
	});

	it('without (?i) a regex is case-sensitive, and anchors hold', async () => {
		expect(names(await search({filter: {and: [{username: {$regex: '^JSMITH$'}}]}}))).toEqual([]);
		expect(names(await search({filter: {and: [{username: {$regex: '^jsmit$'}}]}}))).toEqual([]);
		expect(names(await search({filter: {and: [{email: {$regex: '(?i)(^ada\\+test@example\\.ORG$)'}}]}}))).toEqual(['ada.lovelace']);
	});

	it('or and and combine; plain values and $eq are exact', async () => {
		const either = await search({filter: {or: [{username: 'jsmith'}, {email: 'bob.jones@example.com'}]}});
		expect(names(either)).toEqual(['bjones', 'jsmith']);
		const both = await search({filter: {and: [{department: 'Engineering'}, {state: {$eq: 'SUSPENDED'}}]}});
		expect(names(both)).toEqual(['alovelace']);
		expect(names(await search({filter: {and: [{username: 'JSMITH'}]}}))).toEqual([]);
		expect(names(await search({filter: {or: [{employeeIdentifier: {$regex: '(?i)(^e0003$)'}}, {alternateEmail: 'nobody@x.org'}]}}))).toEqual(['mgarcia']);
	});

	it('searchFilter: a case-insensitive substring on the listed fields, any of several terms', async () => {
		expect(names(await search({searchFilter: {searchTerm: 'SMITH', fields: ['email']}}))).toEqual(['jsmith']);
		expect(names(await search({searchFilter: {searchTerm: ['garcia', 'JONES'], fields: ['lastname']}}))).toEqual(['bjones', 'mgarcia']);
		expect(names(await search({searchFilter: {searchTerm: 'smith', fields: ['department']}}))).toEqual([]);
		// With a filter too, both must hold.
		const combined = await search({filter: {and: [{state: 'ACTIVATED'}]}, searchFilter: {searchTerm: 'example.com', fields: ['email']}});
		expect(names(combined)).toEqual(['bjones', 'jsmith']);
	});

	it('limit, skip and fields come from the body or the query; the body wins', async () => {
		const fromQuery = await search({filter: {}}, '?limit=2&skip=1&fields=email');
		expect(fromQuery.body.totalCount).toBe(5);
		expect(fromQuery.body.results).toHaveLength(2);
		expect(Object.keys(fromQuery.body.results[0]).sort()).toEqual(['_id', 'email']);
		const fromBody = await search({limit: 3, skip: 0, fields: 'username'}, '?limit=1');
		expect(fromBody.body.results).toHaveLength(3);
		expect(Object.keys(fromBody.body.results[0]).sort()).toEqual(['_id', 'username']);
	});

	it('limit may go to 1000 in a search, not beyond', async () => {
		expect((await search({limit: 1000})).status).toBe(200);
		const over = await search({limit: 1001});
		expect(over.status).toBe(400);
		expect(over.body.message).toMatch(/^limit must be at most 1000/);
	});

	it('refuses a pattern over 500 characters, a broken regex and an unknown operator', async () => {
		const long = await search({filter: {and: [{username: {$regex: 'a'.repeat(501)}}]}});
		expect(long.status).toBe(400);
		expect(long.body.message).toMatch(/500/);
		expect((await search({filter: {and: [{username: {$regex: 'a'.repeat(500)}}]}})).status).toBe(200);
		expect((await search({filter: {and: [{username: {$regex: '(?i)(unclosed'}}]}})).status).toBe(400);
		expect((await search({filter: {and: [{username: {$where: 'true'}}]}})).status).toBe(400);
		expect((await search({filter: {and: 'jsmith'}})).status).toBe(400);
		expect((await search('jsmith')).status).toBe(400);
	});

	it('an empty body lists everyone', async () => {
		const answer = await call(sandbox, 'POST', '/api/search/systemusers?limit=100');
		expect(answer.body.totalCount).toBe(5);
	});
});

describe('systems', () => {
	it('GET /api/systems lists with totalCount, fields, v1 filters and sort', async () => {
		const all = await call(sandbox, 'GET', '/api/systems?limit=100&sort=hostname');
		expect(all.body.totalCount).toBe(4);
		expect(all.body.results.map((s: {hostname: string}) => s.hostname)).toEqual(['build-linux-01', 'eng-mbp-01', 'mkt-imac-01', 'sales-win-01']);
		const mac = all.body.results[1];
		expect(mac).toMatchObject({hostname: 'eng-mbp-01', displayName: "Ada's MacBook Pro", os: 'Mac OS X'});
		expect(mac._id).toMatch(/^[a-f0-9]{24}$/);
		const windows = await call(sandbox, 'GET', '/api/systems?filter=os:$eq:Windows&fields=hostname');
		expect(windows.body).toEqual({results: [{_id: expect.any(String), hostname: 'sales-win-01'}], totalCount: 1});
		const paged = await call(sandbox, 'GET', '/api/systems?limit=3&skip=3');
		expect(paged.body.results).toHaveLength(1);
		expect(paged.body.totalCount).toBe(4);
	});

	it('GET /api/systems/{id} with fields; 404 for an unknown id', async () => {
		const build = sandbox.directory.systemByHostname('build-linux-01')!;
		const answer = await call(sandbox, 'GET', `/api/systems/${build._id}?fields=hostname%20os`);
		expect(answer.body).toEqual({_id: build._id, hostname: 'build-linux-01', os: 'Ubuntu'});
		expect((await call(sandbox, 'GET', '/api/systems/0123456789abcdef01234567')).status).toBe(404);
	});

	it('POST /api/search/systems by hostname or displayName, case-insensitively', async () => {
		const pattern = (text: string) => ({$regex: `(?i)(^${text}$)`});
		const find = async (text: string) => {
			const answer = await call(sandbox, 'POST', '/api/search/systems', {
				body: {filter: {or: [{hostname: pattern(text)}, {displayName: pattern(text)}]}, fields: 'hostname displayName os', limit: 100},
			});
			return answer.body.results.map((s: {hostname: string}) => s.hostname);
		};
		expect(await find('ENG-MBP-01')).toEqual(['eng-mbp-01']);
		expect(await find("ada's macbook pro")).toEqual(['eng-mbp-01']);
		expect(await find('nothing')).toEqual([]);
		const term = await call(sandbox, 'POST', '/api/search/systems', {body: {searchFilter: {searchTerm: 'LINUX'}}});
		expect(term.body.results.map((s: {hostname: string}) => s.hostname)).toEqual(['build-linux-01']);
	});
});
