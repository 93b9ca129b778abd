import {randomInt} from 'node:crypto';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Directory} from './directory.js';
import {handleRequest, type SandboxContext} from './handle-request.js';
import {checkKnobs, seededRandom, type Knobs} from './knobs.js';
import {LiveKnobs} from './live-knobs.js';
import type {RecordedRequest} from './recorded-request.js';
import type {SandboxStats} from './sandbox-stats.js';
import {seededDirectory, seedUsers} from './seed.js';
import {Sleeper} from './sleeper.js';

export type {RecordedRequest} from './recorded-request.js';
export type {SandboxStats} from './sandbox-stats.js';

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

/** Starts a simulated JumpCloud on 127.0.0.1, seeded with an organization, users, groups and systems. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	checkKnobs(options);
	const seed = options.seed ?? randomInt(2 ** 31);
	const directory = seededDirectory(seed);
	seedUsers(directory, options.users ?? 0, seed);
	const apiKey = options.apiKey ?? 'sandbox-key';
	const knobs = new LiveKnobs(directory);
	knobs.set(options);
	const requests: RecordedRequest[] = [];
	const context: SandboxContext = {
		directory,
		access: {apiKey, orgId: directory.org._id, multiTenant: options.multiTenant ?? false},
		knobs,
		stats: {requests: 0, byStatus: {}, rateLimited: 0, dropped: 0, droppedAfterCommit: 0, faults: 0},
		requests: options.recordRequests ? requests : undefined,
		sleeper: new Sleeper(),
		faultRandom: seededRandom(seed),
		jitterRandom: seededRandom(seed ^ 0x51773e2),
	};

	const server = createServer((req, res) => {
		handleRequest(context, req, res).catch(() => {
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
		setKnobs: (changes) => knobs.set(changes),
		stats: context.stats,
		requests,
		close() {
			closing ??= new Promise<void>((resolve) => {
				context.sleeper.close();
				server.close(() => resolve());
				// Keep-alive sockets would hold close() open for seconds.
				server.closeAllConnections();
			});
			return closing;
		},
	};
}
