/** How long to wait before the next try of a request that the server refused or that failed in transit. */
export type BackoffPolicy = {
	/** Tries in all, the first included. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
};

/** A Retry-After beyond this is taken as this: better to ask again than to hang for an hour. */
const maxRetryAfterMs = 60_000;

export const defaultBackoff: BackoffPolicy = {maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 20_000};

/**
 * Sends of a create or an activation whose answer was lost, the first included: the importer
 * looks before each resend (the HTTP core never resends these itself), then waits as the core would.
 */
export const lostAnswerBackoff: BackoffPolicy = {maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 8000};

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"):
 * a random wait in [0, min(max, base·2^n)], so clients that failed together do not retry together.
 * A server's Retry-After wins when present, plus a little jitter for the same reason.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, retryAfterMs?: number, random = Math.random): number {
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxRetryAfterMs) + random() * policy.baseDelayMs;
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return random() * ceiling;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
	if (value === null || value.trim() === '') return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(signal.reason);
			return;
		}
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal?.reason);
		};
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}
