import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';

export type ProxiedAnswer = {method: string; url: string; status: number; text: string};
type Replacement = {status: number; body: string};

/**
 * Forwards every request to `target` (the sandbox) and lets `rewrite` replace the answer: a way to
 * show the client words JumpCloud may use that the sandbox does not (error texts, echoed values).
 */
export async function startRewritingProxy(
	target: string,
	rewrite: (answer: ProxiedAnswer) => Replacement | undefined,
	/** Answers a request itself, never sending it on: a refusal that made nothing. */
	answerFirst: (request: {method: string; url: string; body: string}) => Replacement | undefined = () => undefined,
): Promise<{url: string; close: () => Promise<void>}> {
	const server: Server = createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const own = answerFirst({method: req.method ?? 'GET', url: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8')});
		if (own) {
			res.writeHead(own.status, {'content-type': 'application/json', date: new Date().toUTCString()});
			res.end(own.body);
			return;
		}
		const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name !== 'host' && name !== 'content-length')) as Record<string, string>;
		const answer = await fetch(target + req.url, {method: req.method, headers, ...(chunks.length ? {body: Buffer.concat(chunks)} : {})});
		const text = await answer.text();
		const replaced = rewrite({method: req.method ?? 'GET', url: req.url ?? '/', status: answer.status, text});
		const passOn: Record<string, string> = {'content-type': answer.headers.get('content-type') ?? 'application/json', date: answer.headers.get('date') ?? new Date().toUTCString()};
		const total = answer.headers.get('x-total-count');
		if (total) passOn['x-total-count'] = total;
		res.writeHead(replaced ? replaced.status : answer.status, replaced ? {...passOn, 'content-type': 'application/json'} : passOn);
		res.end(replaced ? replaced.body : text);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
