import {setMaxListeners} from 'node:events';
import {backoffDelay, lostAnswerBackoff, sleep} from '../jumpcloud/backoff.js';
import type {JumpCloudClient} from '../jumpcloud/client.js';
import {JumpCloudError} from '../jumpcloud/errors.js';
import type {UserCreate} from '../jumpcloud/types.js';
import {redact} from '../lib/redact.js';
import {Breaker, type BreakerOptions} from './breaker.js';
import {CreateOnce, markInterrupted, Stopped} from './create-once.js';
import {JournalError, type Journal, type JournalRecord, type Step} from './journal.js';
import type {Pacer} from './pacer.js';
import {applyRecord, newRowProgress, type ImportProgress, type RowProgress} from './progress.js';
import {PlanFeed} from './plan-feed.js';
import {withoutManagerRow} from './manager-notes.js';
import {isManagerWarning} from './manager-resolution.js';
import {RowQueue} from './row-queue.js';
import {countRows, needsWork, stepsOf, type RunCounts} from './row-standing.js';
import type {RowPlan} from './preflight.js';
import type {Claim} from './provenance.js';

export type RunnerEvent =
	/** `counts`: where every row stood before this run (a resume starts part way); `toDo` of them run now. */
	| {type: 'started'; rows: number; toDo: number; counts: RunCounts; retryFailed: boolean; planning?: true}
	/** A plan run while it was being made (`planning` at the start) is whole: `rows` in all, `toDo` of them in this run. */
	| {type: 'planned'; rows: number; toDo: number}
	| {type: 'row-started'; row: number; username: string}
	/** `note`: created without the manager the plan named (its row was not created). */
	| {type: 'row-created'; row: number; username: string; userId: string; reconciled: boolean; note?: string}
	| {type: 'row-skipped'; row: number; username: string; reason: string}
	| {type: 'row-failed'; row: number; username: string; step: Step; error: string}
	| {type: 'row-done'; row: number; username: string; userId: string}
	| {type: 'step-done'; row: number; step: Step}
	| {type: 'throttled'; rate: number}
	| {type: 'paused'}
	| {type: 'resumed'}
	| {type: 'stopping'; hard: boolean}
	| {type: 'finished'; stopped: boolean; counts: RunCounts; fatal?: string};

/** Why a run stopped on its own, and what to do before resuming it. */
export type RunFailure = {message: string; remedy: string};

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
 * The create schema, loaded when the runner module is: zod is a hundred modules, a tenth of a
 * second to load, so it loads while the plan and the directory are read rather than before.
 */
const createSchema = import('../users/user-schema.js').then((module) => module.userCreateSchema);

/**
 * Runs an import's rows: each user created (never twice: after a lost answer, a lookup decides),
 * then its group memberships, device bindings and activation, each step framed in the journal.
 * Rows run `concurrency` at a time, every request paced by the adaptive pacer.
 */
export class ImportRunner {
	private readonly options: RunnerOptions;
	private readonly progress: Map<number, RowProgress>;
	private readonly feed: PlanFeed;
	private readonly queue: RowQueue;
	private endedUnfinished = false;
	private stopping = false;
	private wakeStopped: (() => void) | undefined;
	private readonly stopped = new Promise<void>((resolve) => (this.wakeStopped = resolve));
	private readonly hardStop = new AbortController();
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
		const userIdOf = (row: number) => this.progress.get(row)?.userId;
		this.queue = new RowQueue(this.feed, (row) => this.needsWork(row), userIdOf, (rows, toDo) => this.emit({type: 'planned', rows, toDo}));
		// Every request in flight listens to the stop signal: many at once is expected, not a leak.
		setMaxListeners(0, this.hardStop.signal);
		this.breaker = new Breaker(options.breaker);
		this.creator = new CreateOnce({
			client: options.client,
			journal: (record) => this.journal(record),
			claimOf: options.claimOf ?? (() => undefined),
			wait: (ms) => this.wait(ms),
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
		if (hard) this.hardStop.abort(new Stopped('stopped'));
		this.resume();
	}

	async run(): Promise<RunCounts> {
		const {concurrency} = this.options;
		const {feed} = this;
		const planning = !feed.complete;
		this.emit({type: 'started', rows: feed.rows.length, toDo: this.queue.toDoFrom(0), counts: this.counts(), retryFailed: this.options.retryFailed === true, ...(planning ? {planning: true as const} : {})});
		const unsubscribe = this.options.pacer.onChange((rate, refused) => refused && this.emit({type: 'throttled', rate}));
		const unwatch = this.options.client.http.onAttempt((event) => {
			const why = this.breaker.observe(event);
			// Abandoned requests stay unknown in the journal; a resume settles them by lookup.
			if (why) this.halt({message: why, remedy: 'once JumpCloud answers again'});
		});
		this.journal({t: 'run', at: now(), event: 'started', pid: process.pid, ...(this.options.retryFailed ? {retryFailed: true} : {})});
		markInterrupted(this.progress, (record) => this.journal(record));
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
					if (error instanceof Stopped || this.hardStop.signal.aborted) return;
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
		if (!this.hardStop.signal.aborted) this.journal({t: 'run', at: now(), event: stopped ? 'stopped' : 'finished', pid: process.pid});
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
		return countRows(this.feed.rows, (row) => this.progress.get(row), this.options.pacer.throttled);
	}

	private needsWork(row: RowPlan): boolean {
		return needsWork(row, this.progress.get(row.row), this.options.retryFailed === true);
	}

	private async runRow(row: RowPlan): Promise<void> {
		const progress = this.rowProgress(row.row);
		try {
			await this.runRowSteps(row, progress);
		} finally {
			this.queue.settle(row.row, progress.userId);
		}
	}

	private async runRowSteps(row: RowPlan, progress: RowProgress): Promise<void> {
		const username = row.username ?? '';
		if (row.action === 'skip') {
			this.skip(row, row.existingUserId, 'already exists in JumpCloud');
			return;
		}
		this.emit({type: 'row-started', row: row.row, username});
		let userId = progress.userId;
		if (!userId) {
			userId = await this.createUser(row, progress);
			this.queue.settle(row.row, userId);
			if (!userId) return;
		}
		for (const step of stepsOf(row)) {
			if (step === 'create' || progress.done.has(step)) continue;
			const ok = await this.runStep(row, progress, step, userId);
			if (!ok) return;
		}
		this.emit({type: 'row-done', row: row.row, username, userId});
	}

	/** The row's user, created once (create-once.ts); undefined when it failed or exists already (journaled). */
	private async createUser(row: RowPlan, progress: RowProgress): Promise<string | undefined> {
		let body: UserCreate = row.body!;
		let note: string | undefined;
		// The queue holds such a row back until the plan is whole: never sent undecided (left open for a resume).
		if (row.manager && 'pending' in row.manager) return undefined;
		if (row.manager && 'row' in row.manager) {
			// Settled already (the queue hands a row out once its manager's row is): its user, or none.
			const managerId = await this.untilStopped(this.queue.userOfRow(row.manager.row));
			if (managerId) body = {...body, manager: managerId};
			else note = withoutManagerRow(row.manager.row);
		} else if (row.manager) {
			body = {...body, manager: row.manager.userId};
		}
		// The schema is the last word before anything is sent.
		const checked = (await createSchema).safeParse(body);
		if (!checked.success) {
			const problem = checked.error.issues[0]!;
			return this.fail(row, 'create', `${String(problem.path[0] ?? 'row')}: ${problem.path[0] === 'password' ? 'invalid password' : problem.message}`);
		}
		// A manager the plan could not tell (nobody, several people, a cycle) is said where the user is created.
		note ??= row.issues.filter(isManagerWarning).map((issue) => issue.message).join(' | ') || undefined;
		const result = await this.creator.create(row.row, body, progress);
		switch (result.kind) {
			case 'created':
				this.emit({type: 'row-created', row: row.row, username: row.username ?? '', userId: result.userId, reconciled: result.reconciled, ...(note ? {note} : {})});
				return result.userId;
			case 'exists': {
				// Made since the plan was checked, by someone else: the existing-users policy, as in preflight.
				const what = `already exists in JumpCloud (not created by this import: ${result.reason})`;
				if (this.options.existing === 'skip') this.skip(row, result.userId, what);
				else this.fail(row, 'create', `${row.username ?? ''} ${what}`, 'exists');
				return undefined;
			}
			case 'failed':
				return this.fail(row, 'create', result.error, result.errorKind);
		}
	}

	private skip(row: RowPlan, userId: string | undefined, reason: string) {
		const why = redact(reason, [row.body?.password]);
		this.journal({t: 'skipped', row: row.row, at: now(), reason: 'exists', ...(userId ? {userId} : {}), note: why});
		this.emit({type: 'row-skipped', row: row.row, username: row.username ?? '', reason: why});
	}

	private async runStep(row: RowPlan, progress: RowProgress, step: Step, userId: string): Promise<boolean> {
		const {client} = this.options;
		try {
			if (step === 'activate') return await this.activate(row, progress, userId);
			this.throwIfHardStopped();
			this.journal({t: 'intent', row: row.row, step, at: now()});
			if (step.startsWith('group:')) await client.groups.addUser(step.slice('group:'.length), userId);
			else if (step.startsWith('system:')) {
				const system = row.systems.find((each) => `system:${each.id}` === step)!;
				await client.systems.bindUser(system.id, userId, system.admin ? {enabled: true, withoutPassword: false} : undefined);
			}
			this.markDone(row, step);
			return true;
		} catch (error) {
			this.throwIfHardStopped();
			if (!(error instanceof JumpCloudError)) throw error;
			this.fail(row, step, error.message, error.kind);
			return false;
		}
	}

	/**
	 * Activation sends an email, so it is never sent twice: after a lost answer (or one sent before
	 * this run with no outcome) the user's state is read first; active means the email went out.
	 */
	private async activate(row: RowPlan, progress: RowProgress, userId: string): Promise<boolean> {
		const {client} = this.options;
		let unsure = progress.pending.has('activate') || progress.failed?.step === 'activate';
		for (let attempt = 1; ; attempt++) {
			if (unsure) {
				const user = await client.users.get(userId, ['state']);
				if (user.state === 'ACTIVATED') {
					this.markDone(row, 'activate', 'found active');
					return true;
				}
			}
			this.throwIfHardStopped();
			this.journal({t: 'intent', row: row.row, step: 'activate', at: now()});
			try {
				await client.users.activate(userId, row.activation ?? {kind: 'none'});
				this.markDone(row, 'activate');
				return true;
			} catch (error) {
				this.throwIfHardStopped();
				// A 2xx that could not be read (not JSON, cut off) may have activated the user too.
				const lost = error instanceof JumpCloudError && (error.unreadableSuccess || error.kind === 'timeout' || error.kind === 'network' || error.kind === 'server');
				// Sent again only after the state read proves it did not go through (the loop's head).
				if (!lost || attempt >= lostAnswerBackoff.maxAttempts) throw error;
				this.journal({t: 'lost', row: row.row, step: 'activate', at: now(), kind: error.kind, ...(error.status ? {status: error.status} : {})});
				unsure = true;
				await this.wait(backoffDelay(attempt, lostAnswerBackoff));
			}
		}
	}

	private markDone(row: RowPlan, step: Step, note?: string) {
		this.journal({t: 'done', row: row.row, step, at: now(), ...(note ? {note} : {})});
		this.emit({type: 'step-done', row: row.row, step});
	}

	private fail(row: RowPlan, step: Step, text: string, kind?: string): undefined {
		// Any answer may quote the row's password back (not only the create's): it never reaches the journal.
		const error = redact(text, [row.body?.password]);
		this.journal({t: 'failed', row: row.row, step, at: now(), error, ...(kind ? {kind} : {})});
		this.emit({type: 'row-failed', row: row.row, username: row.username ?? '', step, error});
		return undefined;
	}

	private rowProgress(row: number): RowProgress {
		let progress = this.progress.get(row);
		if (!progress) this.progress.set(row, (progress = newRowProgress(row)));
		return progress;
	}

	/** Every line goes to the journal first, then means for the row what it means on replay. */
	private journal(record: JournalRecord) {
		this.options.journal.append(record);
		if (record.t !== 'run') applyRecord(this.progress, record);
	}

	private emit(event: RunnerEvent) {
		this.options.onEvent?.(event);
	}

	/** The promise, or a Stopped error as soon as a hard stop comes. */
	private untilStopped<T>(promise: Promise<T>): Promise<T> {
		const signal = this.hardStop.signal;
		if (signal.aborted) return Promise.reject(new Stopped('stopped'));
		return new Promise<T>((resolve, reject) => {
			const onAbort = () => reject(new Stopped('stopped'));
			signal.addEventListener('abort', onAbort, {once: true});
			promise.then(
				(value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
				(error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
			);
		});
	}

	private throwIfHardStopped() {
		if (this.hardStop.signal.aborted) throw new Stopped('stopped');
	}

	private async wait(ms: number) {
		if (this.options.sleep) return this.options.sleep(ms);
		await sleep(ms, this.hardStop.signal);
	}
}

const now = () => new Date().toISOString();
