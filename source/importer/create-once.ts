import {backoffDelay, lostAnswerBackoff, type BackoffPolicy} from '../jumpcloud/backoff.js';
import type {JumpCloudClient} from '../jumpcloud/client.js';
import {JumpCloudError} from '../jumpcloud/errors.js';
import type {SystemUser, UserCreate} from '../jumpcloud/types.js';
import {Stopped} from './hard-stop.js';
import type {JournalRecord} from './journal.js';
import type {RowProgress} from './progress.js';
import {fingerprint, judgeFound, type Claim} from './provenance.js';

/**
 * The rule the whole tool rests on: a row's user is created at most once, and a user is taken as
 * this import's only when it provably is.
 *
 * A create is never sent again blind. When its answer is lost (timeout, dropped connection, 5xx)
 * the user is looked up first; a user found is this import's only by provenance (provenance.ts),
 * else it is someone else's and the existing-users policy decides. Every step is journaled before
 * and after, so a process killed at any instant resumes to the same decisions.
 */

export type CreateResult =
	| {kind: 'created'; userId: string; reconciled: boolean}
	/** A user with the row's username or email exists and this import did not make it. */
	| {kind: 'exists'; userId: string; reason: string}
	| {kind: 'failed'; error: string; errorKind?: string};

export type CreateOnceDeps = {
	client: JumpCloudClient;
	/** Appends the line to the journal and applies it to the row's progress (progress.ts applyRecord). */
	journal: (record: JournalRecord) => void;
	/** Another import in this home that holds the user as its own. */
	claimOf: (userId: string) => Claim | undefined;
	wait: (ms: number) => Promise<void>;
	/** A hard stop: requests in flight are abandoned, and their outcome stays unknown in the journal. */
	signal: AbortSignal;
};

/**
 * A create refused outright (429; the HTTP core never resends a create) is sent again after the
 * shared backoff: the server's Retry-After, else about a second, both with jitter so rows refused
 * together do not come back together. 30 refusals in a row and the row fails (the pacer slows
 * down long before).
 */
const refusedCreateBackoff: BackoffPolicy = {maxAttempts: 30, baseDelayMs: 1000, maxDelayMs: 2000};

export class CreateOnce {
	constructor(private readonly deps: CreateOnceDeps) {}

	/** Creates the row's user, or settles that it exists; the journal records every step. */
	async create(row: number, body: UserCreate, progress: RowProgress): Promise<CreateResult> {
		const identity = {username: body.username, email: body.email};
		// Creates of this row with an unknown outcome (earlier runs, or a crash): look before sending.
		if (progress.attempts.length > 0) {
			const settled = await this.settle(row, identity, progress);
			if (settled) return settled;
		}
		const fp = fingerprint(body);
		let refusals = 0;
		for (let attempt = 1; ; attempt++) {
			this.throwIfStopped();
			// The intent is written when the request really leaves (after the pacer's wait), so the
			// attempt's window starts at its send, and a request never sent leaves no attempt behind.
			const intend = () => {
				const {low, high} = this.deps.client.http.clock.offset();
				this.record({t: 'intent', row, step: 'create', at: now(), username: body.username, email: body.email, fp, clock: [Math.floor(low), Math.ceil(high)]});
			};
			try {
				const user = await this.deps.client.users.create(body, this.deps.signal, intend);
				if (typeof user?._id !== 'string' || user._id === '') {
					// Made, but with no id to undo it by: the lookup below settles it like a lost answer.
					throw new JumpCloudError({kind: 'server', message: "JumpCloud answered the create without the new user's id.", method: 'POST', path: '/api/systemusers'});
				}
				return this.recordCreated(row, user, undefined);
			} catch (error) {
				this.throwIfStopped();
				if (!(error instanceof JumpCloudError)) throw error;
				if (error.kind === 'rate-limited') {
					// Refused outright: nothing was created. Wait as told, then send again; but not forever.
					this.record({t: 'refused', row, step: 'create', at: now()});
					if (++refusals >= refusedCreateBackoff.maxAttempts) return {kind: 'failed', error: `JumpCloud refused this create ${refusedCreateBackoff.maxAttempts} times in a row (429); run the failed rows again later.`, errorKind: error.kind};
					await this.deps.wait(backoffDelay(refusals, refusedCreateBackoff, error.retryAfterMs));
					attempt--;
					continue;
				}
				if (error.kind === 'timeout' || error.kind === 'network' || error.kind === 'server') {
					// The answer is lost: the user may exist. Never send again before looking.
					this.record({t: 'lost', row, step: 'create', at: now(), kind: error.kind, ...(error.status ? {status: error.status} : {})});
					const settled = await this.settle(row, identity, progress);
					if (settled) return settled;
					// Re-sent only after the lookup proved the lost create made nothing.
					if (attempt < lostAnswerBackoff.maxAttempts) {
						await this.deps.wait(backoffDelay(attempt, lostAnswerBackoff));
						continue;
					}
					return {kind: 'failed', error: error.message, errorKind: error.kind};
				}
				// Answered outright: this attempt made nothing.
				this.record({t: 'refused', row, step: 'create', at: now()});
				// JumpCloud's words for a duplicate are not documented ("User already exists or Bad
				// Request"): any 400 or 409 is looked up, and a user holding the username or email decides.
				if (error.kind === 'already-exists' || error.kind === 'validation' || error.kind === 'conflict') {
					const why = error.kind === 'already-exists' ? '' : ` (JumpCloud's answer: ${error.serverMessage ?? error.message})`;
					const settled = await this.settle(row, identity, progress, `it was there already when this import's create arrived${why}`);
					if (settled) return settled;
				}
				return {kind: 'failed', error: error.message, errorKind: error.kind};
			}
		}
	}

	/**
	 * Looks the row's user up by username and email. Found and provably this import's: recorded as
	 * created. Found otherwise: someone else's, with the reason. Not found: undefined, and nothing
	 * journaled: the attempts stay on record, as a late commit may still follow.
	 */
	async settle(row: number, identity: {username?: string; email?: string}, progress: RowProgress, noAttemptsReason?: string): Promise<CreateResult | undefined> {
		const user = await this.find(identity);
		if (!user) return undefined;
		if (progress.attempts.length === 0) return {kind: 'exists', userId: user._id, reason: noAttemptsReason ?? 'this import never sent a create that could have made it'};
		const verdict = judgeFound(user, {fingerprint: progress.fingerprint, attempts: progress.attempts, claim: this.deps.claimOf(user._id)});
		if (!verdict.ours) {
			// Settled: the username or email is someone else's, so none of this row's creates made a user.
			this.record({t: 'not-ours', row, at: now(), userId: user._id, reason: verdict.reason});
			return {kind: 'exists', userId: user._id, reason: verdict.reason};
		}
		return this.recordCreated(row, user, verdict.evidence);
	}

	/** The user holding the username (else the email), in full: provenance compares its details. */
	private async find(identity: {username?: string; email?: string}): Promise<SystemUser | undefined> {
		const matches = await this.deps.client.users.lookup(identity, this.deps.signal);
		const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
		const match = matches.find((user) => same(user.username, identity.username)) ?? matches.find((user) => same(user.email, identity.email));
		return match ? this.deps.client.users.find(match._id) : undefined;
	}

	private recordCreated(row: number, user: SystemUser, evidence: string | undefined): CreateResult {
		const reconciled = evidence !== undefined;
		this.record({t: 'done', row, step: 'create', at: now(), userId: user._id, ...(user.created ? {created: user.created} : {}), ...(reconciled ? {reconciled, evidence} : {})});
		return {kind: 'created', userId: user._id, reconciled};
	}

	private record(record: JournalRecord) {
		this.deps.journal(record);
	}

	private throwIfStopped() {
		if (this.deps.signal.aborted) throw new Stopped('stopped');
	}
}

/**
 * Creates sent before this run with no outcome recorded were cut off (a crash, a hard stop): their
 * end was never seen. Said once in the journal, so provenance allows for them.
 */
export function markInterrupted(rows: ReadonlyMap<number, RowProgress>, journal: (record: JournalRecord) => void): void {
	for (const progress of rows.values()) {
		if (progress.attempts.at(-1)?.state === 'in-flight' && !progress.userId) journal({t: 'lost', row: progress.row, step: 'create', at: now(), kind: 'interrupted'});
	}
}

const now = () => new Date().toISOString();
