import {passwordFailures, type PasswordRule} from '../jumpcloud/password-policy.js';
import type {UserSummary} from '../jumpcloud/types.js';
import type {BuiltRow} from '../users/build-user.js';
import type {RowIssue} from '../users/row-issue.js';
import {createAndActivate} from './create-body.js';
import type {DirectorySnapshot} from './directory-read.js';
import {indexGroups, indexSystems, resolveGroups, resolveSystems, type GroupsByName, type SystemsByKey} from './directory-names.js';
import {ManagerResolver, type ManagerChange, type ManagerSnapshot} from './manager-resolution.js';
import {displayNameOf} from './manager-reference.js';
import type {LastHolders} from './last-holders.js';
import type {ImportOptions} from './options.js';
import type {RowPlan} from './row-plan.js';
import {addToIndex, newUserIndex} from './user-index.js';

/**
 * `preflight` one row at a time, in file order, so a plan can be run while it is still being made:
 * a row depends only on the directory and on earlier rows, but for a manager named otherwise than
 * as a directory user or an earlier row, which stays `pending` until a later row settles it or no
 * later row can (`decided`, the latter known from a read ahead: `lookAhead`), else until `finish`.
 */
export class RowPlanner {
	private readonly existing = newUserIndex();
	private readonly groupsByName: GroupsByName;
	private readonly systemsByKey: SystemsByKey;
	/** Every user read, by id (a manager may be named by it): this import's own too, which are kept no further. */
	private readonly ids = new Set<string>();
	/** Rows planned so far: a row's place in the plan, which `finish` names its changes by. */
	private planned: number;
	private readonly managers: ManagerResolver;

	constructor(
		private readonly directory: DirectorySnapshot,
		private readonly options: ImportOptions,
		private readonly now: Date,
		private readonly ownUsers: ReadonlySet<string> = new Set(),
		private readonly unsettledRows: ReadonlySet<number> = new Set(),
		/** A resume from a checkpoint: the next row's place in the file's plan, and the managers as the rows before it left them. */
		from?: {index: number; managers: ManagerSnapshot},
	) {
		const directoryUser = (key: string) => this.existing.username.get(key)?._id ?? this.existing.email.get(key)?._id ?? (this.ids.has(key) ? key : undefined) ?? this.existing.employeeIdentifier.get(key)?._id;
		this.managers = from ? ManagerResolver.restore(from.managers, directoryUser) : new ManagerResolver(directoryUser);
		// Places go on from the checkpoint's row, so the changes `finish` names stay places in the whole file's plan.
		this.planned = from?.index ?? 0;
		this.addUsers(directory.users);
		this.groupsByName = indexGroups(directory.groups);
		this.systemsByKey = indexSystems(directory.systems);
	}

	/**
	 * More of the directory's users (a streamed plan learns them by looking a chunk's values up, then
	 * by the whole listing): a row is planned right once every user holding one of its values is in.
	 */
	addUsers(users: readonly UserSummary[]): void {
		for (const user of users) {
			this.ids.add(user._id);
			// This import's users, made in a run before or by the run going on now: not the directory's.
			if (this.ownUsers.has(user._id) || this.managers.madeForRow(user)) continue;
			addToIndex(this.existing, user);
			this.managers.addUser(user);
		}
	}

	/**
	 * `lookedUp`: whether the directory's users holding the row's values are known (looked up, or
	 * listed): a resume does not look up its finished rows, and their managers then wait for the whole
	 * directory (`directoryListed`), else for `finish`.
	 */
	plan(builtRow: BuiltRow, lookedUp = true): RowPlan {
		const plan = this.planRow(builtRow, lookedUp);
		// Managers that waited for this row (the last to hold what they name) are settled now.
		this.managers.passed(builtRow.row);
		return plan;
	}

	private planRow(builtRow: BuiltRow, lookedUp: boolean): RowPlan {
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
			this.managers.addSkipped(row, plan.existingUserId!, displayNameOf(payload));
			return plan;
		}
		if (issues.some((issue) => issue.severity === 'error')) {
			plan.action = 'invalid';
			this.managers.addInvalid(row, payload.username, payload.email);
			return plan;
		}
		// A manager that cannot be told is a warning, never an error: the user is created without one.
		if (user.manager) {
			const {manager, issue} = this.managers.resolve({index, row, line, column: user.managerColumn ?? null, cell: user.manager, username: payload.username, email: payload.email}, lookedUp);
			if (manager) plan.manager = manager;
			if (issue) issues.push(issue);
		}
		// Only a row that will be created can be another row's manager.
		this.managers.addCreated(row, payload.username, payload.email, displayNameOf(payload), payload.employeeIdentifier);
		return Object.assign(plan, createAndActivate(payload, options, this.now));
	}

	/** The managers as planning the rows before `beforeRow` left them, for a checkpoint (rows are planned in file order). */
	snapshot(beforeRow: number): ManagerSnapshot {
		return this.managers.snapshot(beforeRow);
	}

	/** No row of the file names a manager (no column maps to one): the rows are not indexed as managers. Before the first row. */
	noManagersNamed(): void {
		this.managers.noManagersNamed();
	}

	/**
	 * Rows pending a manager that the rows planned since have settled (a later row took the
	 * username, email or employee ID they name, or the last row that could hold it was planned, as
	 * the read ahead told), each by its place: handed out once, so a streamed
	 * run takes them before the file is read through. `finish` hands out any not taken.
	 */
	decided(): ManagerChange[] {
		return this.managers.decided();
	}

	/**
	 * The last row of the file holding each value a manager cell can name (a read ahead): a manager
	 * named by display name is then settled once its last possible holder is planned, not at the end.
	 */
	lookAhead(holders: LastHolders): void {
		this.managers.lookAhead(holders);
	}

	/** Every user of the directory is known now: the managers of rows planned without a lookup may be settled. */
	directoryListed(): void {
		this.managers.listed();
	}

	/** Whether the read ahead's last holders are known (told, or restored with the managers). */
	get looksAhead(): boolean {
		return this.managers.looksAhead;
	}

	/** How many rows planned wait for a manager not settled yet. */
	get waitingForManagers(): number {
		return this.managers.waiting;
	}

	/**
	 * The file is planned whole: the managers left pending are settled (a later row, a display
	 * name, or none, with a warning) and manager cycles broken. The changes name rows by their place.
	 */
	finish(): ManagerChange[] {
		return this.managers.finish();
	}
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
