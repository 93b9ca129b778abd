// @ts-check
// --write: create → activate without email → find → read → delete → gone. The delete runs whatever
// happens after the create (Ctrl+C included); if it fails, the user's id and the way to delete it by
// hand are printed.
import {JumpCloudError} from '../../dist/jumpcloud/errors.js';
import {attemptWindow, createdTime, fingerprint, judgeFound, sameDetails} from '../../dist/importer/provenance.js';
import {random} from './context.js';
import {Failure, describe} from './output.js';

/**
 * How the write checks ended, for the verdict.
 * @typedef {object} WriteOutcome
 * @property {boolean} interrupted set by the first Ctrl+C: the steps stop, the delete still runs
 * @property {string} leftBehind the test user, when it may still exist after the run
 */

/** @typedef {import('./context.js').Smoke & {outcome: WriteOutcome}} WriteRun */

/**
 * @param {import('./context.js').Smoke} smoke
 * @returns {Promise<WriteOutcome>}
 */
export async function writeChecks(smoke) {
	/** @type {WriteRun} */
	const run = {...smoke, outcome: {interrupted: false, leftBehind: ''}};
	const {client, out, emailDomain, outcome} = run;
	const {check} = out;
	const stamp = new Date().toISOString().replace(/[-:]|\.\d+Z$/g, '').replace('T', 't');
	const username = `jcimport-smoke-${stamp}-${random()}`;
	/** @type {import('../../source/jumpcloud/types.js').UserCreate} */
	const sent = {
		username,
		email: `${username}@${emailDomain}`,
		// STAGED and no password: nothing is emailed, nobody can log in.
		state: 'STAGED',
		firstname: 'jc-import',
		lastname: 'Smoke Test',
		description: 'Made by the jc-import smoke test (npm run smoke -- --write), which deletes it at once. Safe to delete.',
		enable_user_portal_multifactor: false,
	};
	/** @type {string | undefined} */
	let id;
	// First Ctrl+C: stop after the current request and still delete; a second one leaves at once.
	const onSignal = () => {
		if (outcome.interrupted) {
			manualDelete(run, id, username);
			process.exit(130);
		}
		outcome.interrupted = true;
		process.stderr.write('smoke: interrupted; deleting the test user first (Ctrl+C again to leave it).\n');
	};
	process.on('SIGINT', onSignal);
	/** @type {typeof check} */
	const step = async (title, work) => {
		if (outcome.interrupted) return false;
		return check(title, work);
	};

	try {
		const sentAt = Date.now();
		const clockAtSend = client.http.clock.offset();
		/** @type {import('../../source/jumpcloud/types.js').SystemUser | undefined} */
		let answer;
		let createError;
		try {
			answer = await client.users.create(sent);
		} catch (error) {
			createError = error;
		}
		const answeredAt = Date.now();
		/** @type {import('../../source/importer/provenance.js').CreateAttempt} */
		const attempt = {
			sentAt,
			clock: clockAtSend,
			state: 'lost',
			lostAt: answeredAt,
			// Answered by JumpCloud itself (its body or a 500/503): nothing of it runs later.
			answered: createError === undefined || (createError instanceof JumpCloudError && (createError.status === 500 || createError.status === 503)),
		};
		id = answer?._id;
		if (id) {
			const created = answer;
			await check('Create', async () => {
				if (created?.state !== 'STAGED') throw new Failure(`user ${username} (${id}) created, but ${created?.state ?? 'no state'} instead of STAGED`);
				return `user ${username} (${id}), STAGED, no password, portal MFA off (answered in ${answeredAt - sentAt} ms)`;
			});
		} else {
			out.fail(`Create: ${createError ? describe(createError) : `JumpCloud answered without the new user's id`}`);
			// A lost answer may still have made the user: look for it by its unique username, and take it only by jc-import's own rule.
			id = await recover(run, username, sent, attempt);
			if (!id) return outcome;
		}

		const activated = await step('Activation without email', async () => {
			await client.users.activate(/** @type {string} */ (id), {kind: 'none'});
			return 'state/activate with {"email": false}';
		});

		await step('Found again by lookup', async () => {
			// Upper case on purpose: jc-import's lookups must not depend on how a CSV spells names.
			const byName = await client.users.lookup({username: username.toUpperCase()});
			const byEmail = await client.users.lookup({email: sent.email.toUpperCase()});
			for (const [how, found] of /** @type {const} */ ([['username', byName], ['email', byEmail]])) {
				if (found.length !== 1 || found[0]?._id !== id) throw new Failure(`by ${how} in upper case: ${found.length} found, expected exactly this user (a consistent read right after the create)`);
			}
			const state = byName[0]?.state;
			if (activated && state !== 'ACTIVATED') throw new Failure(`found, but ${state ?? 'no state'} instead of ACTIVATED`);
			return `by username and by email, both in upper case, ${state}`;
		});

		/** @type {import('../../source/jumpcloud/types.js').SystemUser | undefined} */
		let read;
		await step('Read back by id', async () => {
			const user = (read = await client.users.get(/** @type {string} */ (id)));
			if (activated && user.state !== 'ACTIVATED') throw new Failure(`${user.state ?? 'no state'} instead of ACTIVATED`);
			if (!user.created || createdTime(user.created) === undefined) throw new Failure(`no usable created time (${user.created ?? 'none'}): jc-import could not judge a lost create`);
			// jc-import's own comparison (provenance.ts), which recognises a user after a lost answer.
			const expected = {...sent, state: user.state};
			if (!sameDetails(user, fingerprint(expected))) throw new Failure(`fields differ from those sent: ${differences(user, expected).join('; ')}`);
			return `${user.state}, created ${user.created}, fields as sent`;
		});

		const createdAt = read?.created === undefined ? undefined : createdTime(read.created);
		if (createdAt) {
			await step('Created time', async () => {
				// jc-import's provenance rule: `created` is stamped while the create is in flight, on the server's clock.
				const window = attemptWindow(attempt);
				const at = `${read?.created}`;
				if (createdAt.from > window.to || createdAt.to < window.from) {
					throw new Failure(`${at} lies outside the create's flight on the server's clock (${new Date(window.from).toISOString()} to ${new Date(window.to).toISOString()}): after a lost answer jc-import would not recognise its own users`);
				}
				return `${at} lies inside the create's flight on the server's clock (a ${Math.round(window.to - window.from)} ms window)`;
			});
		}
	} finally {
		if (id) await removeUser(run, id, username);
		process.off('SIGINT', onSignal);
	}
	return outcome;
}

/**
 * After a failed create: the user it may have made, when jc-import's provenance rule says it is ours.
 * @param {WriteRun} run
 * @param {string} username
 * @param {import('../../source/jumpcloud/types.js').UserCreate} sent
 * @param {import('../../source/importer/provenance.js').CreateAttempt} attempt
 * @returns {Promise<string | undefined>}
 */
async function recover(run, username, sent, attempt) {
	const {client, out} = run;
	let user;
	try {
		const [summary] = await client.users.lookup({username});
		user = summary && (await client.users.get(summary._id));
	} catch (error) {
		out.fail(`Looking for a user the failed create may have made: ${describe(error)}`);
		manualDelete(run, undefined, username);
		return undefined;
	}
	if (!user) {
		if (attempt.answered) {
			out.skip(`No user ${username} exists: the create made nothing, nothing to delete`);
			return undefined;
		}
		// A create whose answer was lost can still be carried out later (jc-import allows 30 s).
		out.fail(`No user ${username} exists yet, but the create's answer was lost: it may still appear`);
		manualDelete(run, undefined, username);
		return undefined;
	}
	const verdict = judgeFound(user, {fingerprint: fingerprint(sent), attempts: [attempt], claim: undefined});
	if (!verdict.ours) {
		out.fail(`A user ${username} (${user._id}) exists but is not this run's (${verdict.reason}): left alone`);
		return undefined;
	}
	out.skip(`The failed create did make user ${username} (${user._id}): deleting it`);
	return user._id;
}

/**
 * @param {WriteRun} run
 * @param {string} id
 * @param {string} username
 */
async function removeUser(run, id, username) {
	const {client, out} = run;
	const deleted = await out.check('Delete (rollback)', async () => {
		await client.users.delete(id);
		return `user ${id} deleted`;
	});
	const gone = deleted && (await out.check('Gone', async () => {
		const user = await client.users.find(id);
		if (user) throw new Failure(`user ${id} can still be read after its delete`);
		return 'reading it by id answers 404 (not found)';
	}));
	if (!gone) manualDelete(run, id, username);
}

/**
 * How to delete the test user by hand. Names $JC_API_KEY, never its value.
 * @param {WriteRun} run
 * @param {string | undefined} id
 * @param {string} username
 */
function manualDelete({client, out, outcome}, id, username) {
	outcome.leftBehind = `${username}${id ? ` (${id})` : ''}`;
	const org = client.http.orgId ? ` -H "x-org-id: ${client.http.orgId}"` : '';
	out.say(`  The test user ${username}${id ? ` (id ${id})` : ''} may still exist. Delete it by hand: in the Admin Portal (User Management > Users, search "jcimport-smoke"), or`);
	out.say(id ? `    curl -X DELETE -H "x-api-key: $JC_API_KEY"${org} ${client.http.baseUrl}/api/systemusers/${id}` : '    look it up there by its username and delete it.');
	out.say('  JumpCloud bills users that are not removed within 48 hours of their creation.');
}

/**
 * Fields whose stored value is not the one sent (username and email without case, as JumpCloud compares them).
 * @param {import('../../source/jumpcloud/types.js').SystemUser} user
 * @param {import('../../source/jumpcloud/types.js').UserCreate} sent
 */
function differences(user, sent) {
	const caseless = new Set(['username', 'email']);
	return Object.entries(sent)
		.filter(([field, value]) => {
			const got = /** @type {Record<string, unknown>} */ (user)[field];
			return caseless.has(field) && typeof value === 'string' && typeof got === 'string' ? value.toLowerCase() !== got.toLowerCase() : JSON.stringify(value) !== JSON.stringify(got);
		})
		.map(([field, value]) => `${field} sent ${JSON.stringify(value)}, read ${JSON.stringify(/** @type {Record<string, unknown>} */ (user)[field])}`);
}
