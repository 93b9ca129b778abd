import {afterEach, describe, expect, it} from 'vitest';
import {JumpCloudClient} from '../../source/jumpcloud/client.js';
import {Pacer} from '../../source/importer/pacer.js';
import {prepareResume} from '../../source/importer/resume.js';
import {launchImport} from '../../source/importer/session.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {recordImport, usersCsv} from '../support/import-harness.js';
import {startRewritingProxy} from '../support/rewriting-proxy.js';

let sandbox: Sandbox | undefined;
let proxy: {close: () => Promise<void>} | undefined;
afterEach(async () => {
	await sandbox?.close();
	await proxy?.close();
	sandbox = undefined;
	proxy = undefined;
});

/** Every refused user create answered with the body given: JumpCloud's words for a duplicate are not documented. */
async function rewritingProxy(target: string, status: number, body: string): Promise<string> {
	const started = await startRewritingProxy(target, (answer) =>
		answer.method === 'POST' && answer.url.startsWith('/api/systemusers?') && answer.status >= 400 && answer.status < 500 ? {status, body} : undefined,
	);
	proxy = started;
	return started.url;
}

describe('a create refused because the user exists, whatever words JumpCloud uses', () => {
	for (const [status, body] of [
		[400, '{"message":"Bad Request"}'],
		[400, '{"code":400,"message":"User already exists or Bad Request","status":"Bad Request"}'],
		[409, '{"message":"Conflict","error":"duplicate key"}'],
		[400, 'Bad Request'],
	] as const) {
		it(`${status} ${body}: the lookup finds the user someone else made, and the row is skipped, not failed`, {timeout: 30_000}, async () => {
			const box = (sandbox = await startSandbox({seed: 81}));
			const {manifest, folder} = await recordImport(box, usersCsv(3));
			const url = await rewritingProxy(box.url, status, body);
			const pacer = new Pacer();
			const client = new JumpCloudClient({apiKey: box.apiKey, baseUrl: url, gate: pacer.gate, observer: pacer.observe, timeoutMs: 5000});
			const prepared = await prepareResume(client, folder, manifest, {purpose: 'resume'});
			// Made by someone else after the plan was read.
			const other = box.directory.addUser({username: 'user1', email: 'user1@import.example.com', state: 'ACTIVATED', passwordSet: false} as never);
			const outcome = await launchImport({client, pacer, folder, manifest, mapping: prepared.mapping, rows: prepared.rows}).finished;
			expect(outcome.counts).toMatchObject({created: 2, skipped: 1, failed: 0, remaining: 0});
			expect(outcome.results[1]).toMatchObject({status: 'skipped', userId: other._id});
		});
	}

	it('a refusal for another reason, with no such user, stays a failure with the server\'s words', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 82}));
		const {manifest, folder} = await recordImport(box, usersCsv(2));
		const url = await rewritingProxy(box.url, 400, '{"message":"Bad Request"}');
		const pacer = new Pacer();
		const client = new JumpCloudClient({apiKey: box.apiKey, baseUrl: url, gate: pacer.gate, observer: pacer.observe, timeoutMs: 5000});
		const prepared = await prepareResume(client, folder, manifest, {purpose: 'resume'});
		// The sandbox refuses this row's create (its password breaks the policy); the proxy hides why.
		const rows = prepared.rows.map((row) => (row.row === 1 ? {...row, body: {...row.body!, password: 'short'}} : row));
		const outcome = await launchImport({client, pacer, folder, manifest, mapping: prepared.mapping, rows}).finished;
		expect(outcome.counts).toMatchObject({created: 1, failed: 1});
		expect(outcome.results[0]).toMatchObject({status: 'failed'});
		expect(outcome.results[0]!.error).toMatch(/Bad Request/);
	});
});
