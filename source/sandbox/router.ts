import type {Directory} from './directory.js';

/** A tiny route table: templates like `/api/systemusers/{id}`, handlers that return a reply or throw an ApiError. */

export type RouteRequest = {
	method: string;
	path: string;
	query: URLSearchParams;
	body: unknown;
	/** The `{…}` parts of the path, in order. */
	params: string[];
	directory: Directory;
	/** The knobs a handler needs (the others act in the server). */
	settings: RouteSettings;
};

export type RouteSettings = {duplicateUserStatus: 400 | 409};

export type Reply = {status: number; body?: unknown; headers?: Record<string, string>};

export type Route = {
	method: string;
	pattern: RegExp;
	handle: (request: RouteRequest) => Reply;
	/** The spec declares `ErrorDetails` (field violations in `details`) for this operation's 400 (other statuses get `Error`). */
	errorDetails: boolean;
};

export function route(method: string, template: string, handle: Route['handle'], options: {errorDetails?: boolean} = {}): Route {
	const source = template
		.split(/(\{[^}]+\})/)
		.map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return {method, pattern: new RegExp(`^${source}$`), handle, errorDetails: options.errorDetails ?? false};
}

export function findRoute(routes: readonly Route[], method: string, path: string): {route: Route; params: string[]} | undefined {
	for (const candidate of routes) {
		if (candidate.method !== method) continue;
		const match = candidate.pattern.exec(path);
		if (match) return {route: candidate, params: match.slice(1).map(decode)};
	}
	return undefined;
}

function decode(part: string): string {
	try {
		return decodeURIComponent(part);
	} catch {
		return part; // a malformed escape is just an id that matches nothing
	}
}

/** The first value of a query parameter. */
export function one(query: URLSearchParams, name: string): string | undefined {
	return query.get(name) ?? undefined;
}
