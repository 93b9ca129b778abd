import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Sandbox} from '../../source/sandbox/index.js';
import {call, start} from './support.js';

let sandbox: Sandbox;
afterEach(async () => {
	await sandbox.close();
});

describe('API key', () => {
	beforeEach(async () => {
		sandbox = await start({apiKey: 'right-key'});
	});

	it('a wrong key gets 401 with the JumpCloud error body', async () => {
		const answer = await call(sandbox, 'GET', '/api/systemusers', {key: 'wrong-key'});
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({code: 401, message: expect.stringMatching(/x-api-key/), status: 'UNAUTHENTICATED'});
		expect(answer.text).not.toContain('right-key');
	});

	it('a missing key gets 401, and the right key passes', async () => {
		expect((await call(sandbox, 'GET', '/api/organizations', {key: null})).status).toBe(401);
		expect((await call(sandbox, 'GET', '/api/organizations')).status).toBe(200);
	});

	it('checks the key before the route exists', async () => {
		expect((await call(sandbox, 'GET', '/api/nothing-here', {key: 'wrong'})).status).toBe(401);
	});
});

describe('x-org-id', () => {
	beforeEach(async () => {
		sandbox = await start();
	});

	it('the right org id is accepted on v1 and v2 routes', async () => {
		const headers = {'x-org-id': sandbox.orgId};
		expect((await call(sandbox, 'GET', '/api/systemusers', {headers})).status).toBe(200);
		expect((await call(sandbox, 'GET', '/api/v2/usergroups', {headers})).status).toBe(200);
	});

	it('a malformed org id is 400', async () => {
		const answer = await call(sandbox, 'GET', '/api/systemusers', {headers: {'x-org-id': 'not-an-id'}});
		expect(answer.status).toBe(400);
		expect(answer.body.status).toBe('INVALID_ARGUMENT');
		expect(answer.body.message).toMatch(/x-org-id/);
	});

	it('an org id that is not the org is 404', async () => {
		const answer = await call(sandbox, 'GET', '/api/v2/usergroups', {headers: {'x-org-id': 'ffffffffffffffffffffffff'}});
		expect(answer.status).toBe(404);
		expect(answer.body.status).toBe('NOT_FOUND');
	});

	it('any org id on /api/organizations routes is 403, as JumpCloud refuses it there', async () => {
		for (const path of ['/api/organizations', `/api/organizations/${sandbox.orgId}`]) {
			const answer = await call(sandbox, 'GET', path, {headers: {'x-org-id': sandbox.orgId}});
			expect(answer.status, path).toBe(403);
			expect(answer.body.status).toBe('PERMISSION_DENIED');
		}
	});

	it('single-tenant: no org id needed', async () => {
		expect((await call(sandbox, 'GET', '/api/systems')).status).toBe(200);
	});
});

describe('multi-tenant', () => {
	beforeEach(async () => {
		sandbox = await start({multiTenant: true});
	});

	it('a missing org id is 401 saying the org id is required', async () => {
		const answer = await call(sandbox, 'GET', '/api/systemusers');
		expect(answer.status).toBe(401);
		expect(answer.body.message).toMatch(/x-org-id.*required/);
		expect((await call(sandbox, 'GET', '/api/systemusers', {headers: {'x-org-id': sandbox.orgId}})).status).toBe(200);
	});

	it('organizations routes still work without it (and refuse it)', async () => {
		const list = await call(sandbox, 'GET', '/api/organizations');
		expect(list.status).toBe(200);
		expect(list.body.results.map((org: {_id: string}) => org._id)).toEqual([sandbox.orgId]);
		expect((await call(sandbox, 'GET', '/api/organizations', {headers: {'x-org-id': sandbox.orgId}})).status).toBe(403);
	});
});

describe('requests the sandbox cannot take', () => {
	beforeEach(async () => {
		sandbox = await start();
	});

	it('bad JSON is 400', async () => {
		const answer = await call(sandbox, 'POST', '/api/systemusers', {rawBody: '{"username": '});
		expect(answer.status).toBe(400);
		expect(answer.body).toMatchObject({code: 400, status: 'INVALID_ARGUMENT', message: expect.stringMatching(/JSON/)});
		expect(sandbox.directory.users.size).toBe(4);
	});

	it('an unknown route or method is 404', async () => {
		expect((await call(sandbox, 'GET', '/api/no-such-thing')).status).toBe(404);
		expect((await call(sandbox, 'PATCH', '/api/systemusers')).status).toBe(404);
		const answer = await call(sandbox, 'GET', '/api/v2/nothing');
		expect(answer.body).toEqual({code: 404, status: 'NOT_FOUND', message: expect.any(String)});
	});

	it('a body over 1 MB is 413', async () => {
		const answer = await call(sandbox, 'POST', '/api/systemusers', {body: {username: 'big', email: 'big@example.org', description: 'x'.repeat(1024 * 1024)}});
		expect(answer.status).toBe(413);
		expect(answer.body.code).toBe(413);
		expect(sandbox.directory.userByUsername('big')).toBeUndefined();
		// Just under the limit is read (and then judged on its merits).
		const near = await call(sandbox, 'POST', '/api/systemusers', {rawBody: `{"description": "${'x'.repeat(1024 * 1024 - 40)}"}`});
		expect(near.status).toBe(400);
	});

	it('the organization: list (the spec\'s item: no settings), get, fields, 404', async () => {
		const list = await call(sandbox, 'GET', '/api/organizations?fields=displayName%20settings&limit=10&skip=0');
		expect(list.body.totalCount).toBe(1);
		const [listed] = list.body.results;
		expect(Object.keys(listed).sort()).toEqual(['_id', 'displayName']);
		const org = (await call(sandbox, 'GET', `/api/organizations/${sandbox.orgId}`)).body;
		expect(org.displayName).toBe('Sandbox Org (simulated)');
		expect(org.settings).toEqual({
			passwordCompliance: 'custom',
			passwordPolicy: {minLength: 12, needsLowercase: true, needsUppercase: true, needsNumeric: true, needsSymbolic: true},
			newSystemUserStateDefaults: {manualEntry: 'ACTIVATED', csvImport: 'STAGED', applicationImport: 'STAGED'},
		});
		const one = await call(sandbox, 'GET', `/api/organizations/${sandbox.orgId}?fields=displayName`);
		expect(one.body).toEqual({_id: sandbox.orgId, displayName: 'Sandbox Org (simulated)'});
		expect((await call(sandbox, 'GET', '/api/organizations/0123456789abcdef01234567')).status).toBe(404);
	});
});
