import {afterEach, describe, expect, it} from 'vitest';
import {JumpCloudClient} from '../../source/jumpcloud/client.js';
import {CreateOnce} from '../../source/importer/create-once.js';
import {readJournal, type JournalRecord} from '../../source/importer/journal.js';
import {newRowProgress} from '../../source/importer/progress.js';
import {Pacer} from '../../source/importer/pacer.js';
import {prepareResume} from '../../source/importer/resume.js';
import {launchImport} from '../../source/importer/session.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {recordImport, usersCsv} from '../support/import-harness.js';
import {startRewritingProxy} from '../support/rewriting-proxy.js';

let sandbox: Sandbox | undefined;
let proxy: {url: string; close: () => Promise<void>} | undefined;
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
			// The server's own words stay on record when they were not "already exists".
			const note = readJournal(folder.journalPath).find((record) => record.t === 'skipped' && record.row === 2);
			if (!/already exist/i.test(body)) expect(note).toMatchObject({note: expect.stringContaining("JumpCloud's answer:")});
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

describe('a create JumpCloud refuses with 429 again and again', () => {
	it('fails the row after a bounded number of refusals, each journaled, never created', async () => {
		const box = (sandbox = await startSandbox({seed: 83}));
		let creates = 0;
		proxy = await startRewritingProxy(box.url, () => undefined, (request) => {
			if (request.method !== 'POST' || !request.url.startsWith('/api/systemusers?')) return undefined;
			creates++;
			return {status: 429, body: '{"message":"Too Many Requests"}'};
		});
		const client = new JumpCloudClient({apiKey: box.apiKey, baseUrl: proxy.url});
		const records: JournalRecord[] = [];
		const creator = new CreateOnce({client, journal: (record) => records.push(record), claimOf: () => undefined, wait: async () => {}, signal: new AbortController().signal});
		const result = await creator.create(1, {username: 'busy', email: 'busy@import.example.com', state: 'STAGED'}, newRowProgress(1));
		expect(result).toMatchObject({kind: 'failed', errorKind: 'rate-limited'});
		expect(creates).toBe(30);
		expect(records.filter((record) => record.t === 'refused')).toHaveLength(30);
		expect(box.directory.userByUsername('busy')).toBeUndefined();
	});
});
