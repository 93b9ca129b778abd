import type {AttemptEvent} from '../jumpcloud/http.js';

/** Attempts that got no answer from JumpCloud: silence, no connection, or something else answering (a captive portal). */
const unanswered: Partial<Record<NonNullable<AttemptEvent['error']>, string>> = {
	timeout: 'timed out',
	network: 'could not connect',
	'not-api': "was answered by something that is not JumpCloud's API",
};

export type BreakerOptions = {
	/** Unanswered requests in a row that stop the run however quickly they came. */
	maxStreak?: number;
	/** A shorter streak stops the run once it has lasted this long (a silent server, one request at a time). */
	minStreak?: number;
	streakMs?: number;
	now?: () => number;
};

/**
 * A circuit breaker for an import or a rollback: when JumpCloud stops answering (every request
 * times out, cannot connect, or meets something that is not its API, with no answer in between),
 * the run stops instead of spending minutes per row on timeouts and retries, and leaves a journal
 * the next run picks up. Any answer at all, even an error status, proves the server is there and
 * ends the streak.
 */
export class Breaker {
	private readonly maxStreak: number;
	private readonly minStreak: number;
	private readonly streakMs: number;
	private readonly now: () => number;
	private streak = 0;
	private streakStart = 0;
	private lastError = '';
	private tripped: string | undefined;

	constructor(options: BreakerOptions = {}) {
		this.maxStreak = options.maxStreak ?? 8;
		this.minStreak = options.minStreak ?? 3;
		this.streakMs = options.streakMs ?? 60_000;
		this.now = options.now ?? (() => performance.now());
	}

	/** Sees every attempt; returns why the run must stop when this one trips the breaker. */
	observe(event: Pick<AttemptEvent, 'status' | 'error' | 'durationMs'>): string | undefined {
		if (this.tripped) return undefined;
		const failure = event.error === undefined ? undefined : unanswered[event.error];
		if (!failure) {
			this.streak = 0;
			return undefined;
		}
		const now = this.now();
		// The streak began when its first request was sent, not when it gave up.
		if (this.streak === 0) this.streakStart = now - event.durationMs;
		this.streak++;
		this.lastError = failure;
		const lasted = now - this.streakStart;
		if (this.streak >= this.maxStreak || (this.streak >= this.minStreak && lasted >= this.streakMs)) {
			this.tripped = `JumpCloud stopped answering: ${this.streak} requests in a row got no answer over ${Math.round(lasted / 1000)} s (the last ${this.lastError}).`;
			return this.tripped;
		}
		return undefined;
	}
}
