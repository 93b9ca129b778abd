import {afterEach, describe, expect, it} from 'vitest';
import {JumpCloudClient} from '../../source/jumpcloud/client.js';
import {knownPolicy} from '../../source/jumpcloud/password-policy.js';
import {readDirectory} from '../../source/importer/directory-read.js';
import {closeHarness, newUser, startHarness, type Harness, caught} from '../support/sandbox.js';

let harness: Harness | undefined;
afterEach(async () => {
	await closeHarness(harness);
	harness = undefined;
});

async function start(...args: Parameters<typeof startHarness>) {
	harness = await startHarness(...args);
	return harness;
}

describe('organization', () => {
	it('reads the password policy and default states without sending x-org-id there', async () => {
		const {client, sandbox} = await start();
		const org = await client.organization.get();
		expect(org._id).toBe(sandbox.orgId);
		expect(org.settings?.passwordPolicy?.minLength).toBe(12);
		expect(org.settings?.newSystemUserStateDefaults?.manualEntry).toBe('ACTIVATED');
		// Settings come from the organization itself: the list's items carry none.
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/api/organizations', `/api/organizations/${sandbox.orgId}`]);
	});

	it('an organization that answers without settings is read as "policy unknown", never a crash', async () => {
		const {client, sandbox} = await start();
		delete (sandbox.directory.org as {settings?: unknown}).settings;
		const org = await client.organization.get();
		expect(org.settings).toBeUndefined();
		expect(knownPolicy(org)).toBeUndefined();
		const snapshot = await readDirectory(client);
		expect(snapshot.policy).toBeUndefined();
	});

	it('with an org id reads that organization and still leaves the header out', async () => {
		const {sandbox} = await start({multiTenant: true});
		const client = new JumpCloudClient({apiKey: sandbox.apiKey, baseUrl: sandbox.url, orgId: sandbox.orgId});
		expect((await client.organization.get())._id).toBe(sandbox.orgId);
		const orgRequest = sandbox.requests.find((r) => r.path.startsWith('/api/organizations'));
		expect(orgRequest?.headers['x-org-id']).toBeUndefined();
		// Elsewhere the header goes out, and a multi-tenant sandbox accepts it.
		expect((await client.groups.all()).length).toBeGreaterThan(0);
		const groupRequest = sandbox.requests.find((r) => r.path.startsWith('/api/v2/usergroups'));
		expect(groupRequest?.headers['x-org-id']).toBe(sandbox.orgId);
	});
});

describe('users', () => {
	it('creates a user with an explicit state and gets it back', async () => {
		const {client} = await start();
		const body = newUser({password: 'Correct-Horse-42!', employeeIdentifier: '000123'});
		const created = await client.users.create(body);
		expect(created._id).toMatch(/^[a-f0-9]{24}$/);
		expect(created.state).toBe('STAGED');
		expect(created).not.toHaveProperty('password');
		const fetched = await client.users.get(created._id);
		expect(fetched.username).toBe(body.username);
		expect(fetched.employeeIdentifier).toBe('000123');
	});

	it('classifies a duplicate as already-exists with the field named, whatever the case', async () => {
		const {client} = await start();
		const body = newUser();
		await client.users.create(body);
		const error = await caught(client.users.create(newUser({username: body.username.toUpperCase()})));
		expect(error.kind).toBe('already-exists');
		expect(error.status).toBe(400);
		expect(error.fieldViolations.map((v) => v.field)).toContain('username');
		expect(error.attempts).toBe(1);
	});

	it('classifies a policy failure as validation, with the failed rules', async () => {
		const {client} = await start();
		const error = await caught(client.users.create(newUser({password: 'short'})));
		expect(error.kind).toBe('validation');
		expect(error.fieldViolations.map((v) => v.description)).toEqual(
			expect.arrayContaining(['minLength', 'uppercase', 'numeric', 'specialCharacter']),
		);
		expect(error.message).toContain('Password validation fail');
		expect(error.message).toContain('JumpCloud rejected the data (400)');
	});

	it('looks users up case-insensitively by each field, treating the value literally', async () => {
		const {client} = await start();
		const created = await client.users.create(
			newUser({username: 'ada.lovelace', email: 'Ada+Test@Example.org', employeeIdentifier: 'E-77', alternateEmail: 'ada@home.example'}),
		);
		for (const by of [
			{username: 'ADA.LOVELACE'},
			{email: 'ada+test@example.ORG'},
			{employeeIdentifier: 'e-77'},
			{alternateEmail: 'ADA@home.example'},
		]) {
			const found = await client.users.lookup(by);
			expect(found.map((u) => u._id), JSON.stringify(by)).toEqual([created._id]);
		}
		// A dot is not a wildcard and the match is anchored.
		expect(await client.users.lookup({username: 'adaxlovelace'})).toEqual([]);
		expect(await client.users.lookup({username: 'ada.love'})).toEqual([]);
		expect(await client.users.lookup({})).toEqual([]);
	});

	it('pages through every user once, with only the fields asked for', async () => {
		const {client, sandbox} = await start();
		const before = (await client.users.all()).length;
		for (let i = 0; i < 230; i++) await client.users.create(newUser());
		const mark = sandbox.requests.length;
		const users = await client.users.all({pageSize: 100});
		expect(users).toHaveLength(before + 230);
		expect(new Set(users.map((u) => u._id)).size).toBe(users.length);
		expect(Object.keys(users[0]!).sort()).toEqual(expect.arrayContaining(['_id', 'username', 'email']));
		expect(users[0]).not.toHaveProperty('firstname');
		const pages = sandbox.requests.slice(mark).filter((r) => r.method === 'GET' && r.path === '/api/systemusers');
		expect(pages.map((r) => r.query.skip?.[0])).toEqual(['0', '100', '200']);
		expect(pages.every((r) => r.query.sort?.[0] === '_id')).toBe(true);
	});

	it('finds nothing for an unknown id and deletes a user', async () => {
		const {client} = await start();
		expect(await client.users.find('0123456789abcdef01234567')).toBeUndefined();
		const created = await client.users.create(newUser());
		await client.users.delete(created._id);
		expect(await client.users.find(created._id)).toBeUndefined();
		const error = await caught(client.users.delete(created._id));
		expect(error.kind).toBe('not-found');
	});

	it('activates a STAGED user with each email choice', async () => {
		const {client, sandbox} = await start();
		const withPassword = await client.users.create(newUser({password: 'Correct-Horse-42!'}));
		const withAlternate = await client.users.create(newUser({alternateEmail: 'personal@home.example'}));
		const silent = await client.users.create(newUser());
		const redirected = await client.users.create(newUser());
		await client.users.activate(withPassword._id, {kind: 'default'});
		await client.users.activate(withAlternate._id, {kind: 'default'});
		await client.users.activate(silent._id, {kind: 'none'});
		await client.users.activate(redirected._id, {kind: 'address', address: 'it@example.org'});
		const emails = sandbox.directory.emails;
		expect(emails).toEqual(
			expect.arrayContaining([
				expect.objectContaining({userId: withPassword._id, kind: 'welcome', to: withPassword.email}),
				expect.objectContaining({userId: withAlternate._id, kind: 'activation', to: 'personal@home.example'}),
				expect.objectContaining({userId: redirected._id, kind: 'activation', to: 'it@example.org'}),
			]),
		);
		expect(emails.some((e: {userId: string}) => e.userId === silent._id)).toBe(false);
		expect((await client.users.get(silent._id)).state).toBe('ACTIVATED');
		const bodies = sandbox.requests.filter((r) => r.path.endsWith('/state/activate')).map((r) => r.body);
		expect(bodies).toEqual([{}, {}, {email: false}, {email: 'it@example.org'}]);
	});
});

describe('groups', () => {
	it('lists every group across pages and finds one by exact name', async () => {
		const {client, sandbox} = await start();
		const all = await client.groups.all();
		expect(all.map((g) => g.name)).toEqual(expect.arrayContaining(['Engineering', 'Sales', 'All Staff']));
		const pages = [];
		for await (const page of client.groups.pages({pageSize: 2})) pages.push(page);
		expect(pages.flat()).toHaveLength(all.length);
		expect(pages.length).toBe(Math.ceil(all.length / 2));
		expect((await client.groups.findByName('All Staff'))?.name).toBe('All Staff');
		expect(await client.groups.findByName('all staff')).toBeUndefined();
		const filtered = sandbox.requests.find((r) => r.query.filter?.[0] === 'name:eq:All Staff');
		expect(filtered).toBeDefined();
	});

	it('adds a member, and a repeat counts as success', async () => {
		const {client, sandbox} = await start();
		const user = await client.users.create(newUser());
		const group = (await client.groups.findByName('Engineering'))!;
		expect(await client.groups.addUser(group.id, user._id)).toEqual({alreadyMember: false});
		expect(await client.groups.addUser(group.id, user._id)).toEqual({alreadyMember: true});
		const statuses = sandbox.requests.filter((r) => r.path.endsWith('/members')).map((r) => r.body);
		expect(statuses).toEqual([
			{op: 'add', type: 'user', id: user._id},
			{op: 'add', type: 'user', id: user._id},
		]);
		const error = await caught(client.groups.addUser(group.id, '0123456789abcdef01234567'));
		expect(error.kind).toBe('not-found');
	});
});

describe('systems', () => {
	it('finds a system by id, hostname or display name, case-insensitively', async () => {
		const {client} = await start();
		const [byHost] = await client.systems.find('ENG-MBP-01');
		expect(byHost?.hostname).toBe('eng-mbp-01');
		const byId = await client.systems.find(byHost!._id);
		expect(byId.map((s) => s._id)).toEqual([byHost!._id]);
		const byName = await client.systems.find(byHost!.displayName!.toLowerCase());
		expect(byName.map((s) => s._id)).toEqual([byHost!._id]);
		expect(await client.systems.find('no-such-host')).toEqual([]);
		expect((await client.systems.all()).length).toBeGreaterThanOrEqual(3);
	});

	it('binds a user with and without sudo; a repeat counts as success', async () => {
		const {client, sandbox} = await start();
		const user = await client.users.create(newUser());
		const [system] = await client.systems.find('build-linux-01');
		expect(await client.systems.bindUser(system!._id, user._id)).toEqual({alreadyBound: false});
		expect(await client.systems.bindUser(system!._id, user._id, {enabled: true, withoutPassword: false})).toEqual({
			alreadyBound: true,
		});
		const [other] = await client.systems.find('sales-win-01');
		await client.systems.bindUser(other!._id, user._id, {enabled: true, withoutPassword: true});
		const bodies = sandbox.requests.filter((r) => r.path.endsWith('/associations')).map((r) => r.body);
		expect(bodies[0]).toEqual({op: 'add', type: 'user', id: user._id});
		expect(bodies[2]).toEqual({op: 'add', type: 'user', id: user._id, attributes: {sudo: {enabled: true, withoutPassword: true}}});
	});
});
