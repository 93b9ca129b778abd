import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {checkRequest, checkRequests, skipReason, specsPresent} from '../support/contract.js';
import {newUser, startHarness, type Harness} from '../support/sandbox.js';

if (!specsPresent) {
	console.warn(skipReason);
	describe('contract', () => {
		it.skip(skipReason, () => {});
	});
} else {
	describe('the client against the official specs', () => {
		let harness: Harness;
		beforeAll(async () => {
			harness = await startHarness();
		});
		afterAll(async () => {
			await harness.sandbox.close();
		});

		it('a create body with every field the tool can send is what systemuserputpost declares', async () => {
			const {client, sandbox} = harness;
			const manager = await client.users.create(newUser());
			await client.users.create({
				...newUser(),
				state: 'ACTIVATED',
				password: 'Correct-Horse-42!',
				firstname: 'Grace',
				lastname: 'Hopper',
				middlename: 'Brewster',
				displayname: 'Amazing Grace',
				alternateEmail: 'grace@home.example',
				recoveryEmail: {address: 'grace.recovery@home.example'},
				manager: manager._id,
				managedAppleId: 'grace@appleid.example',
				jobTitle: 'Rear Admiral',
				employeeIdentifier: '000042',
				department: 'Navy',
				costCenter: 'CC-1',
				company: 'US Navy',
				employeeType: 'Full-time',
				description: 'COBOL',
				location: 'Arlington',
				addresses: [
					{type: 'work', streetAddress: '1 Main St', poBox: '9', locality: 'Arlington', region: 'VA', postalCode: '22201', country: 'US'},
					{type: 'home', streetAddress: '2 Elm St', locality: 'New York', region: 'NY', postalCode: '10001', country: 'US'},
				],
				phoneNumbers: [
					{type: 'mobile', number: '+1 555 0100'},
					{type: 'work_fax', number: '+1 555 0101'},
				],
				attributes: [{name: 'Badge', value: '7'}],
				unix_uid: 5001,
				unix_guid: 5001,
				mfa: {exclusion: true, exclusionUntil: '2026-12-14T00:00:00.000Z'},
				enable_user_portal_multifactor: true,
				password_never_expires: false,
				ldap_binding_user: false,
				sudo: false,
				passwordless_sudo: false,
				account_locked: false,
				allow_public_key: true,
				enable_managed_uid: false,
			});
			await client.users.create({...newUser(), mfa: {exclusion: true, exclusionDays: 21}});
			expect(checkRequests(sandbox.requests)).toEqual([]);
		});

		it('every operation the client performs is a documented operation with a valid body', async () => {
			const {client, sandbox} = harness;
			const start = sandbox.requests.length;
			await client.organization.get();
			const user = await client.users.create(newUser());
			await client.users.get(user._id, ['username', 'email']);
			await client.users.lookup({username: 'x', email: 'y', employeeIdentifier: 'z', alternateEmail: 'w'});
			await client.users.all();
			const a = await client.users.create(newUser());
			const b = await client.users.create(newUser());
			await client.users.activate(user._id, {kind: 'default'});
			await client.users.activate(a._id, {kind: 'none'});
			await client.users.activate(b._id, {kind: 'address', address: 'it@example.org'});
			const group = (await client.groups.findByName('Engineering'))!;
			await client.groups.all();
			await client.groups.addUser(group.id, user._id);
			const [system] = await client.systems.find('eng-mbp-01');
			await client.systems.find(system!._id);
			await client.systems.all();
			await client.systems.bindUser(system!._id, user._id);
			await client.systems.bindUser(system!._id, a._id, {enabled: true, withoutPassword: false});
			await client.users.delete(b._id);

			const sent = sandbox.requests.slice(start);
			expect(checkRequests(sent)).toEqual([]);
			const operations = new Set(sent.map((r) => `${r.method} ${r.path.replace(/[a-f0-9]{24}/g, '{id}')}`));
			expect([...operations].sort()).toEqual(
				[
					'DELETE /api/systemusers/{id}',
					'GET /api/organizations',
					'GET /api/systems',
					'GET /api/systems/{id}',
					'GET /api/systemusers',
					'GET /api/systemusers/{id}',
					'GET /api/v2/usergroups',
					'POST /api/search/systems',
					'POST /api/search/systemusers',
					'POST /api/systemusers',
					'POST /api/systemusers/{id}/state/activate',
					'POST /api/v2/systems/{id}/associations',
					'POST /api/v2/usergroups/{id}/members',
				].sort(),
			);
		});
	});

	describe('the contract check itself', () => {
		const request = (method: string, path: string, body?: unknown, query: Record<string, string[]> = {}) => ({
			method,
			path,
			query,
			body,
			headers: {'x-api-key': 'k', 'content-type': 'application/json'} as Record<string, string>,
		});
		const problems = (...args: Parameters<typeof request>) => checkRequest(request(...args)).map((v) => v.problem).join('\n');

		it('rejects an undeclared property, a wrong type and a bad enum in a create', () => {
			expect(problems('POST', '/api/systemusers', {username: 'a', email: 'a@b.c', firstName: 'x'})).toMatch(/\$\.firstName is not in the spec/);
			expect(problems('POST', '/api/systemusers', {username: 'a', email: 'a@b.c', unix_uid: '12'})).toMatch(/must be integer/);
			expect(problems('POST', '/api/systemusers', {username: 'a', email: 'a@b.c', state: 'ACTIVE'})).toMatch(/allowed values/);
			expect(problems('POST', '/api/systemusers', {email: 'a@b.c'})).toMatch(/username/);
			expect(problems('POST', '/api/systemusers', {username: 'a', email: 'a@b.c', mfa: {exclusionDays: 0}})).toMatch(/>= 1/);
		});

		it('rejects a bad graph operation, an unknown parameter and an undocumented route', () => {
			expect(problems('POST', '/api/v2/systems/abc/associations', {op: 'add', type: 'user', id: 'u', attributes: {sudo: {enabled: true}}})).toMatch(
				/withoutPassword/,
			);
			expect(problems('POST', '/api/v2/usergroups/abc/members', {op: 'join', type: 'user', id: 'u'})).toMatch(/allowed values/);
			expect(problems('GET', '/api/systemusers', undefined, {pageSize: ['5']})).toMatch(/'pageSize' is not declared/);
			expect(problems('POST', '/api/systemusers/bulk-magic')).toMatch(/no such operation/);
			expect(problems('POST', '/api/systemusers/abc/state/activate', {email: 7})).toMatch(/must be string/);
		});
	});
}
