// @ts-check
// The read-only checks: the key and organization, its settings, one page of users, groups and
// systems, lookups (one that finds nothing, one in other case) and the server's clock.
import {random} from './context.js';
import {Failure} from './output.js';

/** A server clock further off than this means one of the two clocks is wrong (jc-import's unknown-offset allowance). */
const clockLimitMs = 5 * 60_000;
const pageSize = 10;

const count = (/** @type {number} */ n) => n.toLocaleString('en-US');
const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * False when the key or the organization failed (the rest would only repeat it).
 * @param {import('./context.js').Smoke} smoke
 */
export async function readChecks({client, out, emailDomain}) {
	const {check} = out;
	/** @type {import('../../source/jumpcloud/types.js').Organization | undefined} */
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

	/** @type {import('../../source/jumpcloud/types.js').UserSummary[]} */
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
		out.skip('Case-insensitive lookup of an existing user: the first page has no user to try it on');
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

/** @param {string} text */
function swapCase(text) {
	return [...text].map((char) => (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase())).join('');
}
