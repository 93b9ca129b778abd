import type {AttemptEvent} from '../jumpcloud/http.js';

export type PacerOptions = {
	/** Requests per second to start at. */
	startRate?: number;
	/** Never above this (requests per second). */
	maxRate?: number;
	now?: () => number;
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/**
 * Paces every request to JumpCloud with an adaptive rate (AIMD, as TCP does). It starts modest and
 * grows by a quarter each healthy second; on a 429 it drops to just under what JumpCloud accepted
 * in the last second (once per second at most, so a burst of refusals is one signal) and remembers
 * that as the ceiling. Near the ceiling it grows by a few percent a second; far below it (after a
 * squeeze) it grows fast again, and once well past it the ceiling is forgotten. The limit is found
 * and followed without a setting; the refused request itself waits its `Retry-After`.
 */
export class Pacer {
	rate: number;
	throttled = 0;
	private readonly maxRate: number;
	private readonly now: () => number;
	private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	private nextSlot = 0;
	private windowStart: number;
	private windowRefused = false;
	private lastDecrease = Number.NEGATIVE_INFINITY;
	/** The rate JumpCloud last refused at; unknown (infinite) until the first 429 or once passed by far. */
	private ceiling = Number.POSITIVE_INFINITY;
	/** When each of the last second's accepted answers came. */
	private readonly accepted: number[] = [];
	private readonly listeners = new Set<(rate: number, refused: boolean) => void>();

	constructor(options: PacerOptions = {}) {
		this.rate = options.startRate ?? 8;
		this.maxRate = options.maxRate ?? 500;
		this.now = options.now ?? (() => performance.now());
		this.sleep = options.sleep ?? defaultSleep;
		this.windowStart = this.now();
	}

	/** Waits for this request's slot. */
	readonly gate = async (signal?: AbortSignal): Promise<void> => {
		const now = this.now();
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + 1000 / this.rate;
		if (slot > now) await this.sleep(slot - now, signal);
	};

	/** Learns from every answer: the HTTP core's observer. */
	readonly observe = (event: AttemptEvent): void => {
		const now = this.now();
		while (this.accepted.length > 0 && this.accepted[0]! < now - 1000) this.accepted.shift();
		if (event.status === 429) {
			this.throttled++;
			this.windowRefused = true;
			if (now - this.lastDecrease >= 1000) {
				// What got through in the last second is what JumpCloud grants: settle just under it.
				const granted = this.accepted.length;
				this.ceiling = granted > 0 ? granted : this.rate * 0.5;
				this.rate = Math.max(1, Math.min(this.rate * 0.9, this.ceiling * 0.95));
				this.lastDecrease = now;
				this.notify(true);
			}
			return;
		}
		if (event.status !== undefined) this.accepted.push(now);
		if (now - this.windowStart < 1000) return;
		if (!this.windowRefused) {
			// Far below the last refusal: grow fast. Near it: probe gently. Well past it: the limit rose.
			const fast = this.rate < this.ceiling * 0.8;
			this.rate = Math.min(this.maxRate, fast ? this.rate * 1.25 : this.rate + Math.max(0.25, this.rate * 0.02));
			if (this.rate > this.ceiling * 1.2) this.ceiling = Number.POSITIVE_INFINITY;
			this.notify(false);
		}
		this.windowStart = now;
		this.windowRefused = false;
	};

	onChange(listener: (rate: number, refused: boolean) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private notify(refused: boolean) {
		for (const listener of this.listeners) listener(this.rate, refused);
	}
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(signal.reason);
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal!.reason);
		};
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}
