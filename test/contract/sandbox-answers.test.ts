import {afterEach, describe, expect, it} from 'vitest';
import {startSandbox, type ErrorStyle, type Sandbox} from '../../source/sandbox/index.js';
import {checkResponses, isSandboxAnswer, skipReason, specsPresent} from '../support/contract.js';
import {call, validUser} from '../sandbox/support.js';

/**
 * Every route of the sandbox, the ones the client does not use too, against the specs' response
 * schemas: a sandbox that answers more than JumpCloud declares teaches the client to read it.
 */

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

/** One call of every route, in success and in the errors it gives. */
async function everyRoute(s: Sandbox): Promise<void> {
	const missing = '0123456789abcdef01234567';
	const post = (path: string, body: unknown) => call(s, 'POST', path, {body});
	await call(s, 'GET', '/api/organizations');
	await call(s, 'GET', '/api/organizations?fields=displayName');
	await call(s, 'GET', `/api/organizations/${s.orgId}`);
	await call(s, 'GET', `/api/organizations/${s.orgId}?fields=settings`);
	await call(s, 'GET', `/api/organizations/${missing}`);

	const full = validUser({
		state: 'ACTIVATED',
		password: 'Correct-Horse-42!',
		firstname: 'Grace',
		recoveryEmail: {address: 'grace@home.example'},
		addresses: [{type: 'work', locality: 'Arlington'}],
		phoneNumbers: [{type: 'mobile', number: '+1 555 0100'}],
		attributes: [{name: 'Badge', value: '7'}],
		enable_user_portal_multifactor: true,
		mfa: {exclusion: true, exclusionUntil: new Date(Date.now() + 86_400_000).toISOString()},
		tags: ['legacy'],
	});
	const created = (await post('/api/systemusers', full)).body;
	const staged = (await post('/api/systemusers', validUser({mfa: {exclusion: true, exclusionDays: 7}}))).body;
	await post('/api/systemusers', validUser({manager: staged._id}));
	await post('/api/systemusers', validUser({username: created.username}));
	await post('/api/systemusers?fullValidationDetails=password', validUser({password: 'short'}));
	await call(s, 'GET', '/api/systemusers?limit=100&sort=_id');
	await call(s, 'GET', '/api/systemusers?fields=username%20email&filter=department:$eq:Sales');
	await call(s, 'GET', '/api/systemusers?limit=101');
	await call(s, 'GET', `/api/systemusers/${created._id}`);
	await call(s, 'GET', `/api/systemusers/${created._id}?fields=username`);
	await call(s, 'GET', `/api/systemusers/${missing}`);
	await post(`/api/systemusers/${staged._id}/state/activate`, {email: false});
	await post(`/api/systemusers/${staged._id}/state/activate`, {});
	await post(`/api/systemusers/${missing}/state/activate`, {});
	await post('/api/search/systemusers', {filter: {or: [{username: {$regex: '(?i)^grace'}}]}, fields: 'username email state'});
	await post('/api/search/systemusers', {searchFilter: {searchTerm: 'Jane'}});
	await post('/api/search/systemusers', {filter: {and: [{manager: staged._id}]}});
	await post('/api/search/systemusers', {filter: 'nonsense'});
	await call(s, 'DELETE', `/api/systemusers/${staged._id}`);
	await call(s, 'DELETE', `/api/systemusers/${staged._id}?cascade_manager=null`);
	await call(s, 'DELETE', `/api/systemusers/${missing}`);

	const system = s.directory.systemByHostname('eng-mbp-01')!._id;
	await call(s, 'GET', '/api/systems?fields=hostname%20displayName%20os');
	await call(s, 'GET', '/api/systems');
	await call(s, 'GET', `/api/systems/${system}`);
	await call(s, 'GET', `/api/systems/${missing}`);
	await post('/api/search/systems', {filter: {or: [{hostname: 'eng-mbp-01'}]}, fields: 'hostname'});

	const group = s.directory.groupByName('Sales')!.id;
	await call(s, 'GET', '/api/v2/usergroups?limit=100&sort=name');
	await call(s, 'GET', '/api/v2/usergroups?filter=name:eq:Sales&fields=name');
	await call(s, 'GET', '/api/v2/usergroups?filter=bad');
	await call(s, 'GET', `/api/v2/usergroups/${group}`);
	await post('/api/v2/usergroups', {name: 'Contractors', description: 'Temporary'});
	await post('/api/v2/usergroups', {name: 'contractors'});
	const member = {op: 'add', type: 'user', id: created._id};
	await post(`/api/v2/usergroups/${group}/members`, member);
	await post(`/api/v2/usergroups/${group}/members`, member);
	await post(`/api/v2/usergroups/${group}/members`, {op: 'join', type: 'user', id: created._id});
	await call(s, 'GET', `/api/v2/usergroups/${group}/members`);
	await post(`/api/v2/usergroups/${group}/members`, {...member, op: 'remove'});
	await post(`/api/v2/usergroups/${group}/members`, {...member, op: 'remove'});
	await post(`/api/v2/systems/${system}/associations`, {...member, attributes: {sudo: {enabled: true, withoutPassword: false}}});
	await post(`/api/v2/systems/${system}/associations`, member);
	await call(s, 'GET', `/api/v2/systems/${system}/associations?targets=user`);
	await post(`/api/v2/systems/${system}/associations`, {...member, op: 'remove'});
	await call(s, 'GET', '/api/systemusers', {key: 'wrong'});
}

if (!specsPresent) {
	describe('sandbox answers', () => {
		it.skip(skipReason, () => {});
	});
} else {
	describe('every sandbox answer validates against the specs', () => {
		for (const errorStyle of ['grpc', 'message'] as ErrorStyle[]) {
			it(`in the ${errorStyle} error style`, async () => {
				sandbox = await startSandbox({seed: 3, recordRequests: true, errorStyle});
				await everyRoute(sandbox);
				const statuses = new Set(sandbox.requests.map((r) => r.status));
				expect([...statuses].sort()).toEqual([200, 201, 204, 400, 401, 404, 409]);
				expect(checkResponses(sandbox.requests, {knownUndeclared: isSandboxAnswer})).toEqual([]);
			});
		}

		it('message-error is not a spec shape: its `error` property is named', async () => {
			sandbox = await startSandbox({seed: 3, recordRequests: true, errorStyle: 'message-error'});
			await call(sandbox, 'GET', '/api/systemusers/0123456789abcdef01234567');
			expect(checkResponses(sandbox.requests, {knownUndeclared: isSandboxAnswer}).map((v) => v.problem)).toEqual(['body property $.error is not in the spec (undeclared)']);
		});
	});
}
