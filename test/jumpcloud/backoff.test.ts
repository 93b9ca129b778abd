import {describe, expect, it} from 'vitest';
import {backoffDelay, parseRetryAfter} from '../../source/jumpcloud/backoff.js';

describe('parseRetryAfter', () => {
	it('reads seconds and HTTP dates, and ignores nonsense', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter('0.5')).toBe(500);
		const now = Date.parse('2026-11-23T10:00:00Z');
		expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter(null)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
});

describe('backoffDelay', () => {
	const policy = {maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000};
	it('grows exponentially under a cap, with full jitter', () => {
		expect(backoffDelay(1, policy, undefined, () => 1)).toBe(100);
		expect(backoffDelay(3, policy, undefined, () => 1)).toBe(400);
		expect(backoffDelay(10, policy, undefined, () => 1)).toBe(1000);
		expect(backoffDelay(3, policy, undefined, () => 0)).toBe(0);
	});
	it('prefers Retry-After, plus a little jitter', () => {
		expect(backoffDelay(1, policy, 2000, () => 0)).toBe(2000);
		expect(backoffDelay(1, policy, 2000, () => 1)).toBe(2100);
	});
});
