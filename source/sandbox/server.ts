import {randomInt} from 'node:crypto';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {checkAccess, type AccessConfig} from './auth.js';
import type {Directory} from './directory.js';
import {ApiError} from './errors.js';
import {checkKnobs, pickPreFault, seededRandom, TokenBucket, type ErrorStyle, type Faults, type Knobs} from './knobs.js';
import {findRoute, type Reply, type Route} from './router.js';
import {v1Routes} from './routes-v1.js';
import {v2Routes} from './routes-v2.js';
import {seededDirectory, seedUsers} from './seed.js';

export type SandboxOptions = Knobs & {
	/** 0 (the default) picks a free port. */
	port?: number;
	/** The key the sandbox accepts; default `sandbox-key`. */
	apiKey?: string;
	/** Require `x-org-id` outside `/api/organizations*`, as JumpCloud does for a multi-tenant admin. */
	multiTenant?: boolean;
	/** Seeds ids and fault draws; a random one when absent. */
	seed?: number;
	/** Keep every request in `Sandbox.requests`. */
	recordRequests?: boolean;
	/** Extra directory users to seed (deterministic for the seed), to rehearse a big org; default 0. */
	users?: number;
};

export type RecordedRequest = {
	method: string;
	path: string;
	query: Record<string, string[]>;
	/** The parsed JSON body; the raw text when it is not JSON; undefined when empty. */
	body: unknown;
	/** Lower-case names; `x-api-key` is replaced by `[REDACTED]`. */
	headers: Record<string, string>;
	/** The answer's status; undefined while unanswered or when the connection was cut. */
	status?: number;
	/** The answer's body exactly as sent ('' for none): the text is made for sending anyway. */
	response?: string;
};

export type SandboxStats = {
	requests: number;
	/** Answers sent, by HTTP status (injected 500/503s and 429s included). */
	byStatus: Record<number, number>;
	rateLimited: number;
	dropped: number;
	droppedAfterCommit: number;
	/** Every injected fault: 500s, 503s, drops and drops after commit. */
	faults: number;
};

export type Sandbox = {
	/** `http://127.0.0.1:PORT`; the client appends `/api/…`. */
	url: string;
	apiKey: string;
	orgId: string;
	directory: Directory;
	/** Changes only the knobs given; `faults`, when given, replaces the previous faults. */
	setKnobs(knobs: Knobs): void;
	stats: SandboxStats;
	requests: RecordedRequest[];
	close(): Promise<void>;
};

const maxBodyBytes = 1024 * 1024;
/** Past this a body is not even drained: the connection is cut. */
const maxDrainBytes = 16 * maxBodyBytes;
const routes = [...v1Routes, ...v2Routes];

/** Starts a simulated JumpCloud on 127.0.0.1, seeded with an organization, users, groups and systems. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	checkKnobs(options);
	const seed = options.seed ?? randomInt(2 ** 31);
	const directory = seededDirectory(seed);
	seedUsers(directory, options.users ?? 0, seed);
	const apiKey = options.apiKey ?? 'sandbox-key';
	const access: AccessConfig = {apiKey, orgId: directory.org._id, multiTenant: options.multiTenant ?? false};

	const knobs = {
		latencyMs: 0,
		jitterMs: 0,
		rateLimit: 0,
		faults: {} as Faults,
		clockOffsetMs: 0,
		errorStyle: 'grpc' as ErrorStyle,
		duplicateUserStatus: 400 as 400 | 409,
	};
	let bucket: TokenBucket | undefined;
	const setKnobs = (changes: Knobs) => {
		checkKnobs(changes);
		if (changes.latencyMs !== undefined) knobs.latencyMs = changes.latencyMs;
		if (changes.jitterMs !== undefined) knobs.jitterMs = changes.jitterMs;
		if (changes.faults !== undefined) knobs.faults = {...changes.faults};
		if (changes.errorStyle !== undefined) knobs.errorStyle = changes.errorStyle;
		if (changes.duplicateUserStatus !== undefined) knobs.duplicateUserStatus = changes.duplicateUserStatus;
		if (changes.clockOffsetMs !== undefined) {
			const offset = changes.clockOffsetMs;
			knobs.clockOffsetMs = offset;
			directory.now = () => new Date(Date.now() + offset);
		}
		if (changes.rateLimit !== undefined) {
			knobs.rateLimit = changes.rateLimit;
			bucket = changes.rateLimit > 0 ? new TokenBucket(changes.rateLimit) : undefined;
		}
	};
	setKnobs(options);
	// Separate streams, so turning jitter on does not change which requests meet faults.
	const faultRandom = seededRandom(seed);
	const jitterRandom = seededRandom(seed ^ 0x51773e2);

	const stats: SandboxStats = {requests: 0, byStatus: {}, rateLimited: 0, dropped: 0, droppedAfterCommit: 0, faults: 0};
	const requests: RecordedRequest[] = [];

	let closed = false;
	const sleepers = new Set<() => void>();
	/** A wait that close() cuts short, so no timer outlives the sandbox. */
	const sleep = (ms: number) =>
		new Promise<void>((resolve) => {
			if (ms <= 0) return resolve();
			const wake = () => {
				clearTimeout(timer);
				sleepers.delete(wake);
				resolve();
			};
			const timer = setTimeout(wake, ms);
			sleepers.add(wake);
		});

	/** An error body in the configured style; `route` says whether its operation declares `ErrorDetails` (for its 400). */
	const errorReply = (error: ApiError, route?: Route, headers?: Record<string, string>): Reply => ({
		status: error.code,
		body: error.render(knobs.errorStyle, (route?.errorDetails ?? false) && error.code === 400),
		...(headers ? {headers} : {}),
	});

	function send(res: ServerResponse, reply: Reply, recorded?: RecordedRequest): void {
		stats.byStatus[reply.status] = (stats.byStatus[reply.status] ?? 0) + 1;
		const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
		if (recorded) {
			recorded.status = reply.status;
			recorded.response = text;
		}
		if (res.destroyed) return; // the client gave up (a timeout); the work is done all the same
		res.writeHead(reply.status, {
			// The sandbox's own clock, which may be set apart from this machine's.
			Date: directory.now().toUTCString(),
			...(reply.body === undefined ? {} : {'Content-Type': 'application/json; charset=utf-8'}),
			'Content-Length': String(Buffer.byteLength(text)),
			...reply.headers,
		});
		res.end(text);
	}

	/** Auth, routing and the handler: everything JumpCloud itself would decide. */
	function process(req: IncomingMessage, request: ParsedRequest): Reply {
		let found: ReturnType<typeof findRoute>;
		try {
			if (request.tooLarge) throw new ApiError(413, 'Request body too large: at most 1 MB');
			const denied = checkAccess(req.headers, request.path, access);
			if (denied) throw denied;
			found = findRoute(routes, request.method, request.path);
			if (!found) throw new ApiError(404, `Not Found: no route for ${request.method} ${request.path}`);
			if (request.badJson) throw new ApiError(400, 'Bad Request: the body is not valid JSON');
			return found.route.handle({...request, params: found.params, directory, settings: {duplicateUserStatus: knobs.duplicateUserStatus}});
		} catch (error) {
			if (error instanceof ApiError) return errorReply(error, found?.route);
			const message = error instanceof Error ? error.message : String(error);
			return errorReply(new ApiError(500, `Internal Server Error (a sandbox bug: ${message})`));
		}
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		stats.requests++;
		const request = await parseRequest(req);
		if (!request) return;
		const recorded = options.recordRequests ? record(req, request) : undefined;
		if (recorded) requests.push(recorded);

		const delay = knobs.latencyMs + (knobs.jitterMs > 0 ? jitterRandom() * knobs.jitterMs : 0);
		const verdict = bucket?.take() ?? {ok: true};
		if (!verdict.ok) {
			stats.rateLimited++;
			await sleep(delay);
			if (closed) return;
			const limited = new ApiError(429, 'Too Many Requests: retry after the number of seconds in Retry-After');
			return send(res, errorReply(limited, undefined, {'Retry-After': String(verdict.retryAfterSeconds)}), recorded);
		}
		// Drawn on arrival, so the draws follow request order rather than timer order.
		const fault = pickPreFault(knobs.faults, faultRandom());
		await sleep(delay);
		if (closed) return;
		if (fault === 'drop') {
			stats.dropped++;
			stats.faults++;
			req.socket.destroy();
			return;
		}
		if (fault) {
			stats.faults++;
			const status = fault === 'error500' ? 500 : 503;
			return send(res, errorReply(new ApiError(status, status === 500 ? 'Internal Server Error' : 'Service Unavailable')), recorded);
		}

		if (isUserCreate(request) && (knobs.faults.create503 ?? 0) > 0 && faultRandom() < knobs.faults.create503!) {
			stats.faults++;
			return send(res, errorReply(new ApiError(503, 'Service Unavailable')), recorded);
		}
		if (isUserCreate(request) && (knobs.faults.createdElsewhere ?? 0) > 0 && faultRandom() < knobs.faults.createdElsewhere!) {
			// Someone else got there first with their own details, and this create's answer is lost.
			createElsewhere(directory, request.body);
			stats.faults++;
			return send(res, errorReply(new ApiError(503, 'Service Unavailable')), recorded);
		}
		const reply = process(req, request);
		const committed = reply.status >= 200 && reply.status < 300 && isMutation(request);
		const share = knobs.faults.dropAfterCommit ?? 0;
		if (committed && share > 0 && faultRandom() < share) {
			// The change stands but the answer never comes: the case where a blind retry duplicates.
			stats.droppedAfterCommit++;
			stats.faults++;
			req.socket.destroy();
			return;
		}
		send(res, reply, recorded);
	}

	const server = createServer((req, res) => {
		handle(req, res).catch(() => {
			// Only reading the request can fail here (the client vanished mid-body): nobody to answer.
			req.socket.destroy();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const {port} = server.address() as AddressInfo;

	let closing: Promise<void> | undefined;
	return {
		url: `http://127.0.0.1:${port}`,
		apiKey,
		orgId: directory.org._id,
		directory,
		setKnobs,
		stats,
		requests,
		close() {
			closing ??= new Promise<void>((resolve) => {
				closed = true;
				for (const wake of [...sleepers]) wake();
				server.close(() => resolve());
				// Keep-alive sockets would hold close() open for seconds.
				server.closeAllConnections();
			});
			return closing;
		},
	};
}

type ParsedRequest = {
	method: string;
	path: string;
	query: URLSearchParams;
	body: unknown;
	rawBody: string;
	badJson: boolean;
	tooLarge: boolean;
};

/** Reads the whole request. A body over 1 MB is drained and flagged (413 later); a huge one cuts the connection. */
async function parseRequest(req: IncomingMessage): Promise<ParsedRequest | undefined> {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > maxDrainBytes) {
			req.socket.destroy();
			return undefined;
		}
		if (size <= maxBodyBytes) chunks.push(chunk);
	}
	const tooLarge = size > maxBodyBytes;
	const rawBody = tooLarge ? '' : Buffer.concat(chunks).toString('utf8');
	let body: unknown;
	let badJson = false;
	if (rawBody.trim() !== '') {
		try {
			body = JSON.parse(rawBody);
		} catch {
			badJson = true;
		}
	}
	return {
		method: (req.method ?? 'GET').toUpperCase(),
		path: url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname,
		query: url.searchParams,
		body,
		rawBody,
		badJson,
		tooLarge,
	};
}

function record(req: IncomingMessage, request: ParsedRequest): RecordedRequest {
	const query: Record<string, string[]> = {};
	for (const [name, value] of request.query) (query[name] ??= []).push(value);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined) continue;
		headers[name] = name === 'x-api-key' ? '[REDACTED]' : Array.isArray(value) ? value.join(', ') : value;
	}
	return {
		method: request.method,
		path: request.path,
		query,
		body: request.badJson ? request.rawBody : request.body,
		headers,
	};
}

function isUserCreate(request: ParsedRequest): boolean {
	return request.method === 'POST' && request.path === '/api/systemusers';
}

/**
 * A user with the create's username and email, as another admin or an HR sync would make it: their
 * own names, no password, none of the row's other unique fields. Nothing when the body is unusable
 * or the username or email is taken already.
 */
function createElsewhere(directory: Directory, body: unknown): void {
	if (body === null || typeof body !== 'object') return;
	const {username, email} = body as {username?: unknown; email?: unknown};
	if (typeof username !== 'string' || typeof email !== 'string') return;
	if (directory.isTaken('username', username) || directory.isTaken('email', email)) return;
	directory.addUser({username, email, firstname: 'Someone', lastname: 'Else', state: 'ACTIVATED', passwordSet: false});
}

/** Writes, which `dropAfterCommit` applies to; `/search` POSTs only read. */
function isMutation(request: ParsedRequest): boolean {
	return ['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method) && !request.path.startsWith('/api/search/');
}
