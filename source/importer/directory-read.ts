import type {JumpCloudClient} from '../jumpcloud/client.js';
import {knownPolicy} from '../jumpcloud/password-policy.js';
import {lookupBatchSize, lookupBatches, pagesInFlight} from '../jumpcloud/users.js';
import type {JcSystem, Organization, PasswordPolicy, UserGroup, UserSummary} from '../jumpcloud/types.js';
import type {BuiltRow} from '../users/build-user.js';
import {managerReference} from './manager-reference.js';
import {isNameLike} from './manager-resolution.js';

/*
 * Reading what an import can collide with: the org, its groups and devices, and its users, by
 * listing them all (pages in parallel) or by looking the file's values up, whichever costs fewer
 * requests. Read-only.
 */

/**
 * What the directory holds that an import can collide with, fetched read-only; `readAt` says when
 * (a plan older than a minute is checked again before it is started), `organization` which org the
 * key reached (recorded in the manifest; a resume must reach it again).
 */
export type DirectorySnapshot = {
	users: UserSummary[];
	/**
	 * Set when `users` holds only the users found for one file's values (`readUsers` looked them up):
	 * enough for that file's plan, never reused for another (prepareImport reads the users again).
	 */
	partial?: true;
	groups: UserGroup[];
	systems: JcSystem[];
	/** The org's own password rules; undefined when only JumpCloud knows them (a preset, or settings not readable). */
	policy: PasswordPolicy | undefined;
	organization: {id: string; name?: string};
	readAt: Date;
};

/**
 * Hears how far a read of the users has come: `read` of `total` users listed, or, when the file's
 * values are looked up instead (`unit` 'lookups'), `read` of `total` lookup requests done.
 */
export type DirectoryProgress = (read: number, total: number, unit?: 'users' | 'lookups') => void;

/** The fields preflight reads of every user (the display name: a manager may be named by it). */
const userFields = ['username', 'email', 'employeeIdentifier', 'alternateEmail', 'state', 'displayname'];

/** Every user (100 a page, 8 pages at a time after the first), with the groups, devices and org: the wizard's connect, before there is a file. */
export async function readDirectory(client: JumpCloudClient, onProgress?: DirectoryProgress): Promise<DirectorySnapshot> {
	const frame = readFrame(client);
	const [users, rest] = await Promise.all([frame.then(() => listUsers(client, onProgress)), frame]);
	return {...rest, users, readAt: new Date()};
}

/** The directory without its users. */
export type DirectoryFrame = Omit<DirectorySnapshot, 'users' | 'readAt' | 'partial'>;

/** The directory without its users: the org (first: it proves the key and the server), the groups, the devices. */
export async function readFrame(client: JumpCloudClient): Promise<DirectoryFrame> {
	// The organization first: it proves the key and the server within one request timeout, and a
	// silent or foreign server fails here before the listings start retrying in the background.
	return frameOf(client, await client.organization.get());
}

/**
 * `readFrame`, and how many users the directory holds (`countUsers`) asked with the frame's
 * listings once the organization has answered, not after them: a streamed start decides by it,
 * one round trip sooner.
 */
export function readFrameCounting(client: JumpCloudClient): {frame: Promise<DirectoryFrame>; total: Promise<number>} {
	const org = client.organization.get();
	const frame = org.then((answered) => frameOf(client, answered));
	const total = org.then(() => countUsers(client));
	// Asked for by whoever awaits it; a failure with the frame is said once, by the frame.
	total.catch(() => {});
	return {frame, total};
}

async function frameOf(client: JumpCloudClient, org: Organization): Promise<DirectoryFrame> {
	const [groups, systems] = await Promise.all([client.groups.all(), client.systems.all()]);
	return {groups, systems, policy: knownPolicy(org), organization: {id: org._id, ...(org.displayName ? {name: org.displayName} : {})}};
}

/**
 * The values of a file that preflight looks up in the directory (see `preflight`): `manager` as
 * usernames, emails, employee IDs or ids (a DN's CN), `managerName` as display names.
 */
export type WantedUsers = {username: Set<string>; email: Set<string>; employeeIdentifier: Set<string>; alternateEmail: Set<string>; manager: Set<string>; managerName: Set<string>};

export function wantedBy(built: readonly BuiltRow[]): WantedUsers {
	const wanted: WantedUsers = {username: new Set(), email: new Set(), employeeIdentifier: new Set(), alternateEmail: new Set(), manager: new Set(), managerName: new Set()};
	for (const {user} of built) {
		if (!user) continue;
		const {payload} = user;
		wanted.username.add(payload.username);
		wanted.email.add(payload.email);
		if (payload.employeeIdentifier) wanted.employeeIdentifier.add(payload.employeeIdentifier);
		if (payload.alternateEmail) wanted.alternateEmail.add(payload.alternateEmail);
		if (user.manager) {
			const {asUser, asName} = managerReference(user.manager);
			wanted.manager.add(asUser);
			// An email or an id is nobody's display name: not searched as one.
			if (isNameLike(asName)) wanted.managerName.add(asName);
		}
	}
	return wanted;
}

/** A manager named by id, as JumpCloud's ids are shaped (preflight matches ids exactly). */
const objectId = /^[0-9a-f]{24}$/;

/**
 * The users preflight needs for `wanted`, by whichever costs fewer requests: the first page of the
 * listing gives the total; the rest of the listing (`ceil(total/100) - 1` pages) is read unless
 * looking the file's values up costs less (a search per 50 values; a read per manager named by
 * id). Both give preflight the same answers: every user holding a value the file names in the
 * field preflight compares it with (case-insensitively), any manager named by id, and (from the
 * first page) some users it never asks about; sorted by `_id` as the listing is.
 */
export async function readUsers(client: JumpCloudClient, wanted: WantedUsers, onProgress?: DirectoryProgress): Promise<{users: UserSummary[]; partial: boolean}> {
	// At most this many searches (a value repeated in another case is counted twice): enough to weigh the costs.
	const values = wanted.username.size + wanted.email.size + 3 * wanted.manager.size + wanted.managerName.size + wanted.employeeIdentifier.size + wanted.alternateEmail.size;
	const batches = Math.ceil(values / lookupBatchSize);
	const managerIds = [...wanted.manager].filter((manager) => objectId.test(manager));
	let total = 0;
	const pages = client.users.pages({
		fields: userFields,
		pageSize: 100,
		onProgress: (read, all) => {
			total = all;
			onProgress?.(read, all);
		},
	});
	const users = new Map<string, UserSummary>();
	const keep = (page: readonly UserSummary[]) => {
		for (const user of page) users.set(user._id, user);
	};
	const first = await pages.next();
	if (first.done) return {users: [], partial: false};
	keep(first.value);
	const partial = !listingCostsNoMore(total, batches + managerIds.length);
	if (!partial) {
		for await (const page of pages) keep(page);
	} else {
		await pages.return(undefined);
		keep(await lookUpUsers(client, wanted, onProgress, users));
	}
	return {users: [...users.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)), partial};
}

/**
 * The users holding the wanted values, in the fields preflight compares them with (searches of 50
 * values), and the managers named by id (a read each, unless `known` has them already).
 */
export async function lookUpUsers(client: JumpCloudClient, wanted: WantedUsers, onProgress?: DirectoryProgress, known: ReadonlyMap<string, UserSummary> = new Map()): Promise<UserSummary[]> {
	const lookups = [
		{field: 'username' as const, values: [...wanted.username, ...wanted.manager]},
		{field: 'email' as const, values: [...wanted.email, ...wanted.manager]},
		{field: 'employeeIdentifier' as const, values: [...wanted.employeeIdentifier, ...wanted.manager]},
		{field: 'alternateEmail' as const, values: wanted.alternateEmail},
		{field: 'displayname' as const, values: wanted.managerName},
	];
	onProgress?.(0, lookupBatches(lookups).length, 'lookups');
	const users = new Map((await client.users.lookupMany(lookups, {fields: userFields, onProgress: (done, of) => onProgress?.(done, of, 'lookups')})).map((user) => [user._id, user]));
	const unknown = [...wanted.manager].filter((manager) => objectId.test(manager) && !known.has(manager) && !users.has(manager));
	for (let start = 0; start < unknown.length; start += pagesInFlight) {
		const found = await Promise.all(unknown.slice(start, start + pagesInFlight).map((id) => client.users.find(id)));
		for (const user of found) if (user) users.set(user._id, summaryOf(user));
	}
	return [...users.values()];
}

function summaryOf(user: UserSummary): UserSummary {
	const summary: Record<string, unknown> = {_id: user._id};
	for (const field of userFields) if ((user as Record<string, unknown>)[field] !== undefined) summary[field] = (user as Record<string, unknown>)[field];
	return summary as UserSummary;
}

/** How many users the directory holds: one small request (a page of one user, with the total). */
export async function countUsers(client: JumpCloudClient): Promise<number> {
	let total = 0;
	const pages = client.users.pages({fields: ['_id'], pageSize: 1, inFlight: 1, onProgress: (_, all) => (total = all)});
	await pages.next();
	await pages.return(undefined);
	return total;
}

/**
 * Whether a file of about `rows` rows is better checked against every one of `total` users listed
 * than against lookups of its values (two a row at least, 50 a search). Listing is what lets a plan
 * stream: every user is known before the first row. The listing's first page is read either way.
 */
export function listingCostsLess(total: number, rows: number): boolean {
	return listingCostsNoMore(total, Math.ceil((2 * rows) / lookupBatchSize));
}

/** Listing `total` users (the pages after the first, which is read either way) costs no more requests than `lookups`. */
function listingCostsNoMore(total: number, lookups: number): boolean {
	return Math.ceil(total / 100) - 1 <= lookups;
}

/** Every user, with the fields preflight reads (100 a page, 8 pages at a time after the first). */
export async function listUsers(client: JumpCloudClient, onProgress?: DirectoryProgress, signal?: AbortSignal): Promise<UserSummary[]> {
	const users: UserSummary[] = [];
	await listUsersByPage(client, (page) => users.push(...page), onProgress, signal);
	return users;
}

/** The same listing, handed over a page at a time: a caller that keeps only some users never holds them all. */
export async function listUsersByPage(client: JumpCloudClient, onPage: (users: readonly UserSummary[]) => void, onProgress?: DirectoryProgress, signal?: AbortSignal): Promise<void> {
	for await (const page of client.users.pages({fields: userFields, pageSize: 100, ...(onProgress ? {onProgress} : {}), ...(signal ? {signal} : {})})) onPage(page);
}
