import type {IncomingMessage} from 'node:http';
import type {ParsedRequest} from './parsed-request.js';

/** A request as `recordRequests` keeps it, for tests to read what the client sent. */
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

export function recordRequest(req: IncomingMessage, request: ParsedRequest): RecordedRequest {
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
