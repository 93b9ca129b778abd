import type {UserSummary} from '../jumpcloud/types.js';
import {detached} from '../lib/detached-text.js';
import {ValueTable} from '../lib/value-table.js';
import type {RowIssue} from '../users/row-issue.js';
import {LastHolders} from './last-holders.js';
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
 * a value is the one it names; else until no later row can hold it, since a display name is
 * settled by how many hold it. Which row that is, a read ahead of the file tells (`lookAhead`);
 * without one, only the whole file does. `finish` settles what is left, then breaks cycles.
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
	 * The directory's as they are read; the rows' once something asks (from `history`): at the read
	 * ahead, then as rows are planned, else when the plan is whole. A resume from a checkpoint does
	 * not build it for the rows before until then.
	 */
	private readonly names = new Map<string, Holder | Holder[]>();
	/** The last row of the file holding each value, once a read ahead tells it: pending managers are then settled as they can be. */
	private ahead: LastHolders | undefined;
	/** With `ahead`: the row after which a pending key is settled (every row holding what its cells name is planned by then). */
	private readonly dueAt = new Map<string, number>();
	/** The same, by row: the keys settled once it is planned (a key whose row moved on is skipped). */
	private readonly due = new Map<number, string[]>();
	/** The last row planned (-1 before any): a resume's rows before its checkpoint are not planned here. */
	private lastRow = -1;
	/**
	 * A resume's first row: the rows before it ran as planned then, so their managers matter only as
	 * edges that cycles may run through, which `finish` settles.
	 */
	private cut = 0;
	/** Rows whose directory holders were not looked up (a resume's finished rows): their managers wait for the whole directory (`listed`), else `finish`. */
	private readonly unlooked: Waiting[] = [];
	/** How many rows wait in `pending`. */
	private waitingRows = 0;
	/** Rows whose manager is a row of the file: row → its manager's row and where it was planned. */
	private readonly edges = new Map<number, {manager: number; index: number; line: number; column: string | null; cell: string}>();
	/** Rows whose manager waits, by the key their cell names (their cells copied off the file's chunks). */
	private readonly pending = new Map<string, Waiting[]>();
	/** Managers settled while planning went on (by a later row, or with `ahead`), not yet handed out (`decided`). */
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
		resolver.cut = snapshot.beforeRow;
		resolver.lastRow = snapshot.beforeRow - 1;
		if (!snapshot.indexing) {
			resolver.noManagersNamed();
			return resolver;
		}
		const {keys, hashes, numbers} = snapshot.fileRows;
		resolver.fileRows = ValueTable.restore(keys, hashes, numbers);
		// The rows with errors and the managers that were rows then; those pending then are left to `finish`
		// (they ran as they were planned: only the cycles they may close are wanted). The record goes on from the snapshot's.
		ManagerHistory.replay(snapshot, {
			created: () => {},
			skipped: () => {},
			invalid: resolver.applyInvalid.bind(resolver),
			managed: (row, manager, index, line, column, cell) => {
				if (manager !== undefined) resolver.applyManaged(row, manager, index, line, column, cell);
			},
		});
		resolver.history = ManagerHistory.of(snapshot);
		if (snapshot.ahead) resolver.lookAhead(LastHolders.restore(snapshot.ahead));
		return resolver;
	}

	/** What planning the rows before `beforeRow` left here, whatever was planned or finished since. */
	snapshot(beforeRow: number): ManagerSnapshot {
		return {...this.history.snapshot(beforeRow, this.indexing), fileRows: this.fileRows.prefix(beforeRow), ...(this.ahead ? {ahead: this.ahead.entriesFrom(beforeRow)} : {})};
	}

	/** Whether a read ahead's last holders are known (`lookAhead`, or a snapshot that kept them). */
	get looksAhead(): boolean {
		return this.ahead !== undefined;
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

	/**
	 * The manager of a row to create, as far as the rows so far tell; a warning when it names the row
	 * itself. `lookedUp`: whether the directory's users holding what it names are known (looked up or
	 * listed); if not (a resume's finished row, not run again), a pending manager waits for the whole
	 * directory (`listed`), else for `finish`, rather than being settled early without those users.
	 */
	resolve(managed: ManagedRow, lookedUp = true): {manager: ManagerSource | undefined; issue?: RowIssue} {
		const reference = managerReference(managed.cell);
		const userId = this.directoryUser(reference.key);
		if (userId) return {manager: {userId}};
		// An earlier row holding the value is the one it names, even when it is this row's own username too.
		const held = this.fileRows.get(reference.key);
		if (held === -1 && (reference.key === managed.username.toLowerCase() || reference.key === managed.email.toLowerCase())) {
			return {manager: undefined, issue: warning(managed, `${managed.cell} is this row's own user (a manager cycle)`)};
		}
		const earlier = held === -1 ? undefined : held;
		this.managed(managed.row, earlier, managed.index, managed.line, managed.column, detached(managed.cell), lookedUp);
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

	/**
	 * The last row holding each value a manager cell can name (a read ahead of the rest of the file):
	 * from now on a pending manager is settled once those rows are planned, as the whole file would
	 * settle it. Settled at once when they were planned before.
	 */
	lookAhead(holders: LastHolders): void {
		if (!this.indexing || this.ahead) return;
		this.ahead = holders;
		// The rows' names are compared from now on: those planned before go in now, the rest as they come.
		this.history.names((name, holder) => this.addName(name, holder));
		for (const [key, waiting] of this.pending) for (const managed of waiting) this.waitForHolders(key, managed.cell, this.lastRow);
		this.settleDue(this.lastRow);
	}

	/** The row was planned (whatever it became): the pending keys due after it are settled. */
	passed(row: number): void {
		this.lastRow = row;
		this.settleDue(row);
	}

	/** How many rows wait for a manager not settled yet. */
	get waiting(): number {
		return this.waitingRows;
	}

	/** The whole file is planned: every waiting manager settled, then every cycle broken where it closes. */
	finish(): ManagerChange[] {
		const changes = new Map<number, ManagerChange>();
		// Names settle the rows waiting, those left here, and a resume's rows before its cut that were waiting then.
		if ((this.pending.size > 0 || this.unlooked.length > 0 || this.cut > 0) && !this.ahead) this.history.names((name, holder) => this.addName(name, holder));
		for (const change of this.decided()) changes.set(change.row, change);
		for (const waiting of this.pending.values()) for (const managed of waiting) changes.set(managed.row, this.settled(managed));
		this.pending.clear();
		this.waitingRows = 0;
		for (const managed of this.unlooked) changes.set(managed.row, this.settledLeft(managed));
		this.unlooked.length = 0;
		if (this.cut > 0) {
			ManagerHistory.replay(this.history.snapshot(this.cut, this.indexing), {
				created: () => {},
				skipped: () => {},
				invalid: () => {},
				managed: (row, manager, index, line, column, cell) => manager === undefined && changes.set(row, this.settledLeft({index, row, line, column, cell})),
			});
		}
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

	/**
	 * Every user of the directory is known now (listed): the rows not looked up are settled as the
	 * others, by the first row holding their key, else once no later row can hold what they name.
	 */
	listed(): void {
		for (const managed of this.unlooked.splice(0)) {
			const holder = this.fileRows.get(managerReference(managed.cell).key);
			if (holder === -1) this.applyManaged(managed.row, undefined, managed.index, managed.line, managed.column, managed.cell, this.lastRow);
			else this.settledEarly.push(this.settledLeft(managed));
		}
		// Those whose last possible holder was planned before now.
		this.settleDue(this.lastRow);
	}

	/**
	 * A row whose manager was left to the end (not looked up, or before a resume's cut), as `hold`
	 * would have settled it (the first row holding its key), else as `settle` finds it.
	 */
	private settledLeft(managed: Waiting): ManagerChange {
		const holder = this.fileRows.get(managerReference(managed.cell).key);
		if (holder === managed.row) return {index: managed.index, row: managed.row, manager: undefined, issue: warning(managed, `${managed.cell} is this row's own user (a manager cycle)`)};
		if (holder === -1) return this.settled(managed);
		this.edges.set(managed.row, {manager: holder, index: managed.index, line: managed.line, column: managed.column, cell: managed.cell});
		return {index: managed.index, row: managed.row, manager: {row: holder}};
	}

	/** A waiting row's manager, once nothing can change it: an edge kept if it is a row. */
	private settled(managed: Waiting): ManagerChange {
		const {manager, issue} = this.settle(managed, managerReference(managed.cell));
		if (manager && 'row' in manager) this.edges.set(managed.row, {manager: manager.row, index: managed.index, line: managed.line, column: managed.column, cell: managed.cell});
		return {index: managed.index, row: managed.row, manager, ...(issue ? {issue} : {})};
	}

	private settleDue(row: number): void {
		const keys = this.due.get(row);
		if (!keys) return;
		this.due.delete(row);
		for (const key of keys) if (this.dueAt.get(key) === row) this.settleWaiting(key);
	}

	/** The rows waiting for `key` are settled now (`ahead` says no row still to plan holds what they name). */
	private settleWaiting(key: string): void {
		const waiting = this.pending.get(key);
		this.dueAt.delete(key);
		if (!waiting) return;
		this.pending.delete(key);
		this.waitingRows -= waiting.length;
		for (const managed of waiting) this.settledEarly.push(this.settled(managed));
	}

	/**
	 * With `ahead`: the rows waiting for `key` are settled after the last row holding it, or the
	 * display name `cell` gives (a key's cells may differ: a DN and its uid), and not before `row`.
	 */
	private waitForHolders(key: string, cell: string, row: number): void {
		const ahead = this.ahead!;
		const {name, asName} = managerReference(cell);
		const at = Math.max(row, ahead.lastRow(key), isNameLike(asName) ? ahead.lastRow(name) : -1);
		const before = this.dueAt.get(key);
		if (before !== undefined && before >= at) return;
		this.dueAt.set(key, at);
		const keys = this.due.get(at);
		if (keys) keys.push(key);
		else this.due.set(at, [key]);
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
		if (this.ahead && name) this.addName(name, row);
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
		this.dueAt.delete(key);
		this.waitingRows -= waiting.length;
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
		if (this.ahead) this.addName(name, userId);
	}

	private invalid(row: number, username: string | null, email: string | null): void {
		this.history.invalid(row, username, email);
		this.applyInvalid(row, username, email);
	}

	private applyInvalid(row: number, username: string | null, email: string | null): void {
		if (username && !this.invalidRows.has(username)) this.invalidRows.set(username, row);
		if (email && !this.invalidRows.has(email)) this.invalidRows.set(email, row);
	}

	/** A row's manager: an earlier row (an edge), or one a later row or the file will tell (pending; left to the end when not `lookedUp`). */
	private managed(row: number, manager: number | undefined, index: number, line: number, column: string | null, cell: string, lookedUp: boolean): void {
		// A file that names no manager resolves none: kept as it was, nothing recorded.
		if (this.indexing) this.history.managed(row, manager, index, line, column, cell);
		if (manager === undefined && !lookedUp) this.unlooked.push({index, row, line, column, cell});
		else this.applyManaged(row, manager, index, line, column, cell);
	}

	/** `settledAfter`: the row after which a pending manager may be settled, at the earliest (the row itself, when it is being planned). */
	private applyManaged(row: number, manager: number | undefined, index: number, line: number, column: string | null, cell: string, settledAfter = row): void {
		if (manager === undefined) {
			const key = managerReference(cell).key;
			const waiting = this.pending.get(key);
			if (waiting) waiting.push({index, row, line, column, cell});
			else this.pending.set(key, [{index, row, line, column, cell}]);
			this.waitingRows++;
			if (this.ahead) this.waitForHolders(key, cell, settledAfter);
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
