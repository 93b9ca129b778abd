import type {RowStep} from './journal.js';
import type {RunCounts, RunnerEvent} from './runner.js';

export type RunState = 'running' | 'paused' | 'throttled' | 'stopping' | 'stopping-hard' | 'finished' | 'stopped';

/** A row this run finished with, newest last in `recent`. */
export type FinishedRow = {row: number; username: string; outcome: 'created' | 'skipped' | 'failed'; detail: string};
export type FailedRow = {row: number; username: string; step: RowStep; error: string};

export type ProgressSnapshot = {
	/** Every row of the import (earlier runs included); `toDo`: rows this run took on; `throttled`: slow-downs after a 429 in this run. */
	counts: RunCounts & {toDo: number};
	state: RunState;
	/**
	 * Rows finished (created, skipped or failed) per second over the last ~10 s of running; 0 when
	 * none. Paused time does not count: while paused the rate (and the ETA) hold still.
	 */
	rate: number;
	/** Seconds left at that rate; undefined without a rate, and once the run is over. */
	etaSeconds: number | undefined;
	/** The steps after a create done in this run: group memberships, device bindings, activations. */
	steps: StepCounts;
	/** Since the run started; frozen when it ends. */
	elapsedMs: number;
	inFlight: number;
	/** The last rows finished, oldest first (at most `recentSize`). */
	recent: readonly FinishedRow[];
	/** Rows failed in this run, the first `failedKept` of them; `failedCount` is exact. */
	failed: readonly FailedRow[];
	failedCount: number;
	/** The request rate the pacer settled at after the last 429, if any. */
	pacedAt: number | undefined;
};

export type StepCounts = {memberships: number; bindings: number; activated: number};

export type TrackerOptions = {now?: () => number; recentSize?: number; failedKept?: number; windowMs?: number; throttledForMs?: number};

const zero: RunCounts = {rows: 0, created: 0, usersCreated: 0, skipped: 0, failed: 0, invalid: 0, remaining: 0, throttled: 0};

/**
 * Folds the runner's events into what the progress screen shows, for the UI to read a few times a
 * second. O(1) per event (an import emits several per row), and every array it hands out is bounded.
 * Earlier runs' rows come from the `started` event's counts, so a resume shows the whole import.
 */
export class ProgressTracker {
	private readonly now: () => number;
	private readonly recentSize: number;
	private readonly failedKept: number;
	private readonly windowMs: number;
	private readonly throttledForMs: number;
	private base: RunCounts = {...zero};
	private toDo = 0;
	private run = {created: 0, usersCreated: 0, skipped: 0, failed: 0, throttled: 0};
	private final: RunCounts | undefined;
	private startedAt: number | undefined;
	private endedAt: number | undefined;
	private paused = false;
	/** Since when the run is paused (undefined while it runs), and how long it was paused before. */
	private pausedAt: number | undefined;
	private pausedMs = 0;
	private readonly steps: StepCounts = {memberships: 0, bindings: 0, activated: 0};
	private stepsView: StepCounts = {memberships: 0, bindings: 0, activated: 0};
	private stopping: 'no' | 'graceful' | 'hard' = 'no';
	private ended: 'finished' | 'stopped' | undefined;
	private throttledAt = Number.NEGATIVE_INFINITY;
	private pacedAt: number | undefined;
	private readonly inFlight = new Set<number>();
	/** When each row finished, oldest first from `head`: the rate's sliding window. */
	private finishes: number[] = [];
	private head = 0;
	/** A ring of the last rows finished; `ringNext` counts every row ever put in. */
	private readonly ring: FinishedRow[] = [];
	private ringNext = 0;
	private readonly failedRows: FailedRow[] = [];
	private failedView: readonly FailedRow[] = [];

	constructor(options: TrackerOptions = {}) {
		this.now = options.now ?? Date.now;
		this.recentSize = options.recentSize ?? 50;
		this.failedKept = options.failedKept ?? 1000;
		this.windowMs = options.windowMs ?? 10_000;
		this.throttledForMs = options.throttledForMs ?? 5000;
	}

	track(event: RunnerEvent, at = this.now()): void {
		switch (event.type) {
			case 'started':
				this.startedAt = at;
				this.toDo = event.toDo;
				// The rows this run takes on leave the bucket they were in: open rows, or failed ones on a retry.
				this.base = {...event.counts};
				if (event.retryFailed) this.base.failed = Math.max(0, this.base.failed - event.toDo);
				else this.base.remaining = Math.max(0, this.base.remaining - event.toDo);
				this.base.rows = event.rows;
				this.base.throttled = 0;
				break;
			case 'row-started':
				this.inFlight.add(event.row);
				break;
			case 'row-created':
				this.run.usersCreated++;
				break;
			case 'row-done':
				this.run.created++;
				this.finish(at, {row: event.row, username: event.username, outcome: 'created', detail: event.userId});
				break;
			case 'row-skipped':
				this.run.skipped++;
				this.finish(at, {row: event.row, username: event.username, outcome: 'skipped', detail: event.reason});
				break;
			case 'row-failed':
				this.run.failed++;
				if (this.failedRows.length < this.failedKept) {
					this.failedRows.push({row: event.row, username: event.username, step: event.step, error: event.error});
				}
				this.finish(at, {row: event.row, username: event.username, outcome: 'failed', detail: event.error});
				break;
			case 'throttled':
				this.run.throttled++;
				this.throttledAt = at;
				this.pacedAt = event.rate;
				break;
			case 'paused':
				this.paused = true;
				this.pausedAt ??= at;
				break;
			case 'resumed':
				this.paused = false;
				this.unpause(at);
				break;
			case 'stopping':
				this.stopping = event.hard || this.stopping === 'hard' ? 'hard' : 'graceful';
				break;
			case 'finished':
				this.ended = event.stopped ? 'stopped' : 'finished';
				this.unpause(at);
				this.endedAt = at;
				// The runner's own count is the last word (a row left open is not failed, say).
				this.final = event.counts;
				this.inFlight.clear();
				break;
			case 'step-done':
				if (event.step.startsWith('group:')) this.steps.memberships++;
				else if (event.step.startsWith('system:')) this.steps.bindings++;
				else if (event.step === 'activate') this.steps.activated++;
				break;
		}
	}

	snapshot(now = this.now()): ProgressSnapshot {
		const until = this.endedAt ?? now;
		const counts = this.counts();
		const rate = this.rate(this.running(until));
		const {steps} = this;
		if (steps.memberships !== this.stepsView.memberships || steps.bindings !== this.stepsView.bindings || steps.activated !== this.stepsView.activated) this.stepsView = {...steps};
		// Copied only when it grew, so an unchanged list keeps its identity between snapshots.
		const failed = this.failedView.length === this.failedRows.length ? this.failedView : (this.failedView = [...this.failedRows]);
		return {
			counts,
			state: this.state(now),
			rate,
			etaSeconds: rate > 0 && !this.ended ? counts.remaining / rate : undefined,
			steps: this.stepsView,
			elapsedMs: this.startedAt === undefined ? 0 : Math.max(0, until - this.startedAt),
			inFlight: this.inFlight.size,
			recent: this.recent(),
			failed,
			failedCount: this.run.failed,
			pacedAt: this.pacedAt,
		};
	}

	private counts(): RunCounts & {toDo: number} {
		const {base, run} = this;
		if (this.final) return {...this.final, throttled: run.throttled, toDo: this.toDo};
		return {
			rows: base.rows,
			toDo: this.toDo,
			created: base.created + run.created,
			usersCreated: base.usersCreated + run.usersCreated,
			skipped: base.skipped + run.skipped,
			failed: base.failed + run.failed,
			invalid: base.invalid,
			remaining: Math.max(0, base.remaining + this.toDo - run.created - run.skipped - run.failed),
			throttled: run.throttled,
		};
	}

	private state(now: number): RunState {
		if (this.ended) return this.ended;
		if (this.stopping === 'hard') return 'stopping-hard';
		if (this.stopping === 'graceful') return 'stopping';
		if (this.paused) return 'paused';
		return now - this.throttledAt < this.throttledForMs ? 'throttled' : 'running';
	}

	private finish(at: number, row: FinishedRow): void {
		this.inFlight.delete(row.row);
		this.ring[this.ringNext % this.recentSize] = row;
		this.ringNext++;
		const running = this.running(at);
		this.finishes.push(running);
		this.prune(running);
	}

	private unpause(at: number): void {
		if (this.pausedAt === undefined) return;
		this.pausedMs += Math.max(0, at - this.pausedAt);
		this.pausedAt = undefined;
	}

	/**
	 * The clock the rate is measured on: time spent running, paused time left out. It stands still
	 * while paused, so the rate and ETA do not decay, and goes on from there when resumed.
	 */
	private running(at: number): number {
		return (this.pausedAt === undefined ? at : Math.min(at, this.pausedAt)) - this.pausedMs;
	}

	/** Finishes per second within the window (or since the start, when that is shorter; at least 1 s), on the running clock. */
	private rate(now: number): number {
		if (this.startedAt === undefined) return 0;
		this.prune(now);
		const count = this.finishes.length - this.head;
		if (count === 0) return 0;
		const span = Math.max(1000, Math.min(this.windowMs, now - this.startedAt));
		return count / (span / 1000);
	}

	private prune(now: number): void {
		const from = now - this.windowMs;
		while (this.head < this.finishes.length && this.finishes[this.head]! <= from) this.head++;
		// Drop the consumed front now and then, not on every event.
		if (this.head > 1024 && this.head * 2 > this.finishes.length) {
			this.finishes = this.finishes.slice(this.head);
			this.head = 0;
		}
	}

	private recent(): FinishedRow[] {
		const size = Math.min(this.ringNext, this.recentSize);
		const first = this.ringNext - size;
		return Array.from({length: size}, (_, offset) => this.ring[(first + offset) % this.recentSize]!);
	}
}
