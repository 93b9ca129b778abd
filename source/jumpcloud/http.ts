import {setMaxListeners} from 'node:events';
import {backoffDelay, defaultBackoff, parseRetryAfter, sleep, type BackoffPolicy} from './backoff.js';
import type {Shape} from './answers.js';
import {describeStatus, JumpCloudError, serverText, type JumpCloudErrorKind} from './errors.js';
import {redact} from '../lib/redact.js';
import {toolVersion} from '../lib/version.js';
import {ServerClock} from './server-clock.js';
import {classify, duration, isRedirect, megabytes, parseLenient, readCapped, readErrorBody, readSuccess, redirectTarget, urlPart} from './answer-body.js';

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
	/** Pulled by abandon(): every request in flight is cut off, and none starts. */
	private readonly shutdown = new AbortController();

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
		// Every request in flight listens to it: hundreds at once are expected, not a leak.
		setMaxListeners(0, this.shutdown.signal);
	}

	async request<T>(method: string, path: string, options: RequestOptions): Promise<HttpResponse<T>> {
		const deadline = options.deadlineMs === undefined ? undefined : performance.now() + options.deadlineMs;
		for (let attempt = 1; ; attempt++) {
			if (this.gate) await this.gate(options.signal);
			this.shutdown.signal.throwIfAborted();
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
				await sleep(retryInMs, options.signal ? AbortSignal.any([options.signal, this.shutdown.signal]) : this.shutdown.signal);
			}
		}
	}

	/**
	 * The program is closing (Ctrl+C while the directory is read): requests in flight are cut off
	 * and their callers get `reason`, rather than the program waiting out their timeouts. A create
	 * cut off this way stays "outcome unknown" in the journal, as after a hard stop.
	 */
	abandon(reason: Error = new Error('The program is closing.')): void {
		this.shutdown.abort(reason);
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

		// One controller per attempt, pulled by the timeout, by the caller's signal, or by us (an answer
		// past the size cap is not read to its end); its timer and listener go when the attempt ends.
		// (AbortSignal.timeout with AbortSignal.any keeps every request's state alive for the whole
		// timeout: at hundreds of requests a second that is hundreds of megabytes.)
		const cutOff = new AbortController();
		const {signal} = cutOff;
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			cutOff.abort();
		}, timeoutMs);
		const onCallerAbort = () => cutOff.abort(options.signal?.reason);
		options.signal?.addEventListener('abort', onCallerAbort, {once: true});
		if (options.signal?.aborted) cutOff.abort(options.signal.reason);
		const onShutdown = () => cutOff.abort(this.shutdown.signal.reason);
		this.shutdown.signal.addEventListener('abort', onShutdown, {once: true});
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
			if (this.shutdown.signal.aborted) throw this.shutdown.signal.reason;
			if (timedOut) throw fail('timeout', `${this.host} did not answer within ${duration(timeoutMs)} (${method} ${path}).`);
			throw fail('network', `${describeStatus('network', undefined)} (${method} ${path})`, {cause: error});
		} finally {
			clearTimeout(timer);
			options.signal?.removeEventListener('abort', onCallerAbort);
			this.shutdown.signal.removeEventListener('abort', onShutdown);
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
