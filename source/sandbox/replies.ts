import type {ServerResponse} from 'node:http';
import type {ApiError, ErrorStyle} from './errors.js';
import type {RecordedRequest} from './recorded-request.js';
import type {Reply, Route} from './router.js';

/** Answers sent so far, by HTTP status; `sendReply` counts each. */
export type StatusCounts = Record<number, number>;

/** An error body in the configured style; `route` says whether its operation declares `ErrorDetails` (for its 400). */
export function errorReply(error: ApiError, style: ErrorStyle, route?: Route, headers?: Record<string, string>): Reply {
	return {
		status: error.code,
		body: error.render(style, (route?.errorDetails ?? false) && error.code === 400),
		...(headers ? {headers} : {}),
	};
}

/** Sends a reply as JSON, stamped with the sandbox's own clock, which may be set apart from this machine's. */
export function sendReply(res: ServerResponse, reply: Reply, byStatus: StatusCounts, now: Date, recorded?: RecordedRequest): void {
	byStatus[reply.status] = (byStatus[reply.status] ?? 0) + 1;
	const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
	if (recorded) {
		recorded.status = reply.status;
		recorded.response = text;
	}
	if (res.destroyed) return; // the client gave up (a timeout); the work is done all the same
	res.writeHead(reply.status, {
		Date: now.toUTCString(),
		...(reply.body === undefined ? {} : {'Content-Type': 'application/json; charset=utf-8'}),
		'Content-Length': String(Buffer.byteLength(text)),
		...reply.headers,
	});
	res.end(text);
}
