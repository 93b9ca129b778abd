import {backoffDelay, defaultBackoff, parseRetryAfter, sleep, type BackoffPolicy} from './backoff.js';
import type {Shape} from './answers.js';
import {describeStatus, JumpCloudError, serverText, type FieldViolation, type JumpCloudErrorKind} from './errors.js';
import {redact} from '../lib/redact.js';
import {toolVersion} from '../lib/version.js';
import {ServerClock} from './server-clock.js';

/**
 * When a failed request may be sent again:
 * - `safe`: reads and idempotent writes, on 429, 5xx, network errors and timeouts;
 * - `refused-only`: only when the server refused it outright (429), so it cannot have taken effect;
 * - `never`: a user create. After a lost answer the importer looks the user up instead.
 */
export type RetryClass = 'safe' | 'refused-only' | 'never';

export type HttpOptions = {
	apiKey: string;
	orgId?: string;
	/** e.g. https://console.jumpcloud.com; paths are appended as given (`/api/...`). */
	baseUrl: string;
	/** Per attempt. */
	timeoutMs?: number;
	backoff?: BackoffPolicy;
	/** Sees every attempt: for throttling figures, logs and adaptive concurrency. */
	observer?: (event: AttemptEvent) => void;
	/** Awaited before every attempt, retries included: the importer's pacer holds requests here. */
	gate?: (signal?: AbortSignal) => Promise<void>;
	random?: () => number;
	/** An answer longer than this is cut off; default 16 MB (a page of 1000 users is about 1 MB). */
	maxBodyBytes?: number;
};

export type AttemptEvent = {
	method: string;
	path: string;
	attempt: number;
	durationMs: number;
	status?: number;
	error?: JumpCloudErrorKind;
	/** Set when the client will try again after this many milliseconds. */
	retryInMs?: number;
};

export type Query = Record<string, string | number | readonly string[] | undefined>;

export type RequestOptions = {
	query?: Query;
	body?: unknown;
	retry: RetryClass;
	/** JumpCloud rejects `x-org-id` on /api/organizations*; such calls leave it out. */
	withOrgHeader?: boolean;
	headers?: Record<string, string>;
	signal?: AbortSignal;
	/** Called once the gate lets the request through, just before it is sent (a journal's intent goes here). */
	beforeSend?: () => void;
	/** The whole request, retries and their waits included, ends within this many milliseconds. */
	deadlineMs?: number;
	/** Redacted, besides the API key, from any error this request makes (a create's password). */
	secrets?: readonly string[];
	/** What a 2xx answer must look like (answers.ts); anything else is a 'not-api' error. */
	shape?: Shape;
};

export type HttpResponse<T> = {status: number; data: T; headers: Headers};

/** The one door to JumpCloud: headers, timeouts, error classification, redaction, backoff. */
export class HttpCore {
	readonly baseUrl: string;
	readonly orgId: string | undefined;
	/** Per attempt; a deadline may cut it shorter. */
	readonly timeoutMs: number;
	/** The server's clock as its answers tell it: provenance compares `created` times with our journal. */
	readonly clock = new ServerClock();
	private readonly apiKey: string;
	private readonly backoff: BackoffPolicy;
	private readonly observer: ((event: AttemptEvent) => void) | undefined;
	private readonly attemptListeners = new Set<(event: AttemptEvent) => void>();
	private readonly gate: ((signal?: AbortSignal) => Promise<void>) | undefined;
	private readonly random: () => number;
	private readonly maxBodyBytes: number;

	constructor(options: HttpOptions) {
		if (!options.apiKey) throw new Error('An API key is required.');
		this.apiKey = options.apiKey;
		this.orgId = options.orgId || undefined;
		this.baseUrl = options.baseUrl.replace(/\/+$/, '');
		this.timeoutMs = options.timeoutMs ?? 30_000;
		this.backoff = options.backoff ?? defaultBackoff;
		this.observer = options.observer;
		this.gate = options.gate;
		this.random = options.random ?? Math.random;
		this.maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
	}

	async request<T>(method: string, path: string, options: RequestOptions): Promise<HttpResponse<T>> {
		const deadline = options.deadlineMs === undefined ? undefined : performance.now() + options.deadlineMs;
		for (let attempt = 1; ; attempt++) {
			if (this.gate) await this.gate(options.signal);
			options.beforeSend?.();
			const started = performance.now();
			const timeoutMs = deadline === undefined ? this.timeoutMs : Math.max(1, Math.min(this.timeoutMs, Math.round(deadline - started)));
			try {
				const response = await this.attempt<T>(method, path, options, attempt, timeoutMs);
				this.notify({method, path, attempt, durationMs: performance.now() - started, status: response.status});
				return response;
			} catch (error) {
				if (!(error instanceof JumpCloudError)) throw error;
				const retry = attempt < this.backoff.maxAttempts && mayRetry(options.retry, error);
				let retryInMs = retry ? backoffDelay(attempt, this.backoff, error.retryAfterMs, this.random) : undefined;
				// A wait that would end past the deadline is not begun: the last error stands.
				if (retryInMs !== undefined && deadline !== undefined && performance.now() + retryInMs >= deadline) retryInMs = undefined;
				this.notify({
					method,
					path,
					attempt,
					durationMs: performance.now() - started,
					status: error.status,
					error: error.kind,
					retryInMs,
				});
				if (retryInMs === undefined) throw error;
				await sleep(retryInMs, options.signal);
			}
		}
	}

	/** Hears every attempt from now on, as the observer does (an import's circuit breaker listens here). */
	onAttempt(listener: (event: AttemptEvent) => void): () => void {
		this.attemptListeners.add(listener);
		return () => this.attemptListeners.delete(listener);
	}

	private notify(event: AttemptEvent) {
		this.observer?.(event);
		for (const listener of this.attemptListeners) listener(event);
	}

	/** "Not JumpCloud's API at <origin>: <problem>.": the server is something else, or broken; never retried. */
	notApi(method: string, path: string, problem: string, extra: {status?: number; secrets?: readonly string[]; attempts?: number} = {}): JumpCloudError {
		return new JumpCloudError({
			kind: 'not-api',
			message: `Not JumpCloud's API at ${this.origin}: ${problem}.`,
			method,
			path,
			status: extra.status,
			attempts: extra.attempts,
			secrets: [this.apiKey, ...(extra.secrets ?? [])],
		});
	}

	/** Scheme, host and port of the base URL, safe to print. */
	get origin(): string {
		return serverText(urlPart(this.baseUrl, 'origin'), 200);
	}

	private get host(): string {
		return serverText(urlPart(this.baseUrl, 'host'), 200);
	}

	private async attempt<T>(method: string, path: string, options: RequestOptions, attempt: number, timeoutMs: number): Promise<HttpResponse<T>> {
		const url = this.baseUrl + path + queryString(options.query);
		const headers: Record<string, string> = {
			accept: 'application/json',
			'user-agent': `jc-import/${toolVersion}`,
			'x-api-key': this.apiKey,
			...options.headers,
		};
		if (this.orgId && options.withOrgHeader !== false) headers['x-org-id'] = this.orgId;
		if (options.body !== undefined) headers['content-type'] = 'application/json';

		const timeout = AbortSignal.timeout(timeoutMs);
		// Ours to pull: an answer past the size cap is not read to its end.
		const cutOff = new AbortController();
		const signal = AbortSignal.any([timeout, cutOff.signal, ...(options.signal ? [options.signal] : [])]);
		const secrets = [this.apiKey, ...(options.secrets ?? [])];
		const fail = (kind: JumpCloudErrorKind, message: string, extra: Partial<ConstructorParameters<typeof JumpCloudError>[0]> = {}) =>
			new JumpCloudError({kind, message, method, path, attempts: attempt, secrets, ...extra});
		const notApi = (problem: string, status: number) => this.notApi(method, path, problem, {status, secrets, attempts: attempt});
		// Server text is redacted before it is cut short, so no prefix of a secret survives the cut.
		const shown = (raw: string, max: number) => serverText(redact(raw.slice(0, 65_536), secrets), max);

		let response: Response;
		let bytes: Uint8Array | undefined;
		const sentAt = Date.now();
		try {
			response = await fetch(url, {
				method,
				headers,
				body: options.body === undefined ? undefined : JSON.stringify(options.body),
				signal,
				// A redirect would carry the key (and a 307/308 the body, passwords included) to whatever host it names.
				redirect: 'manual',
			});
			if (isRedirect(response.status)) {
				await response.body?.cancel().catch(() => {});
				bytes = new Uint8Array();
			} else {
				// The body is read under the same timeout: a server that stalls mid-answer is a timeout too.
				bytes = await readCapped(response, this.maxBodyBytes);
				if (bytes === undefined) cutOff.abort();
			}
			this.clock.observe(sentAt, Date.now(), response.headers.get('date'));
		} catch (error) {
			if (options.signal?.aborted) throw options.signal.reason;
			if (timeout.aborted) throw fail('timeout', `${this.host} did not answer within ${duration(timeoutMs)} (${method} ${path}).`);
			throw fail('network', `${describeStatus('network', undefined)} (${method} ${path})`, {cause: error});
		}

		const {status} = response;
		if (isRedirect(status)) {
			const to = redirectTarget(response.headers.get('location'), url);
			throw notApi(`${method} ${path} was redirected (${status}) ${to}; it was not followed, so the API key and data were not sent there`, status);
		}
		if (bytes === undefined) throw notApi(`the answer to ${method} ${path} ran past ${megabytes(this.maxBodyBytes)} and was cut off`, status);
		const text = new TextDecoder().decode(bytes);

		if (response.ok) {
			const data = readSuccess(text, response.headers.get('content-type'), `${method} ${path}`, (problem) => notApi(problem, status), shown);
			const problem = options.shape?.(data);
			if (problem) throw notApi(`${method} ${path} answered ${problem}`, status);
			return {status, data: data as T, headers: response.headers};
		}

		const data = parseLenient(text);
		const kind = classify(status, data, method);
		const {serverMessage, fieldViolations} = readErrorBody(data, text, shown);
		const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
		// Violations the server's message already lists are not said twice.
		const extra = fieldViolations.filter((v) => !serverMessage?.includes(v.description)).map((v) => `${v.field}: ${v.description}`);
		const details = serverText([serverMessage, ...extra].filter(Boolean).join('; '), 600);
		const message = `${describeStatus(kind, status)}${details ? ` ${details}` : ''} (${method} ${path})`;
		throw fail(kind, message, {status, serverMessage, fieldViolations, retryAfterMs});
	}
}

function mayRetry(retry: RetryClass, error: JumpCloudError): boolean {
	if (retry === 'never') return false;
	if (retry === 'refused-only') return error.kind === 'rate-limited';
	return error.transient;
}

function queryString(query: Query | undefined): string {
	if (!query) return '';
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined) continue;
		if (Array.isArray(value)) for (const item of value) params.append(key, item);
		else params.append(key, String(value));
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}

const isRedirect = (status: number) => status >= 300 && status < 400;

/** The body, or undefined once it runs past `cap` bytes (the rest is not read). */
async function readCapped(response: Response, cap: number): Promise<Uint8Array | undefined> {
	if (Number(response.headers.get('content-length')) > cap) {
		await response.body?.cancel().catch(() => {});
		return undefined;
	}
	if (!response.body) return new Uint8Array();
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const {done, value} = await reader.read();
		if (done) return Buffer.concat(chunks);
		size += value.byteLength;
		if (size > cap) {
			await reader.cancel().catch(() => {});
			return undefined;
		}
		chunks.push(value);
	}
}

/**
 * A 2xx answer: empty (an activation, a 204), or JSON. A captive portal's page or a broken proxy's
 * text is refused here, named by its content type and a short hint, rather than failing later as data.
 */
function readSuccess(
	text: string,
	contentType: string | null,
	route: string,
	refuse: (problem: string) => JumpCloudError,
	shown: (raw: string, max: number) => string,
): unknown {
	if (text.trim() === '') return undefined;
	const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
	const json = type === '' || type === 'application/json' || type.endsWith('+json');
	const named = type === '' ? 'an answer' : serverText(type, 60);
	if (!json) throw refuse(`got ${named} for ${route}, not JSON: ${hint(text, shown)}`);
	try {
		return JSON.parse(text);
	} catch {
		throw refuse(`got ${named} for ${route} that does not parse as JSON: ${hint(text, shown)}`);
	}
}

/** A few words that tell a person what answered: a page's title, else how the answer starts. */
function hint(text: string, shown: (raw: string, max: number) => string): string {
	const title = /<title[^>]*>([^<]*)</i.exec(text.slice(0, 65_536))?.[1];
	const titled = title === undefined ? '' : shown(title, 60);
	if (titled) return `a page titled "${titled}"`;
	const start = shown(text, 60);
	return start ? `it starts "${start}"` : 'nothing readable';
}

function redirectTarget(location: string | null, url: string): string {
	if (!location) return 'without saying where to';
	try {
		const target = new URL(location, url);
		return `to ${serverText(`${target.protocol}//${target.host}`, 100)}`;
	} catch {
		return 'to an address that does not parse';
	}
}

function parseLenient(text: string): unknown {
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * "Already exists" is a 400 on creates and (likely) a 409 on graph edges, told by the body: a
 * `message` or `error` saying so, or the status word ALREADY_EXISTS. Any other 409 is a conflict,
 * and a delete is never refused because something exists (JumpCloud's 409 there means "still a manager").
 */
function classify(status: number, data: unknown, method: string): JumpCloudErrorKind {
	if ((status === 400 || status === 409) && method !== 'DELETE' && saysAlreadyExists(data)) return 'already-exists';
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not-found';
	if (status === 409) return 'conflict';
	if (status === 429) return 'rate-limited';
	if (status >= 500) return 'server';
	return 'validation';
}

function saysAlreadyExists(data: unknown): boolean {
	if (typeof data !== 'object' || data === null) return false;
	const body = data as {message?: unknown; error?: unknown; status?: unknown};
	if (body.status === 'ALREADY_EXISTS') return true;
	return [body.message, body.error].some((text) => typeof text === 'string' && /already (exist|been registered)/i.test(text));
}

function readErrorBody(data: unknown, text: string, shown: (raw: string, max: number) => string): {serverMessage?: string; fieldViolations: FieldViolation[]} {
	if (typeof data !== 'object' || data === null) {
		// An HTML error page from a proxy is not worth showing, let alone whole.
		if (text.trimStart().startsWith('<')) return {fieldViolations: []};
		return {serverMessage: shown(text, 200) || undefined, fieldViolations: []};
	}
	const body = data as {message?: unknown; error?: unknown; details?: unknown};
	const raw = typeof body.message === 'string' ? body.message : typeof body.error === 'string' ? body.error : undefined;
	const serverMessage = raw === undefined ? undefined : shown(raw, 300) || undefined;
	const fieldViolations: FieldViolation[] = [];
	if (Array.isArray(body.details)) {
		for (const detail of body.details as unknown[]) {
			if (typeof detail !== 'object' || detail === null) continue;
			const {fieldViolationsList, fieldViolations: alternative} = detail as {fieldViolationsList?: unknown; fieldViolations?: unknown};
			const list = fieldViolationsList ?? alternative;
			if (!Array.isArray(list)) continue;
			for (const v of list as unknown[]) {
				if (typeof v !== 'object' || v === null || fieldViolations.length >= 20) continue;
				const {field, description} = v as {field?: unknown; description?: unknown};
				fieldViolations.push({field: shown(String(field ?? ''), 100), description: shown(String(description ?? ''), 300)});
			}
		}
	}
	return {serverMessage, fieldViolations};
}

function urlPart(url: string, part: 'origin' | 'host'): string {
	try {
		return new URL(url)[part];
	} catch {
		return url;
	}
}

/** 300 ms, 1.5 s, 30 s. */
function duration(ms: number): string {
	return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** 16 MB, 0.5 MB. */
function megabytes(bytes: number): string {
	return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
