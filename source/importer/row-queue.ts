import type {PlanFeed} from './plan-feed.js';
import type {RowPlan} from './preflight.js';

/**
 * The rows a run takes, in file order, from a plan that may still be growing; and the rows that
 * wait for an earlier row's user (their manager). A row is taken once; a row passed over (nothing
 * to do, or not run in this run) is settled at once, so nobody waits for it.
 */
export class RowQueue {
	private next = 0;
	private taken = 0;
	private heardWhole: boolean;
	/** Rows whose outcome in this run is known: their user, or none. */
	private readonly settled = new Set<number>();
	/** Rows waited for as a manager, by row. */
	private readonly waiting = new Map<number, {promise: Promise<string | undefined>; resolve: (userId: string | undefined) => void}>();

	constructor(
		private readonly feed: PlanFeed,
		private readonly needsWork: (row: RowPlan) => boolean,
		/** The user a row has from an earlier run (or earlier in this one). */
		private readonly userIdOf: (row: number) => string | undefined,
		/** Hears, once, that a plan still being made when the run began is whole: rows in all, rows this run does. */
		private readonly onWhole: (rows: number, toDo: number) => void,
	) {
		this.heardWhole = feed.complete;
	}

	/**
	 * The next row with work to do, waiting for the plan to grow if need be; undefined at the end,
	 * when `stopped` says so (checked again whenever `wake` settles), or when the plan was cut short.
	 */
	async take(stopped: () => boolean, wake: Promise<void>): Promise<{row: RowPlan; index: number} | undefined> {
		const {feed} = this;
		for (;;) {
			if (stopped() || feed.error) return undefined;
			while (this.next < feed.rows.length) {
				const index = this.next++;
				const row = feed.rows[index]!;
				feed.takenUpTo(this.next);
				if (this.needsWork(row)) {
					this.taken++;
					return {row, index};
				}
				this.settle(row.row, this.userIdOf(row.row));
				feed.release(index);
			}
			if (feed.complete) {
				if (!this.heardWhole) {
					this.heardWhole = true;
					this.onWhole(feed.rows.length, this.taken + this.toDoFrom(this.next));
				}
				return undefined;
			}
			await Promise.race([feed.more(), wake]);
		}
	}

	/** Rows from `index` on (planned so far) that this run has work for. */
	toDoFrom(index: number): number {
		let toDo = 0;
		const {rows} = this.feed;
		for (let at = index; at < rows.length; at++) if (this.needsWork(rows[at]!)) toDo++;
		return toDo;
	}

	/** The user of an earlier row, once that row is settled in this run (undefined: it has none). */
	userOfRow(row: number): Promise<string | undefined> {
		const known = this.userIdOf(row);
		if (known || this.settled.has(row)) return Promise.resolve(known);
		let entry = this.waiting.get(row);
		if (!entry) {
			let resolve!: (userId: string | undefined) => void;
			const promise = new Promise<string | undefined>((done) => (resolve = done));
			this.waiting.set(row, (entry = {promise, resolve}));
		}
		return entry.promise;
	}

	settle(row: number, userId: string | undefined): void {
		if (this.settled.has(row)) return;
		this.settled.add(row);
		const entry = this.waiting.get(row);
		if (!entry) return;
		this.waiting.delete(row);
		entry.resolve(userId);
	}

	/** The run is over: rows that never started release anyone waiting for them. */
	releaseWaiting(): void {
		for (const [row, {resolve}] of this.waiting) resolve(this.userIdOf(row));
		this.waiting.clear();
	}
}
