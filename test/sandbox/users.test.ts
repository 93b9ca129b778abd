import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Sandbox} from '../../source/sandbox/index.js';
import {badRequestType, call, start, validUser, violations} from './support.js';

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await start();
});
afterEach(async () => {
	await sandbox.close();
});

const create = (body: unknown, query = '') => call(sandbox, 'POST', `/api/systemusers${query}`, {body});

describe('create', () => {
	it('answers 200 with the stored user, never the password', async () => {
		const body = validUser({password: 'Correct-Horse-42!', firstname: 'Grace', employeeIdentifier: '000123', attributes: [{name: 'Badge', value: '7'}]});
		const answer = await create(body, '?fullValidationDetails=password');
		expect(answer.status).toBe(200);
		const user = answer.body;
		expect(user._id).toMatch(/^[a-f0-9]{24}$/);
		expect(user).toMatchObject({
			username: body.username,
			email: body.email,
			state: 'STAGED',
			firstname: 'Grace',
			employeeIdentifier: '000123',
			attributes: [{name: 'Badge', value: '7'}],
			activated: false,
			organization: sandbox.orgId,
		});
		expect(new Date(user.created).toISOString()).toBe(user.created);
		expect(user).not.toHaveProperty('password');
		expect(user).not.toHaveProperty('passwordSet');
		const stored = sandbox.directory.users.get(user._id)!;
		expect(stored.passwordSet).toBe(true);
		expect(JSON.stringify(stored)).not.toContain('Correct-Horse-42!');
		expect((await call(sandbox, 'GET', `/api/systemusers/${user._id}`)).body).toEqual(user);
	});

	it("without a state uses the org's manualEntry default", async () => {
		const {state: _state, ...body} = validUser();
		expect((await create(body)).body.state).toBe('ACTIVATED');
		sandbox.directory.org.settings.newSystemUserStateDefaults = {manualEntry: 'STAGED'};
		expect((await create(validUser({state: undefined}))).body.state).toBe('STAGED');
	});

	it('drops fields the schema does not know and keeps ones it does', async () => {
		const answer = await create(validUser({shoeSize: 44, _id: 'aaaaaaaaaaaaaaaaaaaaaaaa', suspended: false, mfa: {exclusion: true, exclusionDays: 7}}));
		expect(answer.status).toBe(200);
		expect(answer.body).not.toHaveProperty('shoeSize');
		expect(answer.body._id).not.toBe('aaaaaaaaaaaaaaaaaaaaaaaa');
		expect(answer.body).toMatchObject({suspended: false, mfa: {exclusion: true, exclusionDays: 7}});
	});

	it('accepts exclusionUntil for a user that is not STAGED', async () => {
		const answer = await create(validUser({state: 'ACTIVATED', mfa: {exclusion: true, exclusionUntil: '2026-12-14T00:00:00.000Z'}}));
		expect(answer.status).toBe(200);
	});
});

describe('create rules: each break is a 400 with the message and the field', () => {
	const long = (n: number) => 'x'.repeat(n);
	const rules: Array<[string, Record<string, unknown>, string, string]> = [
		['username is required', {username: undefined}, 'Username is required', 'username'],
		['email is required', {email: ''}, 'Email is required', 'email'],
		['username starts with a letter', {username: '1jdoe'}, 'Username must start with a letter', 'username'],
		['username has no spaces', {username: 'j doe'}, 'Username may not contain spaces', 'username'],
		['username has no @', {username: 'jdoe@example.org'}, "Username may not contain '@'", 'username'],
		['username characters', {username: 'j+doe'}, "Username may only contain letters, numbers, '.', '_' and '-'", 'username'],
		['username length', {username: `j${long(1024)}`}, 'Username may be at most 1024 characters', 'username'],
		['email format', {email: 'jdoe.example.org'}, 'Email must be a valid email address', 'email'],
		['email length', {email: `${long(1020)}@example.org`}, 'Email may be at most 1024 characters', 'email'],
		['alternateEmail format', {alternateEmail: 'home'}, 'alternateEmail must be a valid email address', 'alternateEmail'],
		['employeeIdentifier length', {employeeIdentifier: long(257)}, 'employeeIdentifier may be at most 256 characters', 'employeeIdentifier'],
		['description length', {description: long(1025)}, 'description may be at most 1024 characters', 'description'],
		['managedAppleId length', {managedAppleId: long(1025)}, 'managedAppleId may be at most 1024 characters', 'managedAppleId'],
		['attribute name without spaces', {attributes: [{name: 'Badge Number', value: '1'}]}, 'Attribute names may not contain spaces', 'attributes[0].name'],
		['attribute name letters and digits', {attributes: [{name: 'badge.no', value: '1'}]}, 'Attribute names may only contain letters and numbers', 'attributes[0].name'],
		['attribute name under 32', {attributes: [{name: 'a'.repeat(32), value: '1'}]}, 'Attribute names must be shorter than 32 characters', 'attributes[0].name'],
		['attribute value length', {attributes: [{name: 'ok', value: long(1025)}]}, 'Attribute values may be at most 1024 characters', 'attributes[0].value'],
		['state enum', {state: 'ACTIVE'}, 'state must be one of STAGED, ACTIVATED, SUSPENDED', 'state'],
		['unix_uid at least 1', {unix_uid: 0}, 'unix_uid must be a whole number of at least 1', 'unix_uid'],
		['unix_guid is an integer', {unix_guid: 1.5}, 'unix_guid must be an integer', 'unix_guid'],
		[
			'STAGED + MFA exclusion uses exclusionDays, not exclusionUntil',
			{state: 'STAGED', mfa: {exclusion: true, exclusionUntil: '2026-12-14T00:00:00Z'}},
			'A STAGED user must use mfa.exclusionDays, not mfa.exclusionUntil',
			'mfa.exclusionUntil',
		],
		[
			'STAGED + MFA exclusion needs exclusionDays',
			{state: 'STAGED', mfa: {exclusion: true}},
			'A STAGED user excluded from MFA needs mfa.exclusionDays',
			'mfa.exclusionDays',
		],
		['exclusionDays at least 1', {mfa: {exclusion: true, exclusionDays: 0}}, 'mfa.exclusionDays must be a whole number from 1 to 365', 'mfa.exclusionDays'],
		['field types', {firstname: 42}, 'firstname must be a string', 'firstname'],
		['manager is an existing user', {manager: '0123456789abcdef01234567'}, 'manager must be the id of an existing user', 'manager'],
	];

	it.each(rules)('%s', async (_name, overrides, message, field) => {
		const answer = await create(validUser(overrides));
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			code: 400,
			message,
			status: 'INVALID_ARGUMENT',
			details: [{'@type': badRequestType, fieldViolationsList: [{field, description: message}]}],
		});
		expect(sandbox.directory.users.size).toBe(4);
	});

	it('several breaks are all listed, and the message names each', async () => {
		const answer = await create({username: '9 lives', email: 'nope', unix_uid: -3});
		expect(answer.status).toBe(400);
		expect(violations(answer.body).map((v) => v.field).sort()).toEqual(['email', 'unix_uid', 'username']);
		expect(answer.body.message.split('; ')).toHaveLength(3);
	});

	it('the body must be a JSON object', async () => {
		const answer = await create([validUser()]);
		expect(answer.status).toBe(400);
		expect(answer.body.message).toBe('The request body must be a JSON object');
	});

	it('a manager that exists is accepted', async () => {
		const jane = sandbox.directory.userByUsername('jsmith')!;
		expect((await create(validUser({manager: jane._id}))).status).toBe(200);
	});
});

describe('password policy', () => {
	const cases: Array<[string, string]> = [
		['Short-1a', 'minLength'],
		['NO-LOWERCASE-123', 'lowercase'],
		['no-uppercase-123', 'uppercase'],
		['No-Numbers-Here!', 'numeric'],
		['NoSymbols12345', 'specialCharacter'],
	];

	it.each(cases)('%s breaks %s, named only with fullValidationDetails=password', async (password, rule) => {
		const detailed = await create(validUser({password}), '?fullValidationDetails=password');
		expect(detailed.status).toBe(400);
		expect(detailed.body).toEqual({
			code: 400,
			message: 'Password validation fail',
			status: 'INVALID_ARGUMENT',
			details: [{'@type': badRequestType, fieldViolationsList: [{field: 'password', description: rule}]}],
		});
		const plain = await create(validUser({password}));
		expect(plain.body).toEqual({code: 400, message: 'Password validation fail', status: 'INVALID_ARGUMENT'});
	});

	it('lists every rule a password breaks', async () => {
		const answer = await create(validUser({password: 'short'}), '?fullValidationDetails=password');
		expect(violations(answer.body).map((v) => v.description)).toEqual(['minLength', 'uppercase', 'numeric', 'specialCharacter']);
	});

	it('follows the org policy as it is now', async () => {
		sandbox.directory.org.settings.passwordPolicy = {minLength: 4};
		expect((await create(validUser({password: 'abcd'}))).status).toBe(200);
	});
});

describe('uniqueness, case-insensitive', () => {
	const cases: Array<[string, Record<string, unknown>, string]> = [
		['username', {username: 'JSmith'}, "User already exists: username 'JSmith' is taken"],
		['email', {email: 'Jane.Smith@EXAMPLE.com'}, "User already exists: email 'Jane.Smith@EXAMPLE.com' is taken"],
		['employeeIdentifier', {employeeIdentifier: 'e0001'}, "User already exists: employeeIdentifier 'e0001' is taken"],
		['alternateEmail', {alternateEmail: 'BOB.Personal@example.net'}, "User already exists: alternateEmail 'BOB.Personal@example.net' is taken"],
	];

	it.each(cases)('%s', async (field, overrides, message) => {
		const answer = await create(validUser(overrides));
		expect(answer.status).toBe(400);
		expect(answer.body.message).toBe(message);
		expect(answer.body.message).toMatch(/already exists/);
		expect(violations(answer.body)).toEqual([{field, description: `${field} '${Object.values(overrides)[0]}' is taken`}]);
	});

	it('against users created through the API too, naming every field taken', async () => {
		const first = validUser({employeeIdentifier: 'X-1'});
		expect((await create(first)).status).toBe(200);
		const again = await create({...first, username: String(first.username).toUpperCase(), email: String(first.email).toUpperCase()});
		expect(violations(again.body).map((v) => v.field)).toEqual(['username', 'email', 'employeeIdentifier']);
	});

	it('empty employeeIdentifier and alternateEmail never collide', async () => {
		expect((await create(validUser({employeeIdentifier: '', alternateEmail: ''}))).status).toBe(200);
		expect((await create(validUser({employeeIdentifier: '', alternateEmail: ''}))).status).toBe(200);
	});
});

describe('read and delete', () => {
	it('GET by id with fields; 404 for an unknown id', async () => {
		const jane = sandbox.directory.userByUsername('jsmith')!;
		const answer = await call(sandbox, 'GET', `/api/systemusers/${jane._id}?fields=username%20email`);
		expect(answer.body).toEqual({_id: jane._id, username: 'jsmith', email: 'jane.smith@example.com'});
		const missing = await call(sandbox, 'GET', '/api/systemusers/0123456789abcdef01234567');
		expect(missing.status).toBe(404);
		expect(missing.body).toMatchObject({code: 404, status: 'NOT_FOUND'});
	});

	it('DELETE answers the user and removes its memberships and associations', async () => {
		const {directory} = sandbox;
		const ada = directory.userByUsername('alovelace')!;
		const engineering = directory.groupByName('Engineering')!;
		const mac = directory.systemByHostname('eng-mbp-01')!;
		expect(directory.isMember(engineering.id, ada._id)).toBe(true);
		expect(directory.associations.get(mac._id)!.has(ada._id)).toBe(true);

		const answer = await call(sandbox, 'DELETE', `/api/systemusers/${ada._id}`);
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({_id: ada._id, username: 'alovelace'});
		expect(directory.users.has(ada._id)).toBe(false);
		expect(directory.isMember(engineering.id, ada._id)).toBe(false);
		expect(directory.associations.get(mac._id)!.has(ada._id)).toBe(false);
		const members = await call(sandbox, 'GET', `/api/v2/usergroups/${engineering.id}/members`);
		expect(members.body.map((m: {to: {id: string}}) => m.to.id)).not.toContain(ada._id);

		expect((await call(sandbox, 'GET', `/api/systemusers/${ada._id}`)).status).toBe(404);
		expect((await call(sandbox, 'DELETE', `/api/systemusers/${ada._id}`)).status).toBe(404);
	});
});

describe('listing users', () => {
	it('pages with limit and skip, totalCount counting all, sorted by _id without gaps or repeats', async () => {
		for (let i = 0; i < 25; i++) await create(validUser());
		const seen: string[] = [];
		for (let skip = 0; skip < 29; skip += 10) {
			const answer = await call(sandbox, 'GET', `/api/systemusers?limit=10&skip=${skip}&sort=_id&fields=username`);
			expect(answer.body.totalCount).toBe(29);
			expect(answer.body.results).toHaveLength(skip === 20 ? 9 : 10);
			seen.push(...answer.body.results.map((u: {_id: string}) => u._id));
		}
		expect(new Set(seen).size).toBe(29);
		expect([...seen].sort()).toEqual(seen);
	});

	it('limit defaults to 10 and may not pass 100; skip must be a whole number', async () => {
		for (let i = 0; i < 10; i++) await create(validUser());
		expect((await call(sandbox, 'GET', '/api/systemusers')).body.results).toHaveLength(10);
		expect((await call(sandbox, 'GET', '/api/systemusers?limit=100')).body.results).toHaveLength(14);
		const over = await call(sandbox, 'GET', '/api/systemusers?limit=101');
		expect(over.status).toBe(400);
		expect(over.body.message).toMatch(/^limit must be at most 100\b/);
		expect((await call(sandbox, 'GET', '/api/systemusers?skip=-1')).status).toBe(400);
		expect((await call(sandbox, 'GET', '/api/systemusers?limit=ten')).status).toBe(400);
	});

	it('sorts by a field, descending with -', async () => {
		const up = await call(sandbox, 'GET', '/api/systemusers?sort=username&fields=username');
		expect(up.body.results.map((u: {username: string}) => u.username)).toEqual(['alovelace', 'bjones', 'jsmith', 'mgarcia']);
		const down = await call(sandbox, 'GET', '/api/systemusers?sort=-username&fields=username');
		expect(down.body.results.map((u: {username: string}) => u.username)).toEqual(['mgarcia', 'jsmith', 'bjones', 'alovelace']);
	});

	it('fields keeps only the named fields and _id', async () => {
		const answer = await call(sandbox, 'GET', '/api/systemusers?fields=username%20email');
		for (const user of answer.body.results) expect(Object.keys(user).sort()).toEqual(['_id', 'email', 'username']);
	});
});

describe('v1 filters', () => {
	const usernames = async (query: string) => {
		const answer = await call(sandbox, 'GET', `/api/systemusers?sort=username&${query}`);
		expect(answer.status, JSON.stringify(answer.body)).toBe(200);
		return answer.body.results.map((u: {username: string}) => u.username);
	};

	it('$eq is exact and case-sensitive; totalCount counts matches', async () => {
		expect(await usernames('filter=department:$eq:Engineering')).toEqual(['alovelace', 'jsmith']);
		expect(await usernames('filter=department:$eq:engineering')).toEqual([]);
		const answer = await call(sandbox, 'GET', '/api/systemusers?filter=department:$eq:Engineering&limit=1');
		expect(answer.body.totalCount).toBe(2);
	});

	it('repeated filters AND together; $ne', async () => {
		expect(await usernames('filter=department:$eq:Engineering&filter=state:$eq:SUSPENDED')).toEqual(['alovelace']);
		expect(await usernames('filter=department:$ne:Engineering')).toEqual(['bjones', 'mgarcia']);
	});

	it('$gt $gte $lt $lte compare numbers as numbers', async () => {
		for (const uid of [5, 50, 500]) await create(validUser({username: `uid${uid}`, unix_uid: uid}));
		expect(await usernames('filter=unix_uid:$gt:5')).toEqual(['uid50', 'uid500']);
		expect(await usernames('filter=unix_uid:$gte:50')).toEqual(['uid50', 'uid500']);
		expect(await usernames('filter=unix_uid:$lt:50')).toEqual(['uid5']);
		expect(await usernames('filter=unix_uid:$lte:50')).toEqual(['uid5', 'uid50']);
	});

	it('values may contain colons', async () => {
		await create(validUser({username: 'coloned', description: 'shift: night: 22:00'}));
		expect(await usernames(`filter=${encodeURIComponent('description:$eq:shift: night: 22:00')}`)).toEqual(['coloned']);
	});

	it('an unknown operator or a malformed filter is 400', async () => {
		const bad = await call(sandbox, 'GET', '/api/systemusers?filter=username:$like:j');
		expect(bad.status).toBe(400);
		expect(bad.body.message).toMatch(/unknown operator '\$like'/);
		expect((await call(sandbox, 'GET', '/api/systemusers?filter=username')).status).toBe(400);
	});
});
