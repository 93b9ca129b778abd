import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Sandbox} from '../../source/sandbox/index.js';
import {call, start, validUser} from './support.js';

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await start();
});
afterEach(async () => {
	await sandbox.close();
});

async function staged(overrides: Record<string, unknown> = {}): Promise<{_id: string; email: string}> {
	const answer = await call(sandbox, 'POST', '/api/systemusers', {body: validUser({state: 'STAGED', ...overrides})});
	expect(answer.status, JSON.stringify(answer.body)).toBe(200);
	return answer.body;
}

const activate = (id: string, body?: unknown, rawBody?: string) =>
	call(sandbox, 'POST', `/api/systemusers/${id}/state/activate`, body === undefined ? {rawBody} : {body});

describe('POST /api/systemusers/{id}/state/activate', () => {
	it('with a password: {} sends a welcome email to the primary email; answers 200 with an empty body', async () => {
		const user = await staged({password: 'Correct-Horse-42!', alternateEmail: 'home@example.net'});
		const answer = await activate(user._id, {});
		expect(answer.status).toBe(200);
		expect(answer.text).toBe('');
		expect(sandbox.directory.emails).toEqual([{userId: user._id, kind: 'welcome', to: user.email}]);
		expect(sandbox.directory.users.get(user._id)!.state).toBe('ACTIVATED');
	});

	it('with a password and an address: the welcome email goes there', async () => {
		const user = await staged({password: 'Correct-Horse-42!'});
		expect((await activate(user._id, {email: 'it@example.org'})).status).toBe(200);
		expect(sandbox.directory.emails).toEqual([{userId: user._id, kind: 'welcome', to: 'it@example.org'}]);
	});

	it('without a password: an activation email to the alternate email', async () => {
		const user = await staged({alternateEmail: 'personal@home.example'});
		expect((await activate(user._id, {email: true})).status).toBe(200);
		expect(sandbox.directory.emails).toEqual([{userId: user._id, kind: 'activation', to: 'personal@home.example'}]);
	});

	it('without a password or alternate: an activation email to the primary email', async () => {
		const user = await staged();
		expect((await activate(user._id, {})).status).toBe(200);
		expect(sandbox.directory.emails).toEqual([{userId: user._id, kind: 'activation', to: user.email}]);
	});

	it('without a password, given an address: the activation email goes there, not to the alternate', async () => {
		const user = await staged({alternateEmail: 'personal@home.example'});
		await activate(user._id, {email: 'it@example.org'});
		expect(sandbox.directory.emails).toEqual([{userId: user._id, kind: 'activation', to: 'it@example.org'}]);
	});

	it('{email: false} activates and sends nothing', async () => {
		const user = await staged({password: 'Correct-Horse-42!'});
		expect((await activate(user._id, {email: false})).status).toBe(200);
		expect(sandbox.directory.emails).toEqual([]);
		expect((await call(sandbox, 'GET', `/api/systemusers/${user._id}`)).body.state).toBe('ACTIVATED');
	});

	it('a missing or empty body counts as {}', async () => {
		const a = await staged();
		const b = await staged();
		expect((await activate(a._id)).status).toBe(200);
		expect((await activate(b._id, undefined, '  ')).status).toBe(200);
		expect(sandbox.directory.emails.map((e) => e.userId)).toEqual([a._id, b._id]);
	});

	it('a user that is not STAGED is 400, and nothing is sent', async () => {
		const user = await staged();
		await activate(user._id, {});
		const again = await activate(user._id, {});
		expect(again.status).toBe(400);
		expect(again.body.message).toMatch(/STAGED/);
		const suspended = sandbox.directory.userByUsername('alovelace')!;
		expect((await activate(suspended._id, {})).status).toBe(400);
		expect(suspended.state).toBe('SUSPENDED');
		expect(sandbox.directory.emails).toHaveLength(1);
	});

	it('an unknown user is 404', async () => {
		expect((await activate('0123456789abcdef01234567', {})).status).toBe(404);
	});

	it('an invalid address or email value is 400 and leaves the user STAGED', async () => {
		const user = await staged();
		for (const body of [{email: 'not an address'}, {email: 7}, ['x']]) {
			const answer = await activate(user._id, body);
			expect(answer.status, JSON.stringify(body)).toBe(400);
		}
		expect(sandbox.directory.users.get(user._id)!.state).toBe('STAGED');
		expect(sandbox.directory.emails).toEqual([]);
	});
});
