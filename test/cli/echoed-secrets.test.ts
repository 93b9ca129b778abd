import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {usersCsv} from '../support/import-harness.js';
import {startRewritingProxy} from '../support/rewriting-proxy.js';
import {runCli} from '../support/run-cli.js';
import {tempFolder} from '../support/temp-dir.js';

let sandbox: Sandbox | undefined;
let proxy: {url: string; close: () => Promise<void>} | undefined;
afterEach(async () => {
	await proxy?.close();
	await sandbox?.close();
	sandbox = proxy = undefined;
});

function everyFile(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const full = path.join(folder, name);
		return statSync(full).isDirectory() ? everyFile(full) : [full];
	});
}

/** A secret and the forms a server might echo it in. */
function forms(secret: string): string[] {
	return [secret, secret.toLowerCase(), secret.toUpperCase(), Buffer.from(secret).toString('base64'), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
}

describe('a password or key echoed by the server', () => {
	it('never reaches the journal, the reports, stdout or stderr, in any common form', {timeout: 60_000}, async () => {
		sandbox = await startSandbox({seed: 93});
		const file = usersCsv(3);
		const password = 'Import-Pass-1!';
		// The server refuses the second create and quotes its password and the key back, as a careless API might.
		let sawCreate = 0;
		proxy = await startRewritingProxy(sandbox.url, () => undefined, (request) => {
			if (request.method !== 'POST' || !request.url.startsWith('/api/systemusers?') || ++sawCreate % 3 !== 2) return undefined;
			const quoted = [...forms(password), ...forms(sandbox!.apiKey)].join(' | ');
			return {status: 400, body: JSON.stringify({code: 400, message: `password rejected: ${quoted}`, status: 'INVALID_ARGUMENT', details: [{'@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolationsList: [{field: 'password', description: `not ${password}`}]}]})};
		});
		const home = tempFolder('jc-import-echo-');
		const env = {JC_API_KEY: sandbox.apiKey, JC_API_URL: proxy.url, JC_IMPORT_HOME: home};
		const text = await runCli(['run', file, '--yes', '--concurrency', '1'], env);
		const json = await runCli(['run', usersCsv(3), '--yes', '--json', '--concurrency', '1'], env);
		const written = everyFile(home).map((name) => readFileSync(name, 'utf8'));
		const everything = [text.stdout, text.stderr, json.stdout, json.stderr, ...written].join('\n');
		expect(text.stdout + text.stderr).toMatch(/password rejected: \[REDACTED\]/);
		for (const form of [...forms(password), ...forms(sandbox.apiKey)]) expect(everything).not.toContain(form);
	});

	it('quoted in the answer to a later step (the activation) is redacted too', {timeout: 60_000}, async () => {
		sandbox = await startSandbox({seed: 94});
		// usersCsv gives user N the password Import-Pass-N!; the proxy learns ids from the creates' answers.
		const passwordOf = new Map<string, string>();
		proxy = await startRewritingProxy(
			sandbox.url,
			(answer) => {
				if (answer.method === 'POST' && answer.url.startsWith('/api/systemusers?') && answer.status === 200) {
					const user = JSON.parse(answer.text) as {_id: string; username: string};
					passwordOf.set(user._id, `Import-Pass-${user.username.replace('user', '')}!`);
				}
				return undefined;
			},
			(request) => {
				const id = /^\/api\/systemusers\/([^/]+)\/state\/activate/.exec(request.url)?.[1];
				const password = id ? passwordOf.get(id) : undefined;
				return password ? {status: 400, body: JSON.stringify({message: `cannot activate: password ${password} (${password.toLowerCase()}, ${Buffer.from(password).toString('base64')}) expired`})} : undefined;
			},
		);
		const home = tempFolder('jc-import-echo-');
		const env = {JC_API_KEY: sandbox.apiKey, JC_API_URL: proxy.url, JC_IMPORT_HOME: home};
		const run = await runCli(['run', usersCsv(3), '--yes', '--state', 'ACTIVATED', '--email', 'none'], env);
		expect(run.stdout).toMatch(/FAILED user1 at activation: .*cannot activate: password \[REDACTED\]/);
		const everything = [run.stdout, run.stderr, ...everyFile(home).map((name) => readFileSync(name, 'utf8'))].join('\n');
		for (const index of [0, 1, 2]) for (const form of forms(`Import-Pass-${index}!`)) expect(everything).not.toContain(form);
	});
});
