import {backoffDelay, defaultBackoff, parseRetryAfter, sleep, type BackoffPolicy} from './backoff.js';
import {describeStatus, JumpCloudError, type FieldViolation, type JumpCloudErrorKind} from './errors.js';
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
};

export type HttpResponse<T> = {status: number; data: T; headers: Headers};

/** The one door to JumpCloud: headers, timeouts, error classification, redaction, backoff. */
export class HttpCore {
	readonly baseUrl: string;
	readonly orgId: string | undefined;
	/** The server's clock as its answers tell it: provenance compares `created` times with our journal. */
	readonly clock = new ServerClock();
	private readonly apiKey: string;
	private readonly timeoutMs: number;
	private readonly backoff: BackoffPolicy;
	private readonly observer: ((event: AttemptEvent) => void) | undefined;
	private readonly gate: ((signal?: AbortSignal) => Promise<void>) | undefined;
	private readonly random: () => number;

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
	}

	async request<T>(method: string, path: string, options: RequestOptions): Promise<HttpResponse<T>> {
		for (let attempt = 1; ; attempt++) {
			if (this.gate) await this.gate(options.signal);
			options.beforeSend?.();
			const started = performance.now();
			try {
				const response = await this.attempt<T>(method, path, options, attempt);
				this.observer?.({method, path, attempt, durationMs: performance.now() - started, status: response.status});
				return response;
			} catch (error) {
				if (!(error instanceof JumpCloudError)) throw error;
				const retry = attempt < this.backoff.maxAttempts && mayRetry(options.retry, error);
				const retryInMs = retry ? backoffDelay(attempt, this.backoff, error.retryAfterMs, this.random) : undefined;
				this.observer?.({
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

	private async attempt<T>(method: string, path: string, options: RequestOptions, attempt: number): Promise<HttpResponse<T>> {
		const url = this.baseUrl + path + queryString(options.query);
		const headers: Record<string, string> = {
			accept: 'application/json',
			'user-agent': `jc-import/${toolVersion}`,
			'x-api-key': this.apiKey,
			...options.headers,
		};
		if (this.orgId && options.withOrgHeader !== false) headers['x-org-id'] = this.orgId;
		if (options.body !== undefined) headers['content-type'] = 'application/json';

		const timeout = AbortSignal.timeout(this.timeoutMs);
		const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
		const fail = (kind: JumpCloudErrorKind, message: string, extra: Partial<ConstructorParameters<typeof JumpCloudError>[0]> = {}) =>
			new JumpCloudError({kind, message, method, path, attempts: attempt, secrets: [this.apiKey], ...extra});

		let response: Response;
		let text: string;
		const sentAt = Date.now();
		try {
			response = await fetch(url, {
				method,
				headers,
				body: options.body === undefined ? undefined : JSON.stringify(options.body),
				signal,
			});
			// The body is read under the same timeout: a server that stalls mid-answer is a timeout too.
			text = await response.text();
			this.clock.observe(sentAt, Date.now(), response.headers.get('date'));
		} catch (error) {
			if (options.signal?.aborted) throw options.signal.reason;
			if (timeout.aborted) {
				throw fail('timeout', `${describeStatus('timeout', undefined)} (${method} ${path}, ${this.timeoutMs} ms)`);
			}
			throw fail('network', `${describeStatus('network', undefined)} (${method} ${path})`, {cause: error});
		}

		const data = parseBody(text);
		if (response.ok) return {status: response.status, data: data as T, headers: response.headers};

		const kind = classify(response.status, data);
		const {serverMessage, fieldViolations} = readErrorBody(data, text);
		const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
		// Violations the server's message already lists are not said twice.
		const extra = fieldViolations.filter((v) => !serverMessage?.includes(v.description)).map((v) => `${v.field}: ${v.description}`);
		const details = [serverMessage, ...extra].filter(Boolean);
		const message = `${describeStatus(kind, response.status)}${details.length > 0 ? ` ${details.join('; ')}` : ''} (${method} ${path})`;
		throw fail(kind, message, {status: response.status, serverMessage, fieldViolations, retryAfterMs});
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

function parseBody(text: string): unknown {
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** JumpCloud says "already exists" with a 400 on creates and (likely) a 409 on graph edges; both mean the same. */
function classify(status: number, data: unknown): JumpCloudErrorKind {
	const message = typeof data === 'object' && data !== null ? String((data as {message?: unknown}).message ?? '') : String(data ?? '');
	if ((status === 400 || status === 409) && /already exist/i.test(message)) return 'already-exists';
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not-found';
	if (status === 409) return 'conflict';
	if (status === 429) return 'rate-limited';
	if (status >= 500) return 'server';
	return 'validation';
}

function readErrorBody(data: unknown, text: string): {serverMessage?: string; fieldViolations: FieldViolation[]} {
	if (typeof data !== 'object' || data === null) {
		// An HTML error page from a proxy is not worth showing whole.
		const short = text.trim().slice(0, 200);
		return {serverMessage: short && !short.startsWith('<') ? short : undefined, fieldViolations: []};
	}
	const body = data as {message?: unknown; error?: unknown; details?: unknown};
	const serverMessage = typeof body.message === 'string' ? body.message : typeof body.error === 'string' ? body.error : undefined;
	const fieldViolations: FieldViolation[] = [];
	if (Array.isArray(body.details)) {
		for (const detail of body.details as Array<Record<string, unknown>>) {
			const list = (detail?.fieldViolationsList ?? detail?.fieldViolations) as Array<Record<string, unknown>> | undefined;
			if (!Array.isArray(list)) continue;
			for (const v of list) fieldViolations.push({field: String(v.field ?? ''), description: String(v.description ?? '')});
		}
	}
	return {serverMessage, fieldViolations};
}
