import {detached} from '../lib/detached-text.js';
import type {RowPlan} from './row-plan.js';
import type {SettledRows} from './settled-rows.js';

/** Rows planned ahead of the run at most, while a file is read: enough to keep every worker busy, few enough to hold little. */
export const plannedAhead = 500;

/**
 * A plan's rows as they are made. Rows are planned in file order and each depends only on the
 * directory and on earlier rows, so a big file's import can start while its later rows are still
 * being read: the runner takes rows as they come, and the reading waits (`room`) while it is far
 * ahead. A manager named by a later row is known once that row is planned, one named by display
 * name once no later row can hold it (a read ahead tells; else the end of the file): till then the
 * row is pending (the run holds it back), then it is `revise`d.
 * A plan made whole first (the wizard's preview, a confirmed run) is a feed complete from the start.
 * A resume from a checkpoint plans only the rows after those settled before (`settled`): its rows
 * begin there, and places in the file's plan (`revise`) count the settled rows too.
 */
export class PlanFeed {
	private ended = false;
	private closed = false;
	private failure: Error | undefined;
	/** Rows the run has taken. */
	private taken = 0;
	private wakeRun: (() => void) | undefined;
	private arrival: Promise<void> | undefined;
	private wakeReader: (() => void) | undefined;
	private space: Promise<void> | undefined;
	/** Places in this feed of rows revised since the run last looked (`takeRevised`). */
	private revised: number[] = [];

	/** A feed that starts empty (after the rows `settled` before, if given), or (`of`) with a whole plan's rows. */
	constructor(
		private readonly planned: RowPlan[] = [],
		readonly settled?: SettledRows,
	) {}

	/** The place in the file's plan of this feed's first row. */
	get first(): number {
		return this.settled?.next.index ?? 0;
	}

	/** A whole plan (copied: a run forgets finished rows' bodies in its own list, not the caller's). */
	static of(rows: readonly RowPlan[]): PlanFeed {
		// slice, not push(...rows): a call with 150,000 arguments overflows the stack.
		const feed = new PlanFeed(rows.slice());
		feed.ended = true;
		return feed;
	}

	/** The rows planned so far, in file order. */
	get rows(): readonly RowPlan[] {
		return this.planned;
	}

	/** Every row is planned (or planning failed: see `error`). */
	get complete(): boolean {
		return this.ended;
	}

	/** Why planning stopped before the end of the file, if it did. */
	get error(): Error | undefined {
		return this.failure;
	}

	/** The run is over: no row planned from now on would be run. */
	get isClosed(): boolean {
		return this.closed;
	}

	push(row: RowPlan): void {
		if (this.ended) throw new Error('A row was planned after the plan ended.');
		this.planned.push(row);
		this.notifyRun();
	}

	/**
	 * A row's plan decided again (its manager, once a later row or the whole plan tells it), over
	 * whatever the run kept of it, by its place in the file's plan. Before `end`. A settled row is
	 * not: it ran as planned then.
	 */
	revise(place: number, revise: (row: RowPlan) => RowPlan): void {
		if (this.ended) throw new Error('A row was revised after the plan ended.');
		const index = place - this.first;
		if (index < 0) return;
		this.planned[index] = revise(this.planned[index]!);
		this.revised.push(index);
		this.notifyRun();
	}

	/** The rows revised since the last call, by their index in `rows`: a run holding one back looks at it again. */
	takeRevised(): number[] {
		const revised = this.revised;
		if (revised.length > 0) this.revised = [];
		return revised;
	}

	/** No more rows: the plan is whole, or, with an error, cut short (the import then stops for a resume). */
	end(error?: Error): void {
		if (this.ended) return;
		this.ended = true;
		this.failure = error;
		this.notifyRun();
	}

	/** Settles when a row is added or the plan ends (at once when it has ended). */
	more(): Promise<void> {
		if (this.ended) return Promise.resolve();
		this.arrival ??= new Promise((resolve) => (this.wakeRun = resolve));
		return this.arrival;
	}

	/** The run has taken the rows before `index`. */
	takenUpTo(index: number): void {
		this.taken = index;
		if (this.planned.length - this.taken < plannedAhead) this.notifyReader();
	}

	/** The run is over (finished or stopped): the reading stops waiting for room. */
	close(): void {
		this.closed = true;
		this.notifyReader();
	}

	/** Settles when the plan is not too far ahead of the run (or the run is over). */
	room(): Promise<void> {
		if (this.closed || this.planned.length - this.taken < plannedAhead) return Promise.resolve();
		this.space ??= new Promise((resolve) => (this.wakeReader = resolve));
		return this.space;
	}

	/**
	 * The row at `index` has run, or will not run: what the reports need is kept (not the create body, which may
	 * hold a password), in text of its own rather than views into the file's chunks.
	 */
	release(index: number): void {
		const row = this.planned[index];
		if (!row?.body) return;
		const {body: _, ...kept} = row;
		this.planned[index] = {
			...kept,
			...(kept.username === undefined ? {} : {username: detached(kept.username)}),
			...(kept.email === undefined ? {} : {email: detached(kept.email)}),
			...(kept.emailSent ? {emailSent: {...kept.emailSent, to: detached(kept.emailSent.to)}} : {}),
		};
	}

	private notifyRun() {
		const wake = this.wakeRun;
		this.arrival = undefined;
		this.wakeRun = undefined;
		wake?.();
	}

	private notifyReader() {
		const wake = this.wakeReader;
		this.space = undefined;
		this.wakeReader = undefined;
		wake?.();
	}
}
