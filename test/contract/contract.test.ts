import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {compared} from '../../source/importer/provenance.js';
import {JumpCloudClient} from '../../source/jumpcloud/client.js';
import {JumpCloudError} from '../../source/jumpcloud/errors.js';
import {summaryFields} from '../../source/jumpcloud/users.js';
import {
	checkRequest,
	checkRequests,
	checkResponse,
	checkResponses,
	isKnownUndeclared,
	operationKey,
	responseDeclares,
	skipReason,
	specsPresent,
} from '../support/contract.js';
import {fastBackoff, newUser, startHarness, type Harness} from '../support/sandbox.js';

/** Runs `work`, which must fail with a JumpCloud error of this kind; answers the error. */
async function refused(kind: string, work: () => Promise<unknown>): Promise<JumpCloudError> {
	try {
		await work();
	} catch (error) {
		expect(error).toBeInstanceOf(JumpCloudError);
		expect((error as JumpCloudError).kind).toBe(kind);
		return error as JumpCloudError;
	}
	throw new Error(`expected a ${kind} error`);
}

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

		it('a create body with every field the tool can send is what systemuserputpost declares, and so is the answer', async () => {
			const {client, sandbox} = harness;
			const start = sandbox.requests.length;
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
				mfa: {exclusion: true, exclusionUntil: new Date(Date.now() + 14 * 86_400_000).toISOString()},
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
			const sent = sandbox.requests.slice(start);
			expect(checkRequests(sent)).toEqual([]);
			expect(checkResponses(sent)).toEqual([]);
		});

		it('every operation the client performs is documented, with a valid body, and every answer validates', async () => {
			const {client, sandbox} = harness;
			const start = sandbox.requests.length;
			await client.organization.get();
			const user = await client.users.create(newUser());
			await client.users.get(user._id, ['username', 'email']);
			await client.users.get(user._id);
			await client.users.lookup({username: 'x', email: 'y', employeeIdentifier: 'z', alternateEmail: 'w'});
			await client.users.lookup({username: user.username});
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
			const report = await client.users.create(newUser({manager: a._id}));
			expect((await client.users.reportsOf(a._id)).map((found) => found._id)).toEqual([report._id]);
			await client.users.delete(a._id, {clearManagerOfReports: true});
			await client.users.delete(report._id);

			const sent = sandbox.requests.slice(start);
			expect(checkRequests(sent)).toEqual([]);
			expect(checkResponses(sent)).toEqual([]);
			const operations = new Set(sent.map((r) => operationKey(r.method, r.path)));
			expect([...operations].sort()).toEqual(
				[
					'DELETE /api/systemusers/{id}',
					'GET /api/organizations',
					'GET /api/organizations/{id}',
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

		it('errors the client meets answer as the specs declare (400, 409 on a delete) or as JumpCloud is known to (401, 404, graph 409)', async () => {
			const {client, sandbox} = harness;
			const start = sandbox.requests.length;
			const stranger = new JumpCloudClient({apiKey: 'not-the-key', baseUrl: sandbox.url, backoff: fastBackoff, timeoutMs: 5_000});
			await refused('unauthorized', () => stranger.organization.get());
			await refused('unauthorized', () => stranger.users.get('0123456789abcdef01234567'));
			await refused('validation', () => client.users.create(newUser({username: '1st.user'})));
			await refused('validation', () => client.users.create(newUser({password: 'short'})));
			const existing = await client.users.create(newUser());
			const duplicate = await refused('already-exists', () => client.users.create(newUser({username: existing.username})));
			expect(duplicate.status).toBe(400);
			expect(await client.users.find('0123456789abcdef01234567')).toBeUndefined();
			await refused('not-found', () => client.users.delete('0123456789abcdef01234567'));
			const group = (await client.groups.findByName('Sales'))!;
			await client.groups.addUser(group.id, existing._id);
			expect(await client.groups.addUser(group.id, existing._id)).toEqual({alreadyMember: true});
			const system = sandbox.directory.systemByHostname('sales-win-01')!;
			await client.systems.bindUser(system._id, existing._id);
			expect(await client.systems.bindUser(system._id, existing._id)).toEqual({alreadyBound: true});
			await client.users.create(newUser({manager: existing._id}));
			const conflict = await refused('conflict', () => client.users.delete(existing._id));
			expect(conflict.status).toBe(409);

			const sent = sandbox.requests.slice(start);
			expect(sent.map((r) => r.status).sort()).toEqual(expect.arrayContaining([400, 401, 404, 409]));
			expect(checkRequests(sent)).toEqual([]);
			expect(checkResponses(sent, {knownUndeclared: isKnownUndeclared})).toEqual([]);
			// Without the list each of those is named, so the list is what lets them pass.
			const undeclared = checkResponses(sent).map((v) => v.request.replace(/[a-f0-9]{24}/g, '{id}'));
			expect(new Set(undeclared)).toEqual(
				new Set([
					// B-V1 declares 401 for GET /systemusers/{id}, not for the organizations list.
					'GET /api/organizations → 401',
					'GET /api/systemusers/{id} → 404',
					'DELETE /api/systemusers/{id} → 404',
					'POST /api/v2/usergroups/{id}/members → 409',
					'POST /api/v2/systems/{id}/associations → 409',
				]),
			);
		});
	});

	describe('fields the client relies on are declared by the specs', () => {
		const id = '0123456789abcdef01234567';
		// A user's fields come from the code that reads them, so a field added there is checked here too.
		const userFields = [...new Set(['_id', 'created', 'state', ...compared, ...summaryFields])];
		const summaryRows = ['_id', ...summaryFields].map((field) => `results.${field}`);
		const relied: Array<[string, string, number, string[]]> = [
			['GET', '/api/organizations', 200, ['results', 'results._id', 'results.displayName', 'totalCount']],
			[
				'GET',
				`/api/organizations/${id}`,
				200,
				[
					'_id',
					'displayName',
					'settings.passwordCompliance',
					'settings.passwordPolicy.minLength',
					'settings.passwordPolicy.needsLowercase',
					'settings.passwordPolicy.needsUppercase',
					'settings.passwordPolicy.needsNumeric',
					'settings.passwordPolicy.needsSymbolic',
					'settings.passwordPolicy.allowUsernameSubstring',
					'settings.newSystemUserStateDefaults.manualEntry',
					'settings.newSystemUserStateDefaults.csvImport',
					'settings.newSystemUserStateDefaults.applicationImport',
				],
			],
			['POST', '/api/systemusers', 200, [...userFields, 'organization', 'activated', 'mfa.configured', 'mfa.exclusion']],
			['GET', `/api/systemusers/${id}`, 200, [...userFields, 'organization', 'mfa.exclusionUntil']],
			['GET', '/api/systemusers', 200, ['results', 'totalCount', ...summaryRows]],
			['POST', '/api/search/systemusers', 200, ['results', 'totalCount', ...summaryRows, 'results.manager']],
			['DELETE', `/api/systemusers/${id}`, 409, ['message']],
			['POST', '/api/systemusers', 400, ['message', 'details']],
			['GET', '/api/systems', 200, ['results', 'totalCount', 'results._id', 'results.hostname', 'results.displayName', 'results.os']],
			['GET', `/api/systems/${id}`, 200, ['_id', 'hostname', 'displayName', 'os']],
			['POST', '/api/search/systems', 200, ['results', 'totalCount', 'results._id', 'results.hostname', 'results.displayName', 'results.os']],
			['GET', '/api/v2/usergroups', 200, ['id', 'name', 'type', 'description']],
		];

		it.each(relied)('%s %s %i', (method, path, status, fields) => {
			const missing = fields.filter((field) => responseDeclares(method, path, status, field) !== true);
			expect(missing.map((field) => `${method} ${path.replace(id, '{id}')} ${status} does not declare '${field}'`)).toEqual([]);
		});

		it('the lookup fails for a field no spec declares', () => {
			expect(responseDeclares('GET', `/api/systemusers/${id}`, 200, 'passwordSet')).toBe(false);
			expect(responseDeclares('GET', '/api/v2/usergroups', 200, 'members')).toBe(false);
			expect(responseDeclares('GET', '/api/systemusers', 200, 'results.hostname')).toBe(false);
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
		const answer = (method: string, path: string, status: number, body?: unknown) =>
			checkResponse({method, path, status, response: body === undefined ? '' : JSON.stringify(body)}).map((v) => v.problem).join('\n');
		const user = '/api/systemusers/0123456789abcdef01234567';

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

		it("takes a query parameter only baton's copy declares (the SDK's drops DELETE's cascade_manager)", () => {
			expect(problems('DELETE', user, undefined, {cascade_manager: ['null']})).toBe('');
			expect(problems('DELETE', user, undefined, {cascade: ['null']})).toMatch(/'cascade' is not declared/);
		});

		it('rejects an answer with an undeclared property, a wrong type, or one in a list item', () => {
			expect(answer('GET', user, 200, {_id: 'x', username: 'u', passwordSet: true})).toMatch(/\$\.passwordSet is not in the spec \(SDK 200\)/);
			expect(answer('GET', user, 200, {_id: 'x', activated: 'yes'})).toMatch(/activated must be boolean/);
			expect(answer('GET', '/api/systemusers', 200, {results: [{_id: 'x'}, {_id: 'y', extra: 1}], totalCount: 2})).toMatch(/\$\.results\[1\]\.extra is not in the spec/);
			expect(answer('GET', '/api/v2/usergroups', 200, [{id: 'g', name: 'n', members: []}])).toMatch(/\$\[0\]\.members is not in the spec/);
			expect(answer('GET', '/api/v2/usergroups/0123456789abcdef01234567/members', 200, [{to: {id: 'u', type: 'user'}, attributes: null}])).toMatch(/attributes must be object/);
		});

		it("holds errors to the declared schema (baton's where the SDK has none), and names a status neither declares", () => {
			expect(answer('DELETE', user, 409, {code: 409, message: 'm', status: 'S'})).toBe('');
			expect(answer('DELETE', user, 409, {code: 409, message: 'm', status: 'S', details: []})).toMatch(/\$\.details is not in the spec \(baton 409\)/);
			expect(answer('POST', '/api/systemusers', 400, {code: 400, message: 'm', status: 'S', details: [{'@type': 't'}]})).toBe('');
			expect(answer('POST', '/api/systemusers', 400, {code: '400', message: 'm'})).toMatch(/code must be integer/);
			expect(answer('GET', user, 404, {message: 'User not found'})).toMatch(/status 404 is not declared for GET \/systemusers\/\{id\} in either spec/);
			expect(answer('GET', user, 404, {message: 'User not found', error: 'Not Found'})).toMatch(/\$\.error is not in the spec/);
			expect(answer('POST', '/api/v2/usergroups/0123456789abcdef01234567/members', 204, {})).toMatch(/answers a body where the spec declares none/);
			expect(answer('GET', user, 200)).toMatch(/answers no body where the spec declares one/);
			expect(
				checkResponse({method: 'GET', path: user, status: 404, response: '{"message":"x"}'}, {knownUndeclared: (operation, status) => operation === 'GET /api/systemusers/{id}' && status === 404}),
			).toEqual([]);
		});
	});
}
