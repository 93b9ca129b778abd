import type {RowPlan} from './preflight.js';

/**
 * A plan's rows as they are made. Rows are planned in file order and each depends only on the
 * directory and on earlier rows (a manager on an earlier row), so a big file's import can start
 * while its later rows are still being read: the runner takes rows as they come. A plan made
 * whole first (the wizard's preview, a confirmed run) is a feed complete from the start.
 */
export class PlanFeed {
	private readonly planned: RowPlan[] = [];
	private ended = false;
	private failure: Error | undefined;
	private wake: (() => void) | undefined;
	private arrival: Promise<void> | undefined;

	/** A whole plan. */
	static of(rows: readonly RowPlan[]): PlanFeed {
		const feed = new PlanFeed();
		feed.planned.push(...rows);
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

	push(row: RowPlan): void {
		if (this.ended) throw new Error('A row was planned after the plan ended.');
		this.planned.push(row);
		this.notify();
	}

	/** No more rows: the plan is whole, or, with an error, cut short (the import then stops for a resume). */
	end(error?: Error): void {
		if (this.ended) return;
		this.ended = true;
		this.failure = error;
		this.notify();
	}

	/** Settles when a row is added or the plan ends (at once when it has ended). */
	more(): Promise<void> {
		if (this.ended) return Promise.resolve();
		this.arrival ??= new Promise((resolve) => (this.wake = resolve));
		return this.arrival;
	}

	private notify() {
		const wake = this.wake;
		this.arrival = undefined;
		this.wake = undefined;
		wake?.();
	}
}
