import {createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse} from 'node:http';

/**
 * A tiny HTTP server on 127.0.0.1 that answers as scripted: a captive portal, a broken proxy, a
 * server that redirects, never answers, or never stops. Every request is recorded.
 */

export type Seen = {method: string; path: string; query: URLSearchParams; headers: IncomingHttpHeaders; body: string};

export type Behaviour = (res: ServerResponse, seen: Seen, req: IncomingMessage) => void | Promise<void>;

export type HostileServer = {
	url: string;
	/** 127.0.0.1:port, as an error should name it. */
	host: string;
	requests: Seen[];
	close(): Promise<void>;
};

export async function startHostile(behave: Behaviour): Promise<HostileServer> {
	const requests: Seen[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const seen = {method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8')};
			requests.push(seen);
			Promise.resolve(behave(res, seen, req)).catch(() => res.destroy());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as {port: number};
	return {
		url: `http://127.0.0.1:${port}`,
		host: `127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				// A silent behaviour holds its connections open: cut them, or close waits for ever.
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	text(res, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

export function text(res: ServerResponse, status: number, contentType: string | undefined, body: string, headers: Record<string, string> = {}): void {
	res.writeHead(status, {...(contentType ? {'Content-Type': contentType} : {}), 'Content-Length': String(Buffer.byteLength(body)), ...headers});
	res.end(body);
}

/** Never answers: the request stays open until the client gives up or the server closes. */
export const silent: Behaviour = () => {};

export type Streamed = {written: number; finished: boolean; closedByClient: boolean};

/**
 * Writes `total` bytes of `fill` in 64 KB chunks, waiting for the client to take each (backpressure),
 * and stops when the client closes the connection. Resolves with what was written.
 */
export function stream(res: ServerResponse, options: {total: number; fill?: string; contentLength?: number; status?: number}): Promise<Streamed> {
	const chunk = Buffer.alloc(64 * 1024, options.fill ?? ' ');
	res.writeHead(options.status ?? 200, {
		'Content-Type': 'application/json',
		...(options.contentLength === undefined ? {} : {'Content-Length': String(options.contentLength)}),
	});
	return new Promise((resolve) => {
		let written = 0;
		let closed = false;
		res.on('close', () => {
			closed = true;
			resolve({written, finished: written >= options.total, closedByClient: written < options.total});
		});
		const pump = () => {
			while (!closed && written < options.total) {
				written += chunk.length;
				if (!res.write(chunk)) {
					res.once('drain', pump);
					return;
				}
			}
			if (!closed && written >= options.total) res.end();
		};
		pump();
	});
}
