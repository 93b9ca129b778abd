import type {IncomingMessage} from 'node:http';

/** A request read whole, with what is wrong with its body noted for the answer to say. */
export type ParsedRequest = {
	method: string;
	path: string;
	query: URLSearchParams;
	body: unknown;
	rawBody: string;
	badJson: boolean;
	tooLarge: boolean;
};

const maxBodyBytes = 1024 * 1024;
/** Past this a body is not even drained: the connection is cut. */
const maxDrainBytes = 16 * maxBodyBytes;

/** Reads the whole request. A body over 1 MB is drained and flagged (413 later); a huge one cuts the connection. */
export async function parseRequest(req: IncomingMessage): Promise<ParsedRequest | undefined> {
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

export function isUserCreate(request: ParsedRequest): boolean {
	return request.method === 'POST' && request.path === '/api/systemusers';
}

/** Writes, which `dropAfterCommit` applies to; `/search` POSTs only read. */
export function isMutation(request: ParsedRequest): boolean {
	return ['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method) && !request.path.startsWith('/api/search/');
}
