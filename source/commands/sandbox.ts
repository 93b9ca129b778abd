import {once} from 'node:events';
import {exitCodes, UsageError} from '../lib/exit-codes.js';
import {errorStyles, maxSeededUsers, parseErrorStyle, parseFaults, startSandbox} from '../sandbox/index.js';
import type {CliCommand} from './command.js';

export const sandboxCommand: CliCommand = {
	name: 'sandbox',
	usage:
		'sandbox [--port N] [--api-key K] [--latency-ms N] [--jitter-ms N] [--rate-limit N] [--faults SPEC] [--error-style S] [--duplicate-user-status 400|409] [--seed N] [--users N] [--multi-tenant]',
	summary: 'run the simulated JumpCloud in the foreground on 127.0.0.1 and print its base URL',
	flags: {
		port: {type: 'string', value: 'N', description: 'port to listen on (default: a free one)'},
		'api-key': {type: 'string', value: 'K', description: 'the key the sandbox accepts (default: sandbox-key)'},
		'latency-ms': {type: 'string', value: 'N', description: 'added to every answer'},
		'jitter-ms': {type: 'string', value: 'N', description: 'random extra latency, 0..N'},
		'rate-limit': {type: 'string', value: 'N', description: 'requests per second before 429 with Retry-After (0: off)'},
		faults: {
			type: 'string',
			value: 'SPEC',
			description:
				'shares of faulty answers, e.g. "drop-after-commit=0.05,error503=0.05,error500=0.01,drop=0.01"; on user creates only: created-elsewhere (someone else makes the user, then 503) and create-503',
		},
		'error-style': {
			type: 'string',
			value: 'S',
			description: `shape of error bodies: ${errorStyles.join(', ')} (default grpc, the spec's {code, message, status})`,
		},
		'duplicate-user-status': {
			type: 'string',
			value: '400|409',
			description: 'status of a create whose username or email is taken (default 400, as the spec says)',
		},
		seed: {type: 'string', value: 'N', description: 'seed for fault draws, ids and --users (repeatable runs)'},
		users: {type: 'string', value: 'N', description: `seed N extra directory users to rehearse a big org (the same ones for the same --seed; at most ${maxSeededUsers.toLocaleString('en')})`},
		'multi-tenant': {type: 'boolean', description: 'require x-org-id on every request, as for a multi-tenant admin'},
	},
	maxPositionals: 0,
	async run({values}, {stdout}) {
		let faults;
		let errorStyle;
		try {
			faults = values.faults === undefined ? undefined : parseFaults(String(values.faults));
			errorStyle = values['error-style'] === undefined ? undefined : parseErrorStyle(String(values['error-style']));
		} catch (error) {
			// The sandbox's parsers say what is wrong with the flag's value; a usage error here.
			throw new UsageError((error as Error).message, {cause: error});
		}
		const duplicate = values['duplicate-user-status'];
		if (duplicate !== undefined && duplicate !== '400' && duplicate !== '409') {
			throw new UsageError(`--duplicate-user-status must be 400 or 409, not '${String(duplicate).slice(0, 20)}'.`);
		}
		const sandbox = await startSandbox({
			port: integer(values.port, 'port', 0, 65_535) ?? 0,
			apiKey: values['api-key'] === undefined ? undefined : String(values['api-key']),
			latencyMs: integer(values['latency-ms'], 'latency-ms', 0, 600_000),
			jitterMs: integer(values['jitter-ms'], 'jitter-ms', 0, 600_000),
			rateLimit: integer(values['rate-limit'], 'rate-limit', 0, 1_000_000),
			seed: integer(values.seed, 'seed', 0, 2 ** 31),
			users: integer(values.users, 'users', 0, maxSeededUsers),
			multiTenant: values['multi-tenant'] === true,
			faults,
			errorStyle,
			duplicateUserStatus: duplicate === undefined ? undefined : duplicate === '409' ? 409 : 400,
		});
		stdout.write(`${sandbox.url}\n`);
		stdout.write(
			`Sandbox listening (API key: ${sandbox.apiKey}, org id: ${sandbox.orgId}, ${sandbox.directory.users.size.toLocaleString('en')} users). Ctrl+C stops it.\n`,
		);
		await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM'), once(process, 'SIGHUP')]);
		await sandbox.close();
		return exitCodes.interrupted;
	},
};

function integer(value: unknown, name: string, min: number, max: number): number | undefined {
	if (value === undefined) return undefined;
	const text = String(value);
	const number = Number(text);
	if (!/^\d+$/.test(text) || number < min || number > max) {
		throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not '${text.slice(0, 20)}'.`);
	}
	return number;
}
