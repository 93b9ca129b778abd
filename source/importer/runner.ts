import type {JumpCloudClient} from '../jumpcloud/client.js';
import {JumpCloudError} from '../jumpcloud/errors.js';
import {redact} from '../lib/redact.js';
import {Breaker, type BreakerOptions} from './breaker.js';
import {CreateOnce, markInterrupted} from './create-once.js';
import {HardStop, Stopped} from './hard-stop.js';
import {JournalError, type Journal} from './journal.js';
import type {Pacer} from './pacer.js';
import type {ImportProgress, RowProgress} from './progress.js';
import {PlanFeed} from './plan-feed.js';
import {RowQueue} from './row-queue.js';
import {countRows, needsWork, stepsOf, type RunCounts} from './row-standing.js';
import {settledUserId, withSettled} from './settled-rows.js';
import {runRowStep} from './row-steps.js';
import {createRowUser} from './row-user.js';
import {now, RunRecorder} from './run-recorder.js';
import type {RunFailure, RunnerEvent} from './runner-events.js';
import type {RowPlan} from './row-plan.js';
import type {Claim} from './provenance.js';

// Imported from here by the wizard and the headless commands: the runner's words for a run.
export type {RunFailure, RunnerEvent} from './runner-events.js';
export type {RunCounts} from './row-standing.js';

export type RunnerOptions = {
	client: JumpCloudClient;
	/** The plan, whole or still being made. */
	rows: readonly RowPlan[] | PlanFeed;
	journal: Journal;
	progress: ImportProgress;
	pacer: Pacer;
	concurrency: number;
	/** Only rows that failed before are run again; the others are left as they are. */
	retryFailed?: boolean;
	/** A user found at create time that this import did not make: reported and left alone, or an error. */
	existing: 'skip' | 'fail';
	/** Another import in this home that holds a user as its own (none when not given). */
	claimOf?: (userId: string) => Claim | undefined;
	onEvent?: (event: RunnerEvent) => void;
	sleep?: (ms: number) => Promise<void>;
	breaker?: BreakerOptions;
};

/**
 * Runs an import's rows: each user created (never twice: after a lost answer, a lookup decides;
 * row-user.ts, create-once.ts), then its group memberships, device bindings and activation
 * (row-steps.ts, activation.ts), each step framed in the journal (run-recorder.ts). Rows run
 * `concurrency` at a time, every request paced by the adaptive pacer. This class holds the run's
 * course: its workers, pause, stop, and why it stopped on its own.
 */
export class ImportRunner {
	private readonly options: RunnerOptions;
	private readonly progress: Map<number, RowProgress>;
	private readonly feed: PlanFeed;
	private readonly queue: RowQueue;
	private readonly recorder: RunRecorder;
	private endedUnfinished = false;
	private stopping = false;
	private wakeStopped: (() => void) | undefined;
	private readonly stopped = new Promise<void>((resolve) => (this.wakeStopped = resolve));
	private readonly hardStop: HardStop;
	private pausedUntil: Promise<void> | undefined;
	private unpause: (() => void) | undefined;
	private readonly creator: CreateOnce;
	/** The journal could not be written (a full disk, say), or JumpCloud stopped answering: nothing more is sent. */
	private fatal: RunFailure | undefined;
	private readonly breaker: Breaker;

	constructor(options: RunnerOptions) {
		this.options = options;
		this.feed = options.rows instanceof PlanFeed ? options.rows : PlanFeed.of(options.rows);
		this.progress = options.progress.rows;
		this.recorder = new RunRecorder(options.journal, this.progress, options.onEvent);
		const {settled} = this.feed;
		// A row settled before this feed's first (a resume from a checkpoint) is known by the user it made.
		const userIdOf = (row: number) => this.progress.get(row)?.userId ?? (settled && row < settled.next.row ? settledUserId(settled, row) : undefined);
		this.queue = new RowQueue(this.feed, (row) => this.needsWork(row), userIdOf, (rows, toDo) => this.emit({type: 'planned', rows: rows + (settled?.counts.rows ?? 0), toDo}));
		this.hardStop = new HardStop(options.sleep);
		this.breaker = new Breaker(options.breaker);
		this.creator = new CreateOnce({
			client: options.client,
			journal: (record) => this.recorder.journal(record),
			claimOf: options.claimOf ?? (() => undefined),
			wait: (ms) => this.hardStop.wait(ms),
			signal: this.hardStop.signal,
		});
	}

	pause(): void {
		if (this.pausedUntil) return;
		this.pausedUntil = new Promise((resolve) => (this.unpause = resolve));
		this.emit({type: 'paused'});
	}

	resume(): void {
		if (!this.pausedUntil) return;
		this.unpause!();
		this.pausedUntil = undefined;
		this.emit({type: 'resumed'});
	}

	/** Graceful: rows in flight finish, no new row starts. Hard: requests in flight are abandoned (the journal says so). */
	stop(hard = false): void {
		if (!this.stopping || hard) this.emit({type: 'stopping', hard});
		this.stopping = true;
		this.wakeStopped?.();
		if (hard) this.hardStop.stop();
		this.resume();
	}

	async run(): Promise<RunCounts> {
		const {concurrency} = this.options;
		const {feed} = this;
		const planning = !feed.complete;
		this.emit({type: 'started', rows: feed.rows.length + (feed.settled?.counts.rows ?? 0), toDo: this.queue.toDoFrom(0), counts: this.counts(), retryFailed: this.options.retryFailed === true, ...(planning ? {planning: true as const} : {})});
		const unsubscribe = this.options.pacer.onChange((rate, refused) => refused && this.emit({type: 'throttled', rate}));
		const unwatch = this.options.client.http.onAttempt((event) => {
			const why = this.breaker.observe(event);
			// Abandoned requests stay unknown in the journal; a resume settles them by lookup.
			if (why) this.halt({message: why, remedy: 'once JumpCloud answers again'});
		});
		this.recorder.journal({t: 'run', at: now(), event: 'started', pid: process.pid, ...(this.options.retryFailed ? {retryFailed: true} : {})});
		markInterrupted(this.progress, (record) => this.recorder.journal(record));
		const worker = async () => {
			while (!this.stopping) {
				if (this.pausedUntil) await this.pausedUntil;
				if (this.stopping) break;
				const next = await this.queue.take(() => this.stopping, this.stopped);
				if (!next) {
					// The file could not be read to its end (or changed while it was): no new row starts; a resume takes it from here.
					if (feed.error) this.giveUp({message: feed.error.message, remedy: 'fix that, then'});
					break;
				}
				const {row} = next;
				// A row that came while the run was paused waits for the pause to end too.
				if (this.pausedUntil) await this.pausedUntil;
				try {
					await this.runRow(row);
				} catch (error) {
					if (error instanceof JournalError) {
						// Nothing unjournaled may be sent: stop at once; a resume settles what was in flight.
						this.halt({message: error.message, remedy: 'make room, then'});
						return;
					}
					if (error instanceof Stopped || this.hardStop.stopped) return;
					if (!(error instanceof JumpCloudError)) throw error;
					// A lookup that could not be made: nothing is journaled, so the row stays open and a
					// resume checks again, rather than risk a second create.
					this.emit({type: 'row-failed', row: row.row, username: row.username ?? '', step: 'create', error: `${redact(error.message, [row.body?.password])} (left open: resume to check again)`});
				} finally {
					// Not sent again in this run: its body (and password) goes.
					feed.release(next.index);
				}
			}
		};
		try {
			await Promise.all(Array.from({length: Math.max(1, concurrency)}, worker));
		} finally {
			feed.close();
			unsubscribe();
			unwatch();
			this.queue.releaseWaiting();
		}
		const counts = this.counts();
		// Rows left open (a lookup that could not be made), or not planned yet, keep the import unfinished: a resume settles them.
		const stopped = counts.remaining > 0 || !feed.complete || feed.error !== undefined;
		this.endedUnfinished = stopped;
		if (!this.hardStop.stopped) this.recorder.journal({t: 'run', at: now(), event: stopped ? 'stopped' : 'finished', pid: process.pid});
		this.emit({type: 'finished', stopped: stopped || this.fatal !== undefined, counts, ...(this.fatal ? {fatal: this.fatal.message} : {})});
		return counts;
	}

	/** The run ended with rows not done, or not yet planned: the import is unfinished (a resume goes on). */
	get unfinished(): boolean {
		return this.endedUnfinished;
	}

	/** Why the run had to stop on its own, if it did. */
	get failure(): RunFailure | undefined {
		return this.fatal;
	}

	private halt(failure: RunFailure) {
		this.fatal ??= failure;
		this.stop(true);
	}

	/** Stops as a graceful stop does (rows in flight finish), saying why. */
	private giveUp(failure: RunFailure) {
		this.fatal ??= failure;
		this.stop(false);
	}

	/** Where every row stands now. */
	counts(): RunCounts {
		return withSettled(countRows(this.feed.rows, (row) => this.progress.get(row), this.options.pacer.throttled), this.feed.settled);
	}

	private needsWork(row: RowPlan): boolean {
		return needsWork(row, this.progress.get(row.row), this.options.retryFailed === true);
	}

	private async runRow(row: RowPlan): Promise<void> {
		const progress = this.recorder.rowProgress(row.row);
		try {
			await this.runRowSteps(row, progress);
		} finally {
			this.queue.settle(row.row, progress.userId);
		}
	}

	private async runRowSteps(row: RowPlan, progress: RowProgress): Promise<void> {
		const username = row.username ?? '';
		if (row.action === 'skip') {
			this.recorder.skip(row, row.existingUserId, 'already exists in JumpCloud');
			return;
		}
		this.emit({type: 'row-started', row: row.row, username});
		let userId = progress.userId;
		if (!userId) {
			const {creator, recorder, queue, hardStop: stop} = this;
			userId = await createRowUser({creator, recorder, queue, stop, existing: this.options.existing}, row, progress);
			this.queue.settle(row.row, userId);
			if (!userId) return;
		}
		const deps = {client: this.options.client, recorder: this.recorder, stop: this.hardStop};
		for (const step of stepsOf(row)) {
			if (step === 'create' || progress.done.has(step)) continue;
			const ok = await runRowStep(deps, row, progress, step, userId);
			if (!ok) return;
		}
		this.emit({type: 'row-done', row: row.row, username, userId});
	}

	private emit(event: RunnerEvent) {
		this.recorder.emit(event);
	}
}
