import type {PlanFeed} from './plan-feed.js';
import type {RowPlan} from './row-plan.js';

/**
 * The rows a run takes, in file order, from a plan that may still be growing, managers before
 * their reports. A row whose manager is a row not settled yet (before or after it in the file) is
 * held back, not taken, so no worker waits on it and the rows in between go on; it is taken once
 * that row is settled (its user made, or none: then it is created without manager). A row whose
 * manager is not known yet (`pending`) is held until the plan revises it: once the later row that
 * holds its manager is planned, or the plan is whole. A row is taken
 * once; a row passed over (nothing to do, or not run in this run) is settled at once.
 */
export class RowQueue {
	private next = 0;
	private taken = 0;
	private heardWhole: boolean;
	/** Rows whose outcome in this run is known: their user, or none. */
	private readonly settled = new Set<number>();
	/** Rows taken and not settled yet. */
	private readonly running = new Set<number>();
	/** Rows waited for as a manager, by row. */
	private readonly waiting = new Map<number, {promise: Promise<string | undefined>; resolve: (userId: string | undefined) => void}>();
	/** Plan indexes held back until their manager's row (the key) is settled. */
	private readonly heldFor = new Map<number, number[]>();
	private held = 0;
	/** Plan indexes held back while their manager is pending: until a later row, the read ahead or the whole plan tells it. */
	private readonly pendingManager = new Set<number>();
	/** The rows held back were looked at again with the whole plan's managers. */
	private heldAgain = false;
	/** Plan indexes free to run, taken before the next row of the file. */
	private readonly ready: number[] = [];
	private wakeTake: (() => void) | undefined;
	private change: Promise<void> | undefined;
	/** Rows before this one were settled by earlier runs (a resume from a checkpoint): not this feed's to wait for. */
	private readonly firstRow: number;

	constructor(
		private readonly feed: PlanFeed,
		private readonly needsWork: (row: RowPlan) => boolean,
		/** The user a row has from an earlier run (or earlier in this one). */
		private readonly userIdOf: (row: number) => string | undefined,
		/** Hears, once, that a plan still being made when the run began is whole: rows in all, rows this run does. */
		private readonly onWhole: (rows: number, toDo: number) => void,
	) {
		this.heardWhole = feed.complete;
		this.firstRow = feed.settled?.next.row ?? 0;
	}

	/**
	 * The next row with work to do whose manager (if a row) is settled, waiting for the plan to grow
	 * or for a manager if need be; undefined at the end, when `stopped` says so (checked again
	 * whenever `wake` settles), or when the plan was cut short.
	 */
	async take(stopped: () => boolean, wake: Promise<void>): Promise<{row: RowPlan; index: number} | undefined> {
		const {feed} = this;
		for (;;) {
			if (stopped() || feed.error) return undefined;
			for (const index of feed.takeRevised()) this.lookAgain(index);
			if (feed.complete && !this.heldAgain) this.holdAgainOnceWhole();
			const free = this.ready.shift();
			if (free !== undefined) return this.hand(free);
			while (this.next < feed.rows.length) {
				const index = this.next++;
				const row = feed.rows[index]!;
				feed.takenUpTo(this.next);
				if (this.needsWork(row)) {
					this.taken++;
					if (this.holdBack(index)) continue;
					return this.hand(index);
				}
				this.settle(row.row, this.userIdOf(row.row));
				feed.release(index);
			}
			if (feed.complete) {
				if (!this.heardWhole) {
					this.heardWhole = true;
					this.onWhole(feed.rows.length, this.taken + this.toDoFrom(this.next));
				}
				if (this.held === 0) return undefined;
				// Nothing runs that could settle the rows held back (a cycle the plan did not break): they go without.
				if (this.running.size === 0) this.letHeldGo();
				if (this.ready.length > 0) continue;
				// A whole plan's `more` is settled already: only a settled row can free one held back.
				await Promise.race([wake, this.changed()]);
				continue;
			}
			await Promise.race([feed.more(), wake, this.changed()]);
		}
	}

	/** Rows from `index` on (planned so far) that this run has work for. */
	toDoFrom(index: number): number {
		let toDo = 0;
		const {rows} = this.feed;
		for (let at = index; at < rows.length; at++) if (this.needsWork(rows[at]!)) toDo++;
		return toDo;
	}

	/** The user of another row, once that row is settled in this run (undefined: it has none). */
	userOfRow(row: number): Promise<string | undefined> {
		const known = this.userIdOf(row);
		if (known || this.isSettled(row)) return Promise.resolve(known);
		let entry = this.waiting.get(row);
		if (!entry) {
			let resolve!: (userId: string | undefined) => void;
			const promise = new Promise<string | undefined>((done) => (resolve = done));
			this.waiting.set(row, (entry = {promise, resolve}));
		}
		return entry.promise;
	}

	settle(row: number, userId: string | undefined): void {
		this.running.delete(row);
		if (this.settled.has(row)) return;
		this.settled.add(row);
		const reports = this.heldFor.get(row);
		if (reports) {
			this.heldFor.delete(row);
			this.held -= reports.length;
			this.ready.push(...reports);
		}
		this.notifyChange();
		const entry = this.waiting.get(row);
		if (!entry) return;
		this.waiting.delete(row);
		entry.resolve(userId);
	}

	/** The run is over: rows that never started release anyone waiting for them. */
	releaseWaiting(): void {
		for (const [row, {resolve}] of this.waiting) resolve(this.userIdOf(row));
		this.waiting.clear();
		this.notifyChange();
	}

	private hand(index: number): {row: RowPlan; index: number} {
		const row = this.feed.rows[index]!;
		this.running.add(row.row);
		return {row, index};
	}

	/** Whether the row at `index` must wait (and is now held): its manager is pending, or a row not settled yet. */
	private holdBack(index: number): boolean {
		const {manager} = this.feed.rows[index]!;
		if (!manager) return false;
		if ('pending' in manager) {
			this.pendingManager.add(index);
			return true;
		}
		if (!('row' in manager) || this.isSettled(manager.row) || this.userIdOf(manager.row)) return false;
		const reports = this.heldFor.get(manager.row);
		if (reports) reports.push(index);
		else this.heldFor.set(manager.row, [index]);
		this.held++;
		return true;
	}

	private isSettled(row: number): boolean {
		return row < this.firstRow || this.settled.has(row);
	}

	/** A row the plan revised: if it was held for a pending manager, its manager is known now (it runs, or waits for that row). */
	private lookAgain(index: number) {
		if (this.pendingManager.delete(index) && !this.holdBack(index)) this.ready.push(index);
	}

	/**
	 * The plan is whole: the managers that waited for it are decided, and a manager cycle is broken
	 * where it closes, so a row held back for its manager may have none now. Every row held back is
	 * looked at again: each runs (before the next row of the file), or waits for its manager's row.
	 */
	private holdAgainOnceWhole() {
		this.heldAgain = true;
		const again = [...this.pendingManager, ...[...this.heldFor.values()].flat()].sort((a, b) => a - b);
		this.pendingManager.clear();
		this.heldFor.clear();
		this.held = 0;
		for (const index of again) if (!this.holdBack(index)) this.ready.push(index);
	}

	private letHeldGo() {
		for (const manager of [...this.heldFor.keys()]) this.settle(manager, undefined);
	}

	/** Settles when a row is settled (a row held back may be free). */
	private changed(): Promise<void> {
		this.change ??= new Promise((resolve) => (this.wakeTake = resolve));
		return this.change;
	}

	private notifyChange() {
		const wake = this.wakeTake;
		this.change = undefined;
		this.wakeTake = undefined;
		wake?.();
	}
}
