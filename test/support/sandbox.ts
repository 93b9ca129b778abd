import {expect} from 'vitest';
import {JumpCloudClient, type ClientOptions} from '../../source/jumpcloud/client.js';
import {JumpCloudError} from '../../source/jumpcloud/errors.js';
import type {AttemptEvent} from '../../source/jumpcloud/http.js';
import {startSandbox, type Sandbox, type SandboxOptions} from '../../source/sandbox/index.js';
import {checkRequests, checkResponses, isSandboxAnswer, specsPresent} from './contract.js';

/** Backoff short enough for tests, long enough to honour a Retry-After. */
export const fastBackoff = {maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 50};

export type Harness = {sandbox: Sandbox; client: JumpCloudClient; attempts: AttemptEvent[]};

/** A sandbox on a free loopback port and a client pointed at it, recording every attempt. */
export async function startHarness(options: SandboxOptions = {}, client: Partial<ClientOptions> = {}): Promise<Harness> {
	const sandbox = await startSandbox({seed: 7, recordRequests: true, ...options});
	const attempts: AttemptEvent[] = [];
	return {
		sandbox,
		attempts,
		client: new JumpCloudClient({
			apiKey: sandbox.apiKey,
			baseUrl: sandbox.url,
			backoff: fastBackoff,
			timeoutMs: 5_000,
			observer: (event) => attempts.push(event),
			...client,
		}),
	};
}

let counter = 0;
/** A valid, unique create body. */
export function newUser(overrides: Record<string, unknown> = {}) {
	counter++;
	return {
		username: `test.user${counter}`,
		email: `test.user${counter}@example.org`,
		state: 'STAGED' as const,
		firstname: 'Test',
		lastname: `User ${counter}`,
		...overrides,
	};
}

/**
 * Closes a harness after checking every request its client sent, and every answer the sandbox
 * gave, against JumpCloud's specs, so each test that talks to the sandbox is also a contract test
 * (a no-op when ../shared is absent; test/contract says so).
 */
export async function closeHarness(harness: Harness | undefined): Promise<void> {
	if (!harness) return;
	await harness.sandbox.close();
	if (!specsPresent) return;
	expect(checkRequests(harness.sandbox.requests)).toEqual([]);
	expect(checkResponses(harness.sandbox.requests, {knownUndeclared: isSandboxAnswer})).toEqual([]);
}

/** The JumpCloudError a call fails with; the test fails when the call succeeds or throws anything else. */
export async function caught(promise: Promise<unknown>): Promise<JumpCloudError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(JumpCloudError);
		return error as JumpCloudError;
	}
	throw new Error('expected the call to fail');
}
