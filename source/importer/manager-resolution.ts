import type {UserSummary} from '../jumpcloud/types.js';
import {detached} from '../lib/detached-text.js';
import {ValueTable} from '../lib/value-table.js';
import type {RowIssue} from '../users/row-issue.js';
import {ManagerHistory, type ManagerSnapshot} from './manager-history.js';
import {managerReference, nameKey, type ManagerReference} from './manager-reference.js';

export type {ManagerSnapshot} from './manager-history.js';

/*
 * Managers as HR exports give them: by username, email, user id, employee ID, display name or DN, on any row of
 * the file (before or after their reports) or in the directory. A manager that cannot be told
 * (nobody, or several people, or a cycle) is a warning: the user is created without one.
 *
 * Rows are planned in file order, so a row's manager is settled at once when it is a directory
 * user (by username, email, id or employee ID) or an earlier row (by username, email or employee
 * ID). Anything else waits (`pending`): for the later row that takes that username, email or
 * employee ID, which settles it as soon as it is planned (`decided`), since the first row to hold
 * a value is the one it names; else for the whole file, because only then is it known whether
 * anyone holds it as a display name, and how many do. `finish` settles those, then breaks cycles.
 */

/** A directory user as the manager checks read it: display names too. */
export type NamedUser = UserSummary & {displayname?: string};

/** Where a row's manager comes from: a user that exists, a row of the file, or not known until the plan is whole. */
export type ManagerSource = {userId: string} | {row: number} | {pending: true};

/** A decision `finish` took for a row planned earlier: its manager (none: created without one) and why not, if not. */
export type ManagerChange = {index: number; row: number; manager: ManagerSource | undefined; issue?: RowIssue};

/** What the resolver needs of a row: where it is, what it names, and who it is (for cycles and later rows). */
export type ManagedRow = {index: number; row: number; line: number; column: string | null; cell: string; username: string; email: string};

const withoutManager = 'created without manager';

/** A row whose manager waits: where it is and what it names. */
type Waiting = Omit<ManagedRow, 'username' | 'email'>;

/** Who has a display name: a user that exists (its id) or a row to create (its number). */
type Holder = string | number;

export class ManagerResolver {
	/** Off when the file names no manager: nothing to find, so nothing is indexed. */
	private indexing = true;
	/**
	 * Rows that will be created, by lowercased username, email and employee ID: the first row to
	 * hold a value keeps it (a later row may take as username what an earlier one has as employee ID).
	 * A table of typed arrays, not a Map: a checkpoint restores it as it is, without hashing again.
	 */
	private fileRows = new ValueTable();
	/** Rows with errors (never created), by lowercased username and email: a warning says so. */
	private readonly invalidRows = new Map<string, number>();
	/**
	 * Display name → who has it: a user id (a string) for users that exist (directory, or a skipped
	 * row's), a row number for rows to create; a list once several do (one value a name, mostly).
	 * The directory's as they are read; the rows' only once the plan is whole (from `history`), since
	 * nothing asks before: a resume from a checkpoint does not build it for the rows before.
	 */
	private readonly names = new Map<string, Holder | Holder[]>();
	/** Rows whose manager is a row of the file: row → its manager's row and where it was planned. */
	private readonly edges = new Map<number, {manager: number; index: number; line: number; column: string | null; cell: string}>();
	/** Rows whose manager waits, by the key their cell names (their cells copied off the file's chunks). */
	private readonly pending = new Map<string, Waiting[]>();
	/** Managers a later row settled while planning went on, not yet handed out (`decided`). */
	private settledEarly: ManagerChange[] = [];
	/** The changes planning made to the maps above, by row: their state before a row can be made again (what finish changes is not in it). */
	private history = new ManagerHistory();

	constructor(
		/** The id of the directory user holding a lowercased username, email or employee ID, or that id. */
		private readonly directoryUser: (key: string) => string | undefined,
	) {}

	/** The file has no manager column: no row will be resolved, so none is indexed (a plan of 100,000 rows saves a third of its time). */
	noManagersNamed(): void {
		this.indexing = false;
	}

	/**
	 * A resolver in the state planning the rows before the snapshot's row left it, without the
	 * directory's users (the caller adds the directory as it is now).
	 */
	static restore(snapshot: ManagerSnapshot, directoryUser: (key: string) => string | undefined): ManagerResolver {
		const resolver = new ManagerResolver(directoryUser);
		if (!snapshot.indexing) {
			resolver.noManagersNamed();
			return resolver;
		}
		const {keys, hashes, numbers} = snapshot.fileRows;
		resolver.fileRows = ValueTable.restore(keys, hashes, numbers);
		// The rows with errors and the managers as planning left them; a manager pending then whose key a
		// row before the snapshot's took is that row's. The record goes on from the snapshot's.
		ManagerHistory.replay(snapshot, {
			created: () => {},
			skipped: () => {},
			invalid: resolver.applyInvalid.bind(resolver),
			managed: (row, manager, index, line, column, cell) => {
				const holder = manager ?? resolver.fileRows.get(managerReference(cell).key);
				// Its own employee ID: no manager (a warning the plan gave then).
				if (holder === row) return;
				resolver.applyManaged(row, holder === -1 ? undefined : holder, index, line, column, cell);
			},
		});
		resolver.history = ManagerHistory.of(snapshot);
		return resolver;
	}

	/** What planning the rows before `beforeRow` left here, whatever was planned or finished since. */
	snapshot(beforeRow: number): ManagerSnapshot {
		return {...this.history.snapshot(beforeRow, this.indexing), fileRows: this.fileRows.prefix(beforeRow)};
	}

	/**
	 * Whether a user holds the username or email of a row planned for creation: the user that row
	 * made (a streamed plan reads the directory while its run creates users), not another holder.
	 * Known only while rows are indexed, as managers are.
	 */
	madeForRow(user: UserSummary): boolean {
		return this.fileRows.get(user.username.toLowerCase()) !== -1 || this.fileRows.get(user.email.toLowerCase()) !== -1;
	}

	/** A directory user (not one this import made) who may be named by display name. */
	addUser(user: NamedUser): void {
		if (!this.indexing || !user.displayname) return;
		const name = nameKey(user.displayname);
		if (name !== '') this.addName(detached(name), user._id);
	}

	/**
	 * A row planned for creation: later rows (and, once the file is whole, earlier ones) may name it,
	 * by username, email, display name or employee ID (HR exports name managers by staff number).
	 */
	addCreated(row: number, username: string, email: string, displayName: string | undefined, employeeId?: string): void {
		if (!this.indexing) return;
		const staffNumber = employeeId?.toLowerCase();
		const name = displayName ? nameKey(displayName) : '';
		// Kept for the whole file: their own texts, not views into the chunk the row was read from.
		this.created(row, detached(username.toLowerCase()), detached(email.toLowerCase()), staffNumber ? detached(staffNumber) : null, name === '' ? null : detached(name));
	}

	/** A row skipped because its user exists: named by the file's display name, it is that user. */
	addSkipped(row: number, existingUserId: string, displayName: string | undefined): void {
		if (!this.indexing || !displayName) return;
		const name = nameKey(displayName);
		if (name !== '') this.skipped(row, existingUserId, detached(name));
	}

	/** A row with errors: a manager named by its username or email is not created. */
	addInvalid(row: number, username: string | undefined, email: string | undefined): void {
		if (!this.indexing || (!username && !email)) return;
		this.invalid(row, username ? detached(username.toLowerCase()) : null, email ? detached(email.toLowerCase()) : null);
	}

	/** The manager of a row to create, as far as the rows so far tell; a warning when it names the row itself. */
	resolve(managed: ManagedRow): {manager: ManagerSource | undefined; issue?: RowIssue} {
		const reference = managerReference(managed.cell);
		const userId = this.directoryUser(reference.key);
		if (userId) return {manager: {userId}};
		// An earlier row holding the value is the one it names, even when it is this row's own username too.
		const held = this.fileRows.get(reference.key);
		if (held === -1 && (reference.key === managed.username.toLowerCase() || reference.key === managed.email.toLowerCase())) {
			return {manager: undefined, issue: warning(managed, `${managed.cell} is this row's own user (a manager cycle)`)};
		}
		const earlier = held === -1 ? undefined : held;
		this.managed(managed.row, earlier, managed.index, managed.line, managed.column, detached(managed.cell));
		return {manager: earlier === undefined ? {pending: true} : {row: earlier}};
	}

	/**
	 * The managers of pending rows that rows planned since have settled: each a row of the file
	 * (the first to hold the key the cell names), or none when that is the row itself. Handed out once.
	 */
	decided(): ManagerChange[] {
		const decided = this.settledEarly;
		if (decided.length > 0) this.settledEarly = [];
		return decided;
	}

	/** The whole file is planned: every waiting manager settled, then every cycle broken where it closes. */
	finish(): ManagerChange[] {
		const changes = new Map<number, ManagerChange>();
		if (this.pending.size > 0) this.history.names((name, holder) => this.addName(name, holder));
		for (const change of this.decided()) changes.set(change.row, change);
		for (const waiting of this.pending.values()) {
			for (const managed of waiting) {
				const {manager, issue} = this.settle(managed, managerReference(managed.cell));
				if (manager && 'row' in manager) this.edges.set(managed.row, {manager: manager.row, index: managed.index, line: managed.line, column: managed.column, cell: managed.cell});
				changes.set(managed.row, {index: managed.index, row: managed.row, manager, ...(issue ? {issue} : {})});
			}
		}
		this.pending.clear();
		for (const cycle of this.cycles()) {
			// The row that closes it: the last of the cycle in the file; the others then follow from it.
			const closer = cycle.reduce((last, row) => Math.max(last, row));
			const edge = this.edges.get(closer)!;
			this.edges.delete(closer);
			const path = [...cycle.slice(cycle.indexOf(closer)), ...cycle.slice(0, cycle.indexOf(closer)), closer].map((row) => `row ${row}`).join(' → ');
			const managed = {row: closer, line: edge.line, column: edge.column};
			changes.set(closer, {index: edge.index, row: closer, manager: undefined, issue: warning(managed, `${edge.cell} closes a manager cycle (${path})`)});
		}
		// In plan order: a restored resolver meets its edges in another order than the one that planned every row.
		return [...changes.values()].sort((a, b) => a.index - b.index);
	}

	private settle(managed: Waiting, reference: ManagerReference): {manager: ManagerSource | undefined; issue?: RowIssue} {
		// Not held by any row by now, or `created` would have settled it: only a display name may tell.
		const invalid = this.invalidRows.get(reference.key);
		if (invalid !== undefined) return {manager: undefined, issue: warning(managed, `${managed.cell} is on row ${invalid}, which has errors`)};
		// As the directory is searched: an email or an id is nobody's display name.
		const holder = isNameLike(reference.asName) ? this.names.get(reference.name) : undefined;
		if (Array.isArray(holder)) return {manager: undefined, issue: warning(managed, `${managed.cell} is ambiguous: ${holder.length} users have that display name`)};
		if (typeof holder === 'string') return {manager: {userId: holder}};
		if (holder === managed.row) return {manager: undefined, issue: warning(managed, `${managed.cell} is this row's own user (a manager cycle)`)};
		if (holder !== undefined) return {manager: {row: holder}};
		return {manager: undefined, issue: warning(managed, `${managed.cell} is neither a JumpCloud user nor a row of this file`)};
	}

	/** Every cycle among the rows' managers, each as its rows in manager order (each row has one manager: a walk finds them). */
	private cycles(): number[][] {
		const found: number[][] = [];
		const state = new Map<number, 'walking' | 'done'>();
		for (const start of this.edges.keys()) {
			if (state.has(start)) continue;
			const walk: number[] = [];
			let at: number | undefined = start;
			while (at !== undefined && !state.has(at)) {
				state.set(at, 'walking');
				walk.push(at);
				at = this.edges.get(at)?.manager;
			}
			if (at !== undefined && state.get(at) === 'walking') found.push(walk.slice(walk.indexOf(at)));
			for (const row of walk) state.set(row, 'done');
		}
		return found;
	}

	/*
	 * The changes planning makes, each recorded as it is made (the values rows hold are in
	 * `fileRows`, in row order): a restore takes the table's rows before its row, and makes the rest
	 * of the record again in order (the live maps alone cannot tell a manager pending before a row
	 * from one a later row settled).
	 */

	private created(row: number, username: string, email: string, staffNumber: string | null, name: string | null): void {
		this.history.created(row, name);
		this.hold(username, row);
		this.hold(email, row);
		if (staffNumber) this.hold(staffNumber, row);
	}

	/**
	 * A row to create holds `key`, unless an earlier one does (usernames and emails are unique in a
	 * file, and never read as each other; an employee ID may read as a later row's username): the
	 * rows waiting for it have their manager now, as the whole file would give it.
	 */
	private hold(key: string, row: number): void {
		if (this.fileRows.get(key) !== -1) return;
		this.fileRows.add(key, row);
		const waiting = this.pending.get(key);
		if (!waiting) return;
		this.pending.delete(key);
		for (const managed of waiting) {
			// Its own employee ID (a username or an email was caught by `resolve`).
			if (managed.row === row) {
				this.settledEarly.push({index: managed.index, row, manager: undefined, issue: warning(managed, `${managed.cell} is this row's own user (a manager cycle)`)});
				continue;
			}
			this.edges.set(managed.row, {manager: row, index: managed.index, line: managed.line, column: managed.column, cell: managed.cell});
			this.settledEarly.push({index: managed.index, row: managed.row, manager: {row}});
		}
	}

	/** Its name is the user's: `finish` reads it from the record. */
	private skipped(row: number, userId: string, name: string): void {
		this.history.skipped(row, userId, name);
	}

	private invalid(row: number, username: string | null, email: string | null): void {
		this.history.invalid(row, username, email);
		this.applyInvalid(row, username, email);
	}

	private applyInvalid(row: number, username: string | null, email: string | null): void {
		if (username && !this.invalidRows.has(username)) this.invalidRows.set(username, row);
		if (email && !this.invalidRows.has(email)) this.invalidRows.set(email, row);
	}

	/** A row's manager: an earlier row (an edge), or one the whole file will tell (pending). */
	private managed(row: number, manager: number | undefined, index: number, line: number, column: string | null, cell: string): void {
		// A file that names no manager resolves none: kept as it was, nothing recorded.
		if (this.indexing) this.history.managed(row, manager, index, line, column, cell);
		this.applyManaged(row, manager, index, line, column, cell);
	}

	private applyManaged(row: number, manager: number | undefined, index: number, line: number, column: string | null, cell: string): void {
		if (manager === undefined) {
			const key = managerReference(cell).key;
			const waiting = this.pending.get(key);
			if (waiting) waiting.push({index, row, line, column, cell});
			else this.pending.set(key, [{index, row, line, column, cell}]);
		} else this.edges.set(row, {manager, index, line, column, cell});
	}

	/** `key` as nameKey gives it, not empty, and its own text. */
	private addName(key: string, holder: Holder) {
		const held = this.names.get(key);
		if (held === undefined) this.names.set(key, holder);
		else if (!Array.isArray(held)) {
			if (held !== holder) this.names.set(key, [held, holder]);
		} else if (!held.includes(holder)) held.push(holder);
	}
}

/** Whether a manager cell may be a display name (what `wantedBy` searches as one). */
export function isNameLike(text: string): boolean {
	return !text.includes('@') && !/^[0-9a-f]{24}$/.test(text);
}

function warning(managed: Pick<ManagedRow, 'row' | 'line' | 'column'>, why: string): RowIssue {
	return {row: managed.row, line: managed.line, column: managed.column, severity: 'warning', message: `${withoutManager}: ${why}`};
}

/** Whether an issue is one of these warnings (the results report repeats them for the rows created). */
export function isManagerWarning(issue: RowIssue): boolean {
	return issue.severity === 'warning' && issue.message.startsWith(`${withoutManager}:`);
}
