import {sleep} from '../jumpcloud/backoff.js';
import type {AttemptEvent} from '../jumpcloud/http.js';

/** What a run learned about a target's pace: JumpCloud's limit (`limited`, after a 429) or the most it was used at without one. */
export type LearnedRate = {rate: number; limited: boolean};

export type PacerOptions = {
	/** Requests per second to start at, when nothing was learned before. */
	startRate?: number;
	/** Never above this (requests per second). */
	maxRate?: number;
	/** What an earlier import to the same target learned: the pacer starts just under it. */
	learned?: LearnedRate;
	/** Keeps what this pacer learned for the next import to the same target (see `remember`). */
	keep?: (learned: LearnedRate) => void;
	now?: () => number;
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** A learned rate is started from just under it. */
export const learnedStartShare = 0.9;
/** A second in which fewer requests than this share of the rate were sent did not use the rate: it does not grow. */
const usedShare = 0.75;
const second = 1000;
/** Slow start doubles every quarter second; the steady pace moves once a second. */
const slowStartInterval = 250;
/** Refusals that have lasted this long tell what JumpCloud grants. */
const refusalsTell = 500;

/**
 * Paces every request to JumpCloud with an adaptive rate, as TCP does.
 *
 * Slow start: from a modest rate (or just under what the last import to the same target learned)
 * the rate doubles every healthy quarter second until the first 429, which ends it: the rate drops to
 * half of what was really sent, or just under what JumpCloud accepted in the last second if less.
 * Then AIMD: far below the last refusal it grows by a quarter a second, near it by a few percent,
 * and once well past it the ceiling is forgotten. A 429 drops the rate to just under what JumpCloud
 * grants (measured since the refusals began, once they have lasted half a second: a token bucket's
 * saved-up burst would otherwise count as granted) and marks that as the ceiling. A 429 is a new
 * signal only for a request sent at the lowered pace (or a second later), so a burst of refusals
 * for requests already on their way is one signal.
 *
 * The rate never grows when it was not used: rows run `--concurrency` at a time, so requests in
 * flight (or the CSV running out) can be the bound, and a rate grown on paper would be spent as a
 * burst later. An unused rate is brought down to twice what was sent (never under where it began).
 * Requests already waiting for their turn go at the new rate. The refused request
 * itself waits its `Retry-After` (the HTTP core does).
 */
export class Pacer {
	rate: number;
	throttled = 0;
	/** Doubling, until the first 429. */
	slowStart = true;
	private readonly initialRate: number;
	private readonly maxRate: number;
	private readonly now: () => number;
	private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	private readonly keep: ((learned: LearnedRate) => void) | undefined;
	private lastRelease = Number.NEGATIVE_INFINITY;
	private readonly waiting: Waiter[] = [];
	private lettingThrough = false;
	private windowStart: number;
	private windowSent = 0;
	private windowRefused = false;
	private lastDecrease = Number.NEGATIVE_INFINITY;
	/** Requests sent from this moment on went at the lowered pace: a 429 for one of them is news. */
	private pacedFrom = Number.NEGATIVE_INFINITY;
	/** When the current run of refusals began; reset after a second without one. */
	private refusedSince: number | undefined;
	private lastRefusal = Number.NEGATIVE_INFINITY;
	/** The rate JumpCloud last refused at; unknown (infinite) until the first 429 or once passed by far. */
	private ceiling = Number.POSITIVE_INFINITY;
	/** The highest rate really sent at in a healthy interval, and what an earlier import learned without a 429. */
	private peakUsed = 0;
	private readonly learnedUnlimited: number;
	/** When each of the last second's accepted answers came, and when the last second's requests left. */
	private readonly accepted: number[] = [];
	private readonly sent: number[] = [];
	private readonly listeners = new Set<(rate: number, refused: boolean) => void>();

	constructor(options: PacerOptions = {}) {
		this.maxRate = options.maxRate ?? 500;
		const learned = usable(options.learned);
		this.rate = learned ? Math.min(this.maxRate, Math.max(1, learned.rate * learnedStartShare)) : (options.startRate ?? 8);
		if (learned?.limited) {
			this.ceiling = learned.rate;
			this.slowStart = false;
		}
		this.learnedUnlimited = learned && !learned.limited ? learned.rate : 0;
		this.initialRate = this.rate;
		this.keep = options.keep;
		this.now = options.now ?? (() => performance.now());
		this.sleep = options.sleep ?? sleep;
		this.windowStart = this.now();
	}

	/**
	 * Waits for this request's turn. Waiting requests are let through one by one, each gap taken at
	 * the rate of the moment, so a rate that grows or drops reaches the requests already waiting.
	 */
	readonly gate = (signal?: AbortSignal): Promise<void> => {
		if (signal?.aborted) return Promise.reject(signal.reason);
		const now = this.now();
		if (this.waiting.length === 0 && now >= this.lastRelease + second / this.rate) {
			this.release(now);
			return Promise.resolve();
		}
		return new Promise<void>((resolve, reject) => {
			const waiter: Waiter = {resolve, reject};
			if (signal) {
				const onAbort = () => {
					const index = this.waiting.indexOf(waiter);
					if (index >= 0) this.waiting.splice(index, 1);
					reject(signal.reason);
				};
				signal.addEventListener('abort', onAbort, {once: true});
				waiter.done = () => signal.removeEventListener('abort', onAbort);
			}
			this.waiting.push(waiter);
			void this.letThrough();
		});
	};

	/** Lets the waiting requests through, one gap apart. */
	private async letThrough(): Promise<void> {
		if (this.lettingThrough) return;
		this.lettingThrough = true;
		try {
			while (this.waiting.length > 0) {
				const spacing = second / this.rate;
				const due = this.lastRelease + spacing;
				const wait = due - this.now();
				if (wait > 0) await this.sleep(wait);
				const waiter = this.waiting.shift();
				if (!waiter) break;
				waiter.done?.();
				// A timer that fired late is caught up on (by one gap at most), so a busy machine does not slow the pace.
				this.release(Math.max(due, this.now() - spacing));
				waiter.resolve();
			}
		} finally {
			this.lettingThrough = false;
		}
	}

	private release(at: number) {
		this.lastRelease = at;
		this.windowSent++;
		this.sent.push(this.now());
	}

	/** Learns from every answer: the HTTP core's observer. */
	readonly observe = (event: AttemptEvent): void => {
		const now = this.now();
		trim(this.accepted, now);
		trim(this.sent, now);
		if (event.status === 429) return this.refused(event, now);
		if (event.status !== undefined) this.accepted.push(now);
		const elapsed = now - this.windowStart;
		if (elapsed < (this.slowStart ? slowStartInterval : second)) return;
		const sentRate = (this.windowSent * second) / elapsed;
		const used = sentRate >= this.rate * usedShare;
		if (!this.windowRefused) {
			if (used) {
				this.peakUsed = Math.max(this.peakUsed, sentRate);
				this.grow();
			} else if (this.windowSent > 0 && this.rate > 2 * sentRate) {
				// Not the bound: a rate far above what is sent would go out as a burst when rows pick up.
				this.rate = Math.max(this.initialRate, 2 * sentRate);
			}
		}
		this.windowStart = now;
		this.windowSent = 0;
		this.windowRefused = false;
	};

	/** What this pacer knows of the target's limit: the ceiling after a 429, else the most it was used at; undefined when it learned nothing. */
	learned(): LearnedRate | undefined {
		if (Number.isFinite(this.ceiling)) return {rate: round(this.ceiling), limited: true};
		const rate = Math.max(this.peakUsed, this.learnedUnlimited);
		return rate > 0 ? {rate: round(rate), limited: false} : undefined;
	}

	/** Hands what was learned to `keep` (at a run's end), for the next import to the same target. Never throws. */
	remember(): void {
		const learned = this.learned();
		if (!learned || !this.keep) return;
		try {
			this.keep(learned);
		} catch {
			// A rate not remembered costs the next import a few seconds, never this one its result.
		}
	}

	onChange(listener: (rate: number, refused: boolean) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private grow() {
		if (this.slowStart) {
			this.rate = Math.min(this.maxRate, this.rate * 2);
		} else {
			// Far below the last refusal: grow fast. Near it: probe gently. Well past it: the limit rose.
			const fast = this.rate < this.ceiling * 0.8;
			this.rate = Math.min(this.maxRate, fast ? this.rate * 1.25 : this.rate + Math.max(0.25, this.rate * 0.02));
			if (this.rate > this.ceiling * 1.2) this.ceiling = Number.POSITIVE_INFINITY;
		}
		this.notify(false);
	}

	private refused(event: AttemptEvent, now: number) {
		this.throttled++;
		this.windowRefused = true;
		if (this.refusedSince === undefined || now - this.lastRefusal >= second) this.refusedSince = now;
		this.lastRefusal = now;
		const sentAt = now - event.durationMs;
		if (sentAt < this.pacedFrom && now - this.lastDecrease < second) return;
		// What JumpCloud grants: what it accepted since the refusals began once that is long enough to
		// tell (a bucket's saved-up burst is spent by then), else in the last second.
		const since = Math.min(second, now - this.refusedSince);
		const granted = since >= refusalsTell ? (this.accepted.filter((at) => at > now - since).length * second) / since : this.accepted.length;
		this.ceiling = granted > 0 ? granted : this.rate * 0.5;
		// Slow start's first refusal: half of what was really sent (as TCP halves its window), the rate may have been ahead of it.
		const from = this.slowStart ? Math.min(this.rate, this.sent.length || this.rate) * 0.5 : this.rate * 0.9;
		this.rate = Math.max(1, Math.min(this.rate, from, this.ceiling * 0.95));
		this.slowStart = false;
		this.lastDecrease = now;
		this.pacedFrom = now;
		this.notify(true);
	}

	private notify(refused: boolean) {
		for (const listener of this.listeners) listener(this.rate, refused);
	}
}

type Waiter = {resolve: () => void; reject: (reason: unknown) => void; done?: () => void};

function usable(learned: LearnedRate | undefined): LearnedRate | undefined {
	return learned && Number.isFinite(learned.rate) && learned.rate >= 1 ? learned : undefined;
}

const round = (rate: number) => Math.round(rate * 100) / 100;

function trim(times: number[], now: number) {
	while (times.length > 0 && times[0]! < now - second) times.shift();
}
