#!/usr/bin/env node
// @ts-check
// `npm run smoke [-- --write]`: the first thing to run before trusting jc-import with a real org.
// Read-only unless --write; runs the built code (dist/), so it checks exactly what `jc-import` ships.
// Never run in CI: it needs a real key (or the sandbox, for a demonstration).
import {randomBytes} from 'node:crypto';
import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const usage = `Usage: npm run smoke [-- OPTIONS]      (or: node scripts/smoke.js [OPTIONS])

Checks that jc-import can work with a JumpCloud organization, read-only: the API key, the
organization and its settings, one page of users, user groups and systems, a case-insensitive
user lookup, and the server's clock (its Date header). One line per check, then a verdict.

With --write it also creates one test user (username jcimport-smoke-<time>-<random>, STAGED, no
password, portal MFA off), activates it without any email, reads it back by lookup and by id,
deletes it and checks it is gone. It is deleted even when a step in between fails; if the delete
itself fails, its id and how to delete it by hand are printed. Nothing is left behind.

Options:
  --write              also create, activate, read back and delete one test user
  --email-domain D     the test user's email domain (default example.com, reserved: it takes no mail;
                       no email is sent anyway)
  --sandbox            an in-process sandbox (a simulated JumpCloud), not a real org
  --api-url URL        JumpCloud base URL (env JC_API_URL; default https://console.jumpcloud.com);
                       plain http only to 127.0.0.1 or localhost
  --region us|eu|in    JumpCloud's data centre: console, console.eu or console.in
  --org-id ID          organization id, required for multi-tenant admins (env JC_ORG_ID)
  --ascii              OK/FAIL instead of check marks (automatic when the locale is not UTF-8)
  -h, --help           this text

The API key comes from JC_API_KEY (asked for, hidden, on a terminal); never from a flag, never printed.
Exit codes: 0 every check passed, 1 a check failed, 2 usage error, 130 interrupted.
`;

const {stdout, stderr} = process;

// The built code is what gets checked; a checkout without it says so instead of a stack trace.
const built = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(built)) {
	stderr.write('smoke: dist/ is missing: run npm run build first.\n');
	process.exit(2);
}
const {resolveSettings} = await import('../dist/lib/settings.js');
const {connect} = await import('../dist/lib/connect.js');
const {UsageError} = await import('../dist/lib/exit-codes.js');
const {sanitize} = await import('../dist/lib/sanitize.js');
const {redact} = await import('../dist/lib/redact.js');
const {wantsAscii} = await import('../dist/ui/theme.js');
const {JumpCloudError} = await import('../dist/jumpcloud/errors.js');
const {attemptWindow, createdTime, fingerprint, judgeFound, sameDetails} = await import('../dist/importer/provenance.js');

/** @type {{[name: string]: {type: 'string' | 'boolean', short?: string}}} */
const options = {
	write: {type: 'boolean'},
	'email-domain': {type: 'string'},
	sandbox: {type: 'boolean'},
	'api-url': {type: 'string'},
	region: {type: 'string'},
	'org-id': {type: 'string'},
	ascii: {type: 'boolean'},
	help: {type: 'boolean', short: 'h'},
};

/** A server clock further off than this means one of the two clocks is wrong (jc-import's unknown-offset allowance). */
const clockLimitMs = 5 * 60_000;
const pageSize = 10;

let values;
/** @type {import('../source/lib/settings.js').Connection} */
let connection;
try {
	({values} = parseArgs({options, allowPositionals: false, strict: true}));
	if (values.help) {
		stdout.write(usage);
		process.exit(0);
	}
	connection = resolveSettings(values, process.env).connection;
	if (values['email-domain'] !== undefined && !/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i.test(String(values['email-domain']))) {
		throw new UsageError(`--email-domain wants a domain such as example.com, not '${String(values['email-domain']).slice(0, 60)}'.`);
	}
} catch (error) {
	const text = error instanceof UsageError || /** @type {{code?: string}} */ (error).code?.startsWith('ERR_PARSE_ARGS') ? /** @type {Error} */ (error).message : String(error);
	stderr.write(`smoke: ${sanitize(text)}${/[.!?]$/.test(text) ? '' : '.'} See npm run smoke -- --help.\n`);
	process.exit(2);
}
if (newestSource(fileURLToPath(new URL('../source/', import.meta.url))) > statSync(built).mtimeMs) {
	stderr.write('smoke: warning: source/ changed since the last build; this checks the built code (npm run build for the current one).\n');
}

const write = values.write === true;
const emailDomain = String(values['email-domain'] ?? 'example.com').toLowerCase();
const apiKey = connection.kind === 'jumpcloud' ? connection.apiKey : undefined;
const marks = wantsAscii(process.env, values.ascii === true) ? {ok: '[ OK ]', fail: '[FAIL]', skip: '[ -- ]'} : {ok: '✓', fail: '✗', skip: '–'};
let passed = 0;
let failed = 0;
/** Set by the first Ctrl+C during --write: the steps stop, the delete still runs. */
let interrupted = false;
/** The test user, when it may still exist after the run. */
let leftBehind = '';

/**
 * Every line goes through here: the key redacted (belt and braces), server strings made safe for a terminal.
 * @param {string} text
 */
function say(text) {
	stdout.write(`${sanitize(redact(text, [apiKey]))}\n`);
}

/** A check that failed with this message (not a bug in the script). */
class Failure extends Error {}

/** @param {unknown} error */
function describe(error) {
	if (error instanceof JumpCloudError || error instanceof Failure) return error.message;
	return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * One verified thing, one line: `run` returns what was seen (shown after the title), or throws a
 * Failure (or the client's error). Returns whether it passed.
 * @param {string} title
 * @param {() => Promise<string>} run
 */
async function check(title, run) {
	try {
		const detail = await run();
		passed++;
		say(`${marks.ok} ${title}: ${detail}`);
		return true;
	} catch (error) {
		failed++;
		say(`${marks.fail} ${title}: ${describe(error)}`);
		return false;
	}
}

const count = (/** @type {number} */ n) => n.toLocaleString('en-US');
const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;
const random = () => randomBytes(3).toString('hex');

let connected;
try {
	connected = await connect(connection, {interactive: true});
} catch (error) {
	// No key (and no terminal to ask on) is a usage error, as in jc-import.
	stderr.write(`smoke: ${sanitize(redact(error instanceof UsageError ? error.message : describe(error), [apiKey]))}\n`);
	process.exit(2);
}
const {client} = connected;
say(`jc-import smoke test against ${connected.label}${write ? ' (--write: one test user is created, then deleted)' : ' (read-only)'}`);

try {
	if (await readChecks()) {
		if (write) await writeChecks();
	} else {
		say(`${marks.skip} the other checks need the key and the organization: not run`);
	}
} finally {
	await connected.close();
}
if (failed > 0) {
	say(`${marks.fail} FAIL: ${failed} of ${passed + failed} checks failed.${leftBehind ? ` The test user ${leftBehind} may be left behind: see above.` : ''}`);
} else if (interrupted) {
	say(`${marks.skip} STOPPED by Ctrl+C after ${passed} passed checks; the test user was deleted again, nothing is left behind.`);
} else {
	say(
		write
			? `${marks.ok} PASS: all ${passed} checks passed; the test user was created and deleted again, nothing is left behind.`
			: `${marks.ok} PASS: all ${passed} checks passed; read-only, nothing was changed (--write also tries a create, an activation and a delete).`,
	);
}
process.exitCode = interrupted ? 130 : failed > 0 ? 1 : 0;

/** The read-only checks; false when the key or the organization failed (the rest would only repeat it). */
async function readChecks() {
	/** @type {import('../source/jumpcloud/types.js').Organization | undefined} */
	let org;
	const reached = await check('API key and organization', async () => {
		org = await client.organization.get();
		if (!org?._id) throw new Failure('the answer names no organization');
		return `key accepted; organization "${org.displayName ?? '(no name)'}" (${org._id})`;
	});
	if (!reached || !org) return false;

	await check('Organization settings', async () => {
		const settings = org?.settings;
		if (!settings) throw new Failure('the answer has no settings (imports would take the password policy as unknown)');
		const policy = settings.passwordPolicy;
		const compliance = settings.passwordCompliance ?? 'not given';
		const length = compliance === 'custom' && policy?.minLength !== undefined ? `, at least ${policy.minLength} characters` : '';
		const states = settings.newSystemUserStateDefaults;
		return `password compliance ${compliance}${length}; new users default to ${states?.manualEntry ?? '?'} (API), ${states?.csvImport ?? '?'} (CSV)`;
	});

	/** @type {import('../source/jumpcloud/types.js').UserSummary[]} */
	let users = [];
	await check('Users', async () => {
		// The request UsersApi.pages sends, read here for its totalCount (the pager does not say when it is missing).
		const {data} = await client.http.request('GET', '/api/systemusers', {query: {limit: pageSize, skip: 0, sort: '_id', fields: 'username email employeeIdentifier alternateEmail state'}, retry: 'safe'});
		if (!Array.isArray(data?.results)) throw new Failure('the answer has no results list');
		if (!Number.isFinite(data.totalCount)) throw new Failure('the list carries no totalCount');
		users = data.results;
		return `one page read (${users.length}), ${count(data.totalCount)} in the directory`;
	});

	await check('User groups', async () => {
		// The request GroupsApi.pages sends, read here for its X-Total-Count (the pager does not expose it).
		const {data, headers} = await client.http.request('GET', '/api/v2/usergroups', {query: {limit: pageSize, skip: 0, sort: 'name'}, retry: 'safe'});
		if (!Array.isArray(data)) throw new Failure('the answer is not a list');
		const total = Number(headers.get('x-total-count') ?? Number.NaN);
		return `one page read (${data.length}), ${Number.isFinite(total) ? `${count(total)} in the directory` : 'no X-Total-Count (jc-import pages without it)'}`;
	});

	await check('Systems', async () => {
		// The request SystemsApi.pages sends, read here for its totalCount.
		const {data} = await client.http.request('GET', '/api/systems', {query: {limit: pageSize, skip: 0, sort: '_id', fields: 'hostname displayName os'}, retry: 'safe'});
		if (!Array.isArray(data?.results)) throw new Failure('the answer has no results list');
		if (!Number.isFinite(data.totalCount)) throw new Failure('the list carries no totalCount');
		return `one page read (${data.results.length}), ${count(data.totalCount)} in the directory`;
	});

	await check('Lookup of a user that cannot exist', async () => {
		const name = `jcimport-smoke-NoSuchUser-${random()}`;
		const found = await client.users.lookup({username: name, email: `${name}@${emailDomain}`});
		if (found.length > 0) throw new Failure(`${found.length} user(s) found for ${name}; expected none`);
		return `nothing found for ${name} (by username or email, case-insensitive)`;
	});

	const known = users.find((user) => typeof user.username === 'string' && swapCase(user.username) !== user.username);
	if (known) {
		await check('Case-insensitive lookup', async () => {
			const found = await client.users.lookup({username: swapCase(known.username)});
			if (!found.some((user) => user._id === known._id)) throw new Failure(`an existing user (${known._id}) is not found by its username in other case: jc-import would miss existing users`);
			return `an existing user (${known._id}) is found by its username in other case`;
		});
	} else {
		say(`${marks.skip} Case-insensitive lookup of an existing user: the first page has no user to try it on`);
	}

	await check("Server's clock", async () => {
		const offset = client.http.clock.offset();
		if (!offset.measured) throw new Failure('no answer carried a Date header: jc-import would have to allow +/-5 minutes when judging a lost create');
		const middle = (offset.low + offset.high) / 2;
		const text = `${seconds(Math.abs(middle))} ${middle >= 0 ? 'ahead of' : 'behind'} this machine (known within ${seconds(offset.high - offset.low)}, from the Date header)`;
		if (Math.abs(middle) > clockLimitMs) throw new Failure(`${text}: one of the two clocks is wrong`);
		return text;
	});
	return true;
}

/**
 * Create → activate without email → find → read → delete → gone. The delete runs whatever happens
 * after the create (Ctrl+C included); if it fails, the user's id and the way to delete it by hand
 * are printed.
 */
async function writeChecks() {
	const stamp = new Date().toISOString().replace(/[-:]|\.\d+Z$/g, '').replace('T', 't');
	const username = `jcimport-smoke-${stamp}-${random()}`;
	/** @type {import('../source/jumpcloud/types.js').UserCreate} */
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
		if (interrupted) {
			manualDelete(id, username);
			process.exit(130);
		}
		interrupted = true;
		stderr.write('smoke: interrupted; deleting the test user first (Ctrl+C again to leave it).\n');
	};
	process.on('SIGINT', onSignal);
	/** @type {typeof check} */
	const step = async (title, run) => {
		if (interrupted) return false;
		return check(title, run);
	};

	try {
		const sentAt = Date.now();
		const clockAtSend = client.http.clock.offset();
		/** @type {import('../source/jumpcloud/types.js').SystemUser | undefined} */
		let answer;
		let createError;
		try {
			answer = await client.users.create(sent);
		} catch (error) {
			createError = error;
		}
		const answeredAt = Date.now();
		/** @type {import('../source/importer/provenance.js').CreateAttempt} */
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
			failed++;
			say(`${marks.fail} Create: ${createError ? describe(createError) : `JumpCloud answered without the new user's id`}`);
			// A lost answer may still have made the user: look for it by its unique username, and take it only by jc-import's own rule.
			id = await recover(username, sent, attempt);
			if (!id) return;
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

		/** @type {import('../source/jumpcloud/types.js').SystemUser | undefined} */
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
		if (id) await removeUser(id, username);
		process.off('SIGINT', onSignal);
	}
}

/**
 * After a failed create: the user it may have made, when jc-import's provenance rule says it is ours.
 * @param {string} username
 * @param {import('../source/jumpcloud/types.js').UserCreate} sent
 * @param {import('../source/importer/provenance.js').CreateAttempt} attempt
 * @returns {Promise<string | undefined>}
 */
async function recover(username, sent, attempt) {
	let user;
	try {
		const [summary] = await client.users.lookup({username});
		user = summary && (await client.users.get(summary._id));
	} catch (error) {
		failed++;
		say(`${marks.fail} Looking for a user the failed create may have made: ${describe(error)}`);
		manualDelete(undefined, username);
		return undefined;
	}
	if (!user) {
		if (attempt.answered) {
			say(`${marks.skip} No user ${username} exists: the create made nothing, nothing to delete`);
			return undefined;
		}
		// A create whose answer was lost can still be carried out later (jc-import allows 30 s).
		failed++;
		say(`${marks.fail} No user ${username} exists yet, but the create's answer was lost: it may still appear`);
		manualDelete(undefined, username);
		return undefined;
	}
	const verdict = judgeFound(user, {fingerprint: fingerprint(sent), attempts: [attempt], claim: undefined});
	if (!verdict.ours) {
		failed++;
		say(`${marks.fail} A user ${username} (${user._id}) exists but is not this run's (${verdict.reason}): left alone`);
		return undefined;
	}
	say(`${marks.skip} The failed create did make user ${username} (${user._id}): deleting it`);
	return user._id;
}

/**
 * @param {string} id
 * @param {string} username
 */
async function removeUser(id, username) {
	const deleted = await check('Delete (rollback)', async () => {
		await client.users.delete(id);
		return `user ${id} deleted`;
	});
	const gone = deleted && (await check('Gone', async () => {
		const user = await client.users.find(id);
		if (user) throw new Failure(`user ${id} can still be read after its delete`);
		return 'reading it by id answers 404 (not found)';
	}));
	if (!gone) manualDelete(id, username);
}

/**
 * How to delete the test user by hand. Names $JC_API_KEY, never its value.
 * @param {string | undefined} id
 * @param {string} username
 */
function manualDelete(id, username) {
	leftBehind = `${username}${id ? ` (${id})` : ''}`;
	const org = client.http.orgId ? ` -H "x-org-id: ${client.http.orgId}"` : '';
	say(`  The test user ${username}${id ? ` (id ${id})` : ''} may still exist. Delete it by hand: in the Admin Portal (User Management > Users, search "jcimport-smoke"), or`);
	say(id ? `    curl -X DELETE -H "x-api-key: $JC_API_KEY"${org} ${client.http.baseUrl}/api/systemusers/${id}` : '    look it up there by its username and delete it.');
	say('  JumpCloud bills users that are not removed within 48 hours of their creation.');
}

/**
 * Fields whose stored value is not the one sent (username and email without case, as JumpCloud compares them).
 * @param {import('../source/jumpcloud/types.js').SystemUser} user
 * @param {import('../source/jumpcloud/types.js').UserCreate} sent
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

/** @param {string} text */
function swapCase(text) {
	return [...text].map((char) => (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase())).join('');
}

/**
 * The newest modification time under a folder (0 when it is absent, as in an installed package).
 * @param {string} folder
 * @returns {number}
 */
function newestSource(folder) {
	if (!existsSync(folder)) return 0;
	let newest = 0;
	for (const entry of readdirSync(folder, {withFileTypes: true})) {
		const item = path.join(folder, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestSource(item) : statSync(item).mtimeMs);
	}
	return newest;
}
