import {describe, expect, it} from 'vitest';
import {errorStyles} from '../../source/sandbox/index.js';
import {closeHarness, newUser, startHarness} from '../support/sandbox.js';

/**
 * The client reads every error shape the sandbox can give (errors.ts) the same way: whichever
 * JumpCloud really answers, a duplicate is 'already-exists', a missing id 'not-found', deleting a
 * manager 'conflict' and a refused body 'validation'.
 */
describe('the client across error body styles', () => {
	for (const errorStyle of errorStyles) {
		for (const duplicateUserStatus of [400, 409] as const) {
			it(`${errorStyle}, a duplicate answered ${duplicateUserStatus}`, async () => {
				const harness = await startHarness({errorStyle, duplicateUserStatus});
				const {client} = harness;
				const kind = (work: Promise<unknown>) => work.then(() => 'answered', (error: {kind?: string}) => error.kind);
				const user = await client.users.create(newUser());
				await client.users.create(newUser({manager: user._id}));
				const group = (await client.groups.findByName('Sales'))!;
				await client.groups.addUser(group.id, user._id);
				expect({
					duplicate: await kind(client.users.create(newUser({username: user.username}))),
					missing: await kind(client.users.get('0123456789abcdef01234567')),
					manager: await kind(client.users.delete(user._id)),
					refused: await kind(client.users.create(newUser({username: '1st.user'}))),
					member: await client.groups.addUser(group.id, user._id),
				}).toEqual({duplicate: 'already-exists', missing: 'not-found', manager: 'conflict', refused: 'validation', member: {alreadyMember: true}});
				// Only the spec's shapes pass the answer check: message-error's `error` is not one, and no
				// spec declares a create's 409.
				if (errorStyle === 'message-error' || duplicateUserStatus === 409) await harness.sandbox.close();
				else await closeHarness(harness);
			});
		}
	}
});
