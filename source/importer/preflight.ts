import {distance} from 'fastest-levenshtein';
import type {JumpCloudClient} from '../jumpcloud/client.js';
import {lookupBatches, pagesInFlight} from '../jumpcloud/users.js';
import {knownPolicy, passwordFailures, type PasswordRule} from '../jumpcloud/password-policy.js';
import type {ActivationEmail, JcSystem, Mfa, PasswordPolicy, UserCreate, UserGroup, UserState, UserSummary} from '../jumpcloud/types.js';
import type {BuiltRow, PlannedUser} from '../users/build-user.js';
import type {RowIssue} from '../users/row-issue.js';
import type {ImportOptions} from './options.js';

/** The email JumpCloud will send a user on activation, and where. */
export type EmailPlan = {kind: 'welcome' | 'activation'; to: string};

/** One row as it will be run: what is sent, to which groups and devices, and which email follows. */
export type RowPlan = {
	row: number;
	line: number;
	username: string | undefined;
	email: string | undefined;
	action: 'create' | 'skip' | 'invalid';
	/** The create body: always a STAGED (or SUSPENDED) user; activation, when wanted, is its own step. */
	body?: UserCreate;
	finalState?: 'STAGED' | 'ACTIVATED' | 'SUSPENDED';
	activation?: ActivationEmail;
	emailSent?: EmailPlan;
	groups: Array<{id: string; name: string}>;
	systems: Array<{id: string; name: string; admin: boolean}>;
	/** An existing user's id, or an earlier row of the file whose user must exist first. */
	manager?: {userId: string} | {row: number};
	/** The user that already has the row's username or email (the row is skipped, or an error with --existing fail). */
	existingUserId?: string;
	issues: RowIssue[];
};

export type PlanSummary = {
	rows: number;
	creates: number;
	skips: number;
	invalid: number;
	memberships: number;
	bindings: number;
	emails: Array<{kind: EmailPlan['kind']; to: 'primary email' | 'alternate email' | string; users: number}>;
};

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

/** The fields preflight reads of every user. */
const userFields = ['username', 'email', 'employeeIdentifier', 'alternateEmail', 'state'];

/** Every user (100 a page, 8 pages at a time after the first), with the groups, devices and org: the wizard's connect, before there is a file. */
export async function readDirectory(client: JumpCloudClient, onProgress?: DirectoryProgress): Promise<DirectorySnapshot> {
	const frame = readFrame(client);
	const [users, rest] = await Promise.all([frame.then(() => client.users.all({fields: userFields, pageSize: 100, ...(onProgress ? {onProgress} : {})})), frame]);
	return {...rest, users, readAt: new Date()};
}

/** The directory without its users: the org (first: it proves the key and the server), the groups, the devices. */
export async function readFrame(client: JumpCloudClient): Promise<Omit<DirectorySnapshot, 'users' | 'readAt'>> {
	// The organization first: it proves the key and the server within one request timeout, and a
	// silent or foreign server fails here before the listings start retrying in the background.
	const org = await client.organization.get();
	const [groups, systems] = await Promise.all([client.groups.all(), client.systems.all()]);
	return {groups, systems, policy: knownPolicy(org), organization: {id: org._id, ...(org.displayName ? {name: org.displayName} : {})}};
}

/** The values of a file that preflight looks up in the directory (see `preflight`). */
export type WantedUsers = {username: Set<string>; email: Set<string>; employeeIdentifier: Set<string>; alternateEmail: Set<string>; manager: Set<string>};

export function wantedBy(built: readonly BuiltRow[]): WantedUsers {
	const wanted: WantedUsers = {username: new Set(), email: new Set(), employeeIdentifier: new Set(), alternateEmail: new Set(), manager: new Set()};
	for (const {user} of built) {
		if (!user) continue;
		const {payload} = user;
		wanted.username.add(payload.username);
		wanted.email.add(payload.email);
		if (payload.employeeIdentifier) wanted.employeeIdentifier.add(payload.employeeIdentifier);
		if (payload.alternateEmail) wanted.alternateEmail.add(payload.alternateEmail);
		if (user.manager) wanted.manager.add(user.manager);
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
	const lookups = [
		{field: 'username' as const, values: [...wanted.username, ...wanted.manager]},
		{field: 'email' as const, values: [...wanted.email, ...wanted.manager]},
		{field: 'employeeIdentifier' as const, values: wanted.employeeIdentifier},
		{field: 'alternateEmail' as const, values: wanted.alternateEmail},
	];
	const batches = lookupBatches(lookups).length;
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
	const pagesLeft = Math.ceil(total / 100) - 1;
	const partial = pagesLeft > batches + managerIds.length;
	if (!partial) {
		for await (const page of pages) keep(page);
	} else {
		await pages.return(undefined);
		onProgress?.(0, batches, 'lookups');
		keep(await client.users.lookupMany(lookups, {fields: userFields, onProgress: (done, of) => onProgress?.(done, of, 'lookups')}));
		const unknown = managerIds.filter((id) => !users.has(id));
		for (let start = 0; start < unknown.length; start += pagesInFlight) {
			const found = await Promise.all(unknown.slice(start, start + pagesInFlight).map((id) => client.users.find(id)));
			keep(found.filter((user) => user !== undefined).map((user) => summaryOf(user)));
		}
	}
	return {users: [...users.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)), partial};
}

function summaryOf(user: UserSummary): UserSummary {
	const summary: Record<string, unknown> = {_id: user._id};
	for (const field of userFields) if ((user as Record<string, unknown>)[field] !== undefined) summary[field] = (user as Record<string, unknown>)[field];
	return summary as UserSummary;
}

const dayMs = 86_400_000;

/**
 * Checks every built row against the directory, before anything is created: existing users
 * (by username, email, employee ID, alternate email, case-insensitively), groups and devices the
 * file names, the manager, the password policy; and works out who gets which email.
 * On resume, `ownUsers` are users this import created: not conflicts. `unsettledRows` are rows
 * whose create this import sent with the outcome unknown: a user there may be the one it made,
 * so the row is planned as a create and the run settles it by provenance before sending anything.
 */
export function preflight(
	built: readonly BuiltRow[],
	directory: DirectorySnapshot,
	options: ImportOptions,
	now: Date,
	ownUsers: ReadonlySet<string> = new Set(),
	unsettledRows: ReadonlySet<number> = new Set(),
): {rows: RowPlan[]; summary: PlanSummary} {
	const existing = indexUsers(directory.users.filter((user) => !ownUsers.has(user._id)));
	const groupsByName = new Map<string, UserGroup[]>();
	for (const group of directory.groups) pushTo(groupsByName, group.name.toLowerCase(), group);
	const systemsByKey = new Map<string, JcSystem[]>();
	for (const system of directory.systems) {
		pushTo(systemsByKey, system._id.toLowerCase(), system);
		for (const name of new Set([system.hostname, system.displayName].filter(Boolean).map((name) => name!.toLowerCase()))) pushTo(systemsByKey, name, system);
	}
	const fileUsers = new Map<string, number>();

	const rows = built.map((builtRow): RowPlan => {
		const {row, line} = builtRow;
		const user = builtRow.user;
		const base = {row, line, username: user?.payload.username, email: user?.payload.email, groups: [], systems: []};
		if (!user) return {...base, action: 'invalid', issues: builtRow.issues};
		const issues: RowIssue[] = [...builtRow.issues];
		const error = (column: string | null, message: string) => issues.push({row, line, column, severity: 'error', message});
		const payload = user.payload;

		// Username and email: the existing-user policy. Employee ID and alternate email: always an error.
		const same = existing.username.get(payload.username.toLowerCase()) ?? existing.email.get(payload.email.toLowerCase());
		const plan: RowPlan = {...base, action: 'create', issues};
		if (same && !unsettledRows.has(row)) {
			const message = `${same.username} (${same.email}) already exists in JumpCloud`;
			plan.existingUserId = same._id;
			if (options.existing === 'skip') {
				issues.push({row, line, column: null, severity: 'warning', message: `${message}: skipped`});
				plan.action = 'skip';
			} else {
				error(null, message);
			}
		}
		if (payload.employeeIdentifier) {
			const holder = existing.employeeIdentifier.get(payload.employeeIdentifier.toLowerCase());
			if (holder && holder._id !== same?._id) error(null, `employee ID ${payload.employeeIdentifier} already belongs to ${holder.username}`);
		}
		if (payload.alternateEmail) {
			const holder = existing.alternateEmail.get(payload.alternateEmail.toLowerCase());
			if (holder && holder._id !== same?._id) error(null, `alternate email ${payload.alternateEmail} already belongs to ${holder.username}`);
		}

		plan.groups = resolveGroups(user, groupsByName, (message) => error(null, message));
		plan.systems = resolveSystems(user, systemsByKey, (message) => error(null, message));
		if (user.manager) {
			const key = user.manager.toLowerCase();
			const managerUser = existing.username.get(key) ?? existing.email.get(key) ?? directory.users.find((candidate) => candidate._id === user.manager);
			const managerRow = fileUsers.get(key);
			if (managerUser) plan.manager = {userId: managerUser._id};
			else if (managerRow !== undefined) plan.manager = {row: managerRow};
			else error(null, `manager ${user.manager} is neither a JumpCloud user nor on an earlier row`);
		}
		if (payload.password && directory.policy) {
			const failures = passwordFailures(payload.password, directory.policy);
			if (failures.length > 0) error(null, `the password does not meet the organization's policy: ${failures.map(describeRule).join(', ')}`);
		}
		if (plan.action === 'skip') return plan;
		if (issues.some((issue) => issue.severity === 'error')) return {...plan, action: 'invalid'};
		// Only a row that will be created can be a later row's manager.
		fileUsers.set(payload.username.toLowerCase(), row);
		fileUsers.set(payload.email.toLowerCase(), row);
		return {...plan, ...createAndActivate(payload, options, now)};
	});
	return {rows, summary: summarize(rows)};
}

/**
 * The create body and the activation after it. A user is always created STAGED (or SUSPENDED) and
 * activated with an explicit email flag when it should end ACTIVATED, so which email goes out is
 * decided here, not by the org's defaults.
 */
function createAndActivate(payload: UserCreate, options: ImportOptions, now: Date): Pick<RowPlan, 'body' | 'finalState' | 'activation' | 'emailSent'> {
	const finalState = payload.state === 'SUSPENDED' ? 'SUSPENDED' : payload.state === 'ACTIVATED' ? 'ACTIVATED' : 'STAGED';
	const createdAs = finalState === 'SUSPENDED' ? 'SUSPENDED' : 'STAGED';
	const body: UserCreate = {...payload, state: createdAs};
	if (body.mfa) body.mfa = exclusionFor(createdAs, body.mfa, now);
	if (finalState !== 'ACTIVATED') return {body, finalState};
	const activation: ActivationEmail = options.email;
	if (activation.kind === 'none') return {body, finalState, activation};
	const kind = payload.password ? 'welcome' : 'activation';
	const to = activation.kind === 'address' ? activation.address : kind === 'activation' && payload.alternateEmail ? payload.alternateEmail : payload.email;
	return {body, finalState, activation, emailSent: {kind, to}};
}

/**
 * The MFA exclusion (built as days) in the form JumpCloud takes for the state a user is created
 * in, as its PowerShell module sends it (New-JCUser.ps1, PR #578): days for a STAGED user
 * (JumpCloud refuses a date for them; the days are taken to start at activation); a date for a
 * SUSPENDED one, now + the days, so its window runs while it is suspended.
 */
function exclusionFor(createdAs: UserState, mfa: Mfa, now: Date): Mfa {
	if (createdAs === 'STAGED' || mfa.exclusionDays === undefined) return mfa;
	return {exclusion: true, exclusionUntil: new Date(now.getTime() + mfa.exclusionDays * dayMs).toISOString()};
}

function resolveGroups(user: PlannedUser, byName: Map<string, UserGroup[]>, error: (message: string) => void): RowPlan['groups'] {
	const resolved: RowPlan['groups'] = [];
	for (const name of user.groups) {
		const found = byName.get(name.toLowerCase()) ?? [];
		const exact = found.filter((group) => group.name === name);
		const match = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : undefined;
		if (match) resolved.push({id: match.id, name: match.name});
		else if (found.length > 1) error(`user group ${name} is ambiguous: ${found.length} groups have that name`);
		else error(`no user group is named ${name}${didYouMean(name, byName.keys(), (key) => byName.get(key)![0]!.name)}`);
	}
	return resolved;
}

function resolveSystems(user: PlannedUser, byKey: Map<string, JcSystem[]>, error: (message: string) => void): RowPlan['systems'] {
	const resolved: RowPlan['systems'] = [];
	for (const {ref, admin} of user.systems) {
		const found = byKey.get(ref.toLowerCase()) ?? [];
		if (found.length === 1) resolved.push({id: found[0]!._id, name: found[0]!.hostname ?? found[0]!.displayName ?? ref, admin});
		else if (found.length > 1) error(`device ${ref} is ambiguous: ${found.length} devices have that name`);
		else error(`no device has the id, hostname or name ${ref}${didYouMean(ref, byKey.keys(), (key) => byKey.get(key)![0]!.hostname ?? key)}`);
	}
	return resolved;
}

/** ` (did you mean Engineering?)` for a near miss within two edits, else nothing. */
function didYouMean(wanted: string, keys: Iterable<string>, show: (key: string) => string): string {
	const lower = wanted.toLowerCase();
	let best: {key: string; edits: number} | undefined;
	for (const key of keys) {
		const edits = distance(lower, key);
		if (edits <= Math.max(2, Math.floor(lower.length / 4)) && (!best || edits < best.edits)) best = {key, edits};
	}
	return best ? ` (did you mean ${show(best.key)}?)` : '';
}

function indexUsers(users: readonly UserSummary[]) {
	const index = {username: new Map<string, UserSummary>(), email: new Map<string, UserSummary>(), employeeIdentifier: new Map<string, UserSummary>(), alternateEmail: new Map<string, UserSummary>()};
	for (const user of users) {
		index.username.set(user.username.toLowerCase(), user);
		index.email.set(user.email.toLowerCase(), user);
		if (user.employeeIdentifier) index.employeeIdentifier.set(user.employeeIdentifier.toLowerCase(), user);
		if (user.alternateEmail) index.alternateEmail.set(user.alternateEmail.toLowerCase(), user);
	}
	return index;
}

function describeRule(rule: PasswordRule): string {
	const words: Record<PasswordRule, string> = {
		minLength: 'too short',
		lowercase: 'needs a lowercase letter',
		uppercase: 'needs an uppercase letter',
		numeric: 'needs a digit',
		specialCharacter: 'needs a symbol',
	};
	return words[rule];
}

function summarize(rows: readonly RowPlan[]): PlanSummary {
	const creates = rows.filter((row) => row.action === 'create');
	const emails = new Map<string, PlanSummary['emails'][number]>();
	for (const row of creates) {
		if (!row.emailSent) continue;
		const to = row.emailSent.to === row.email ? 'primary email' : row.emailSent.to === row.body?.alternateEmail ? 'alternate email' : row.emailSent.to;
		const key = `${row.emailSent.kind}\u0000${to}`;
		const entry = emails.get(key) ?? {kind: row.emailSent.kind, to, users: 0};
		entry.users++;
		emails.set(key, entry);
	}
	return {
		rows: rows.length,
		creates: creates.length,
		skips: rows.filter((row) => row.action === 'skip').length,
		invalid: rows.filter((row) => row.action === 'invalid').length,
		memberships: creates.reduce((sum, row) => sum + row.groups.length, 0),
		bindings: creates.reduce((sum, row) => sum + row.systems.length, 0),
		emails: [...emails.values()],
	};
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}
