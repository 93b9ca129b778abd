import type {IncomingMessage, ServerResponse} from 'node:http';
import {answerRequest} from './answer-request.js';
import type {AccessConfig} from './auth.js';
import {createElsewhere} from './created-elsewhere.js';
import type {Directory} from './directory.js';
import {ApiError} from './errors.js';
import {pickPreFault} from './knobs.js';
import type {LiveKnobs} from './live-knobs.js';
import {isMutation, isUserCreate, parseRequest} from './parsed-request.js';
import {recordRequest, type RecordedRequest} from './recorded-request.js';
import {errorReply, sendReply} from './replies.js';
import type {Reply} from './router.js';
import type {SandboxStats} from './sandbox-stats.js';
import type {Sleeper} from './sleeper.js';

/** What every request of one sandbox shares. */
export type SandboxContext = {
	directory: Directory;
	access: AccessConfig;
	knobs: LiveKnobs;
	stats: SandboxStats;
	/** Where recorded requests go; undefined when they are not kept. */
	requests: RecordedRequest[] | undefined;
	sleeper: Sleeper;
	/** Separate streams, so turning jitter on does not change which requests meet faults. */
	faultRandom: () => number;
	jitterRandom: () => number;
};

/**
 * One request, as JumpCloud under strain would meet it: the latency, the rate limiter and the
 * injected faults around the answer JumpCloud itself would give.
 */
export async function handleRequest(context: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const {knobs, stats, sleeper, faultRandom, directory} = context;
	stats.requests++;
	const request = await parseRequest(req);
	if (!request) return;
	const recorded = context.requests ? recordRequest(req, request) : undefined;
	if (recorded) context.requests!.push(recorded);
	const send = (reply: Reply) => sendReply(res, reply, stats.byStatus, directory.now(), recorded);

	const delay = knobs.latencyMs + (knobs.jitterMs > 0 ? context.jitterRandom() * knobs.jitterMs : 0);
	const verdict = knobs.bucket?.take() ?? {ok: true};
	if (!verdict.ok) {
		stats.rateLimited++;
		await sleeper.sleep(delay);
		if (sleeper.closed) return;
		const limited = new ApiError(429, 'Too Many Requests: retry after the number of seconds in Retry-After');
		return send(errorReply(limited, knobs.errorStyle, undefined, {'Retry-After': String(verdict.retryAfterSeconds)}));
	}
	// Drawn on arrival, so the draws follow request order rather than timer order.
	const fault = pickPreFault(knobs.faults, faultRandom());
	await sleeper.sleep(delay);
	if (sleeper.closed) return;
	if (fault === 'drop') {
		stats.dropped++;
		stats.faults++;
		req.socket.destroy();
		return;
	}
	if (fault) {
		stats.faults++;
		const status = fault === 'error500' ? 500 : 503;
		return send(errorReply(new ApiError(status, status === 500 ? 'Internal Server Error' : 'Service Unavailable'), knobs.errorStyle));
	}

	if (isUserCreate(request) && (knobs.faults.create503 ?? 0) > 0 && faultRandom() < knobs.faults.create503!) {
		stats.faults++;
		return send(errorReply(new ApiError(503, 'Service Unavailable'), knobs.errorStyle));
	}
	if (isUserCreate(request) && (knobs.faults.createdElsewhere ?? 0) > 0 && faultRandom() < knobs.faults.createdElsewhere!) {
		// Someone else got there first with their own details, and this create's answer is lost.
		createElsewhere(directory, request.body);
		stats.faults++;
		return send(errorReply(new ApiError(503, 'Service Unavailable'), knobs.errorStyle));
	}
	const reply = answerRequest(req.headers, request, context.access, directory, knobs);
	const committed = reply.status >= 200 && reply.status < 300 && isMutation(request);
	const share = knobs.faults.dropAfterCommit ?? 0;
	if (committed && share > 0 && faultRandom() < share) {
		// The change stands but the answer never comes: the case where a blind retry duplicates.
		stats.droppedAfterCommit++;
		stats.faults++;
		req.socket.destroy();
		return;
	}
	send(reply);
}
