import {JumpCloudClient} from '../jumpcloud/client.js';
import type {AttemptEvent} from '../jumpcloud/http.js';
import type {Sandbox} from '../sandbox/index.js';
import {UsageError} from './exit-codes.js';
import {promptSecret} from './prompt-secret.js';
import type {Connection} from './settings.js';

export type Connected = {
	client: JumpCloudClient;
	/** Shown on every screen and line, so nobody mistakes the sandbox for their org. */
	label: string;
	sandbox: Sandbox | undefined;
	close(): Promise<void>;
};

export type ConnectOptions = {
	/** Ask for a missing API key on the terminal (masked). */
	interactive: boolean;
	observer?: (event: AttemptEvent) => void;
	gate?: (signal?: AbortSignal) => Promise<void>;
	timeoutMs?: number;
};

/** Turns resolved settings into a client, starting an in-process sandbox on a free port when asked. */
export async function connect(connection: Connection, options: ConnectOptions): Promise<Connected> {
	if (connection.kind === 'sandbox') {
		// Loaded only when asked for: a real import never needs the simulated JumpCloud's code.
		const {startSandbox} = await import('../sandbox/index.js');
		const sandbox = await startSandbox({port: 0});
		const client = new JumpCloudClient({
			apiKey: sandbox.apiKey,
			baseUrl: sandbox.url,
			observer: options.observer,
			gate: options.gate,
			timeoutMs: options.timeoutMs,
		});
		return {client, label: `SANDBOX (simulated JumpCloud at ${sandbox.url})`, sandbox, close: () => sandbox.close()};
	}
	let apiKey = connection.apiKey;
	if (!apiKey && options.interactive && process.stdin.isTTY) {
		apiKey = (await promptSecret('JumpCloud API key (input hidden): ')).trim();
	}
	if (!apiKey) {
		throw new UsageError('No API key: set JC_API_KEY (or use --sandbox to try the tool against a simulated JumpCloud).');
	}
	const client = new JumpCloudClient({
		apiKey,
		orgId: connection.orgId,
		baseUrl: connection.baseUrl,
		observer: options.observer,
		gate: options.gate,
		timeoutMs: options.timeoutMs,
	});
	const host = new URL(connection.baseUrl).host;
	return {client, label: `JumpCloud ${host}${connection.orgId ? ` org ${connection.orgId}` : ''}`, sandbox: undefined, close: async () => {}};
}
