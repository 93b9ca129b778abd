import {startSandbox, type Sandbox, type SandboxOptions} from '../../source/sandbox/index.js';

/** Plain-fetch helpers for the sandbox tests: no client in between, so the wire format is what is tested. */

export type Answer = {status: number; body: any; text: string; headers: Headers};

export type CallOptions = {
	body?: unknown;
	/** Sent as-is (for malformed JSON and odd bodies). */
	rawBody?: string;
	headers?: Record<string, string>;
	/** The API key to send; the sandbox's own by default, none with null. */
	key?: string | null;
};

export async function call(sandbox: Sandbox, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
	const headers: Record<string, string> = {accept: 'application/json', ...options.headers};
	const key = options.key === undefined ? sandbox.apiKey : options.key;
	if (key !== null) headers['x-api-key'] = key;
	let payload: string | undefined = options.rawBody;
	if (options.body !== undefined) payload = JSON.stringify(options.body);
	if (payload !== undefined) headers['content-type'] ??= 'application/json';
	const response = await fetch(`${sandbox.url}${path}`, {method, headers, body: payload});
	const text = await response.text();
	let body: unknown;
	try {
		body = text === '' ? undefined : JSON.parse(text);
	} catch {
		body = text;
	}
	return {status: response.status, body, text, headers: response.headers};
}

export const start = (options: SandboxOptions = {}) => startSandbox({seed: 11, ...options});

let counter = 0;
/** A valid create body with a unique username and email. */
export function validUser(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	counter++;
	return {username: `new.user${counter}`, email: `new.user${counter}@example.org`, state: 'STAGED', ...overrides};
}

/** The field violations of an error body. */
export function violations(body: any): Array<{field: string; description: string}> {
	return body?.details?.[0]?.fieldViolationsList ?? [];
}

export const badRequestType = 'type.googleapis.com/google.rpc.BadRequest';
