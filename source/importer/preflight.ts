import {distance} from 'fastest-levenshtein';
import {passwordFailures, type PasswordRule} from '../jumpcloud/password-policy.js';
import type {ActivationEmail, JcSystem, Mfa, UserCreate, UserGroup, UserState, UserSummary} from '../jumpcloud/types.js';
import type {BuiltRow, PlannedUser} from '../users/build-user.js';
import type {RowIssue} from '../users/row-issue.js';
import type {DirectorySnapshot} from './directory-read.js';
import {ManagerResolver, type ManagerChange, type ManagerSource} from './manager-resolution.js';
import type {ImportOptions} from './options.js';

/** The email JumpCloud will send a user on activation, and where. */
/** `toAlternate`: `to` is the user's alternate email (said as such in the plan's totals). */
export type EmailPlan = {kind: 'welcome' | 'activation'; to: string; toAlternate?: true};

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
	/**
	 * An existing user's id, or a row of the file (before or after this one) whose user must exist
	 * first; `pending` until the plan is whole (a streamed plan's later rows may name it). None: the
	 * row has no manager, or one that could not be told (its issues warn: created without manager).
	 */
	manager?: ManagerSource;
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
	const planner = new RowPlanner(directory, options, now, ownUsers, unsettledRows);
	if (!built.some((row) => row.user?.manager !== undefined)) planner.noManagersNamed();
	const rows = built.map((row) => planner.plan(row));
	for (const change of planner.finish()) rows[change.index] = withManager(rows[change.index]!, change);
	return {rows, summary: summarize(rows)};
}

/**
 * `preflight` one row at a time, in file order, so a plan can be run while it is still being made:
 * a row depends only on the directory and on earlier rows, but for a manager named otherwise than
 * as a directory user or an earlier row's username or email, which stays `pending` until `finish`.
 */
export class RowPlanner {
	private readonly existing = newUserIndex();
	private readonly groupsByName = new Map<string, UserGroup[]>();
	private readonly systemsByKey = new Map<string, JcSystem[]>();
	private readonly usersById = new Map<string, UserSummary>();
	/** Rows planned so far: a row's place in the plan, which `finish` names its changes by. */
	private planned = 0;
	private readonly managers = new ManagerResolver((key) => this.existing.username.get(key) ?? this.existing.email.get(key) ?? this.usersById.get(key) ?? this.existing.employeeIdentifier.get(key));

	constructor(
		private readonly directory: DirectorySnapshot,
		private readonly options: ImportOptions,
		private readonly now: Date,
		private readonly ownUsers: ReadonlySet<string> = new Set(),
		private readonly unsettledRows: ReadonlySet<number> = new Set(),
	) {
		this.addUsers(directory.users);
		for (const group of directory.groups) pushTo(this.groupsByName, group.name.toLowerCase(), group);
		for (const system of directory.systems) {
			pushTo(this.systemsByKey, system._id.toLowerCase(), system);
			for (const name of new Set([system.hostname, system.displayName].filter(Boolean).map((name) => name!.toLowerCase()))) pushTo(this.systemsByKey, name, system);
		}
	}

	/**
	 * More of the directory's users (a streamed plan learns them by looking a chunk's values up, then
	 * by the whole listing): a row is planned right once every user holding one of its values is in.
	 */
	addUsers(users: readonly UserSummary[]): void {
		for (const user of users) {
			this.usersById.set(user._id, user);
			if (this.ownUsers.has(user._id)) continue;
			addToIndex(this.existing, user);
			this.managers.addUser(user);
		}
	}

	plan(builtRow: BuiltRow): RowPlan {
		const index = this.planned++;
		const {existing, options} = this;
		const {row, line} = builtRow;
		const user = builtRow.user;
		// An invalid row keeps the username and email it had: reports name it by them.
		if (!user) {
			this.managers.addInvalid(row, builtRow.username, builtRow.email);
			return {row, line, username: builtRow.username, email: builtRow.email, groups: [], systems: [], action: 'invalid', issues: builtRow.issues};
		}
		const issues: RowIssue[] = [...builtRow.issues];
		const error = (column: string | null, message: string) => issues.push({row, line, column, severity: 'error', message});
		const payload = user.payload;
		const plan: RowPlan = {row, line, username: payload.username, email: payload.email, groups: [], systems: [], action: 'create', issues};

		// Username and email: the existing-user policy. Employee ID and alternate email: always an error.
		const same = existing.username.get(payload.username.toLowerCase()) ?? existing.email.get(payload.email.toLowerCase());
		if (same && !this.unsettledRows.has(row)) {
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

		if (user.groups.length > 0) plan.groups = resolveGroups(user, this.groupsByName, (message) => error(null, message));
		if (user.systems.length > 0) plan.systems = resolveSystems(user, this.systemsByKey, (message) => error(null, message));
		if (payload.password && this.directory.policy) {
			const failures = passwordFailures(payload.password, this.directory.policy);
			if (failures.length > 0) error(null, `the password does not meet the organization's policy: ${failures.map(describeRule).join(', ')}`);
		}
		if (plan.action === 'skip') {
			this.managers.addSkipped(plan.existingUserId!, displayNameOf(payload));
			return plan;
		}
		if (issues.some((issue) => issue.severity === 'error')) {
			plan.action = 'invalid';
			this.managers.addInvalid(row, payload.username, payload.email);
			return plan;
		}
		// A manager that cannot be told is a warning, never an error: the user is created without one.
		if (user.manager) {
			const {manager, issue} = this.managers.resolve({index, row, line, column: user.managerColumn ?? null, cell: user.manager, username: payload.username, email: payload.email});
			if (manager) plan.manager = manager;
			if (issue) issues.push(issue);
		}
		// Only a row that will be created can be another row's manager.
		this.managers.addCreated(row, payload.username, payload.email, displayNameOf(payload), payload.employeeIdentifier);
		return Object.assign(plan, createAndActivate(payload, options, this.now));
	}

	/** No row of the file names a manager (no column maps to one): the rows are not indexed as managers. Before the first row. */
	noManagersNamed(): void {
		this.managers.noManagersNamed();
	}

	/**
	 * The file is planned whole: the managers left pending are settled (a later row, a display
	 * name, or none, with a warning) and manager cycles broken. The changes name rows by their place.
	 */
	finish(): ManagerChange[] {
		return this.managers.finish();
	}
}

/** A planned row with its manager decided at the end of the plan. */
export function withManager(plan: RowPlan, change: ManagerChange): RowPlan {
	const {manager: _, ...rest} = plan;
	return {...rest, ...(change.manager ? {manager: change.manager} : {}), issues: change.issue ? [...plan.issues, change.issue] : plan.issues};
}

/** How a row to create can be named as a manager: its display name, else first and last name. */
function displayNameOf(payload: UserCreate): string | undefined {
	if (payload.displayname) return payload.displayname;
	const full = [payload.firstname, payload.lastname].filter(Boolean).join(' ');
	return full === '' ? undefined : full;
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
	const toAlternate = activation.kind !== 'address' && kind === 'activation' && payload.alternateEmail !== undefined && to === payload.alternateEmail;
	return {body, finalState, activation, emailSent: {kind, to, ...(toAlternate ? {toAlternate: true as const} : {})}};
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

function newUserIndex() {
	return {username: new Map<string, UserSummary>(), email: new Map<string, UserSummary>(), employeeIdentifier: new Map<string, UserSummary>(), alternateEmail: new Map<string, UserSummary>()};
}

function addToIndex(index: ReturnType<typeof newUserIndex>, user: UserSummary) {
	index.username.set(user.username.toLowerCase(), user);
	index.email.set(user.email.toLowerCase(), user);
	if (user.employeeIdentifier) index.employeeIdentifier.set(user.employeeIdentifier.toLowerCase(), user);
	if (user.alternateEmail) index.alternateEmail.set(user.alternateEmail.toLowerCase(), user);
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

/** The plan's totals: rows by action, memberships, bindings, and who gets which email. */
export function summarize(rows: readonly RowPlan[]): PlanSummary {
	const creates = rows.filter((row) => row.action === 'create');
	const emails = new Map<string, PlanSummary['emails'][number]>();
	for (const row of creates) {
		if (!row.emailSent) continue;
		// From the plan alone, not the create body: a run forgets a finished row's body.
		const to = row.emailSent.to === row.email ? 'primary email' : row.emailSent.toAlternate ? 'alternate email' : row.emailSent.to;
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
