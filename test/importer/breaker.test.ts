import {afterEach, describe, expect, it} from 'vitest';
import {JumpCloudClient} from '../../source/jumpcloud/client.js';
import {Breaker} from '../../source/importer/breaker.js';
import {readJournal} from '../../source/importer/journal.js';
import {Pacer} from '../../source/importer/pacer.js';
import {prepareResume} from '../../source/importer/resume.js';
import {launchImport, loadProgress} from '../../source/importer/session.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {importFile, recordImport, usersCsv} from '../support/import-harness.js';
import {runRollback} from '../../source/importer/rollback-session.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

describe('Breaker', () => {
	const unanswered = (durationMs = 100) => ({error: 'timeout' as const, durationMs});

	it('trips after a streak of unanswered requests; any answer, even an error status, ends the streak', () => {
		let clock = 0;
		const breaker = new Breaker({maxStreak: 4, minStreak: 2, streakMs: 60_000, now: () => clock});
		for (let i = 0; i < 3; i++) expect(breaker.observe(unanswered())).toBeUndefined();
		expect(breaker.observe({status: 503, error: 'server', durationMs: 5})).toBeUndefined();
		for (let i = 0; i < 3; i++) expect(breaker.observe(unanswered())).toBeUndefined();
		expect(breaker.observe({error: 'network', durationMs: 1})).toMatch(/^JumpCloud stopped answering: 4 requests in a row got no answer over 0 s \(the last could not connect\)\.$/);
		// Once is enough: the run is stopping.
		expect(breaker.observe(unanswered())).toBeUndefined();
	});

	it("answers that are not JumpCloud's (a captive portal appearing mid-run) count as no answer; a refusal (4xx) is an answer", () => {
		const breaker = new Breaker({maxStreak: 3, minStreak: 2, streakMs: 60_000, now: () => 0});
		expect(breaker.observe({error: 'not-api', status: 200, durationMs: 1})).toBeUndefined();
		expect(breaker.observe({error: 'validation', status: 400, durationMs: 1})).toBeUndefined();
		expect(breaker.observe({error: 'not-api', status: 200, durationMs: 1})).toBeUndefined();
		expect(breaker.observe({error: 'timeout', durationMs: 1})).toBeUndefined();
		expect(breaker.observe({error: 'not-api', status: 302, durationMs: 1})).toMatch(/3 requests in a row got no answer .*\(the last was answered by something that is not JumpCloud's API\)/);
	});

	it('a shorter streak trips once it has lasted long enough (a silent server, one request at a time)', () => {
		let clock = 30_000;
		const breaker = new Breaker({maxStreak: 8, minStreak: 3, streakMs: 60_000, now: () => clock});
		expect(breaker.observe(unanswered(30_000))).toBeUndefined();
		clock += 30_000;
		expect(breaker.observe(unanswered(30_000))).toBeUndefined();
		clock += 30_000;
		expect(breaker.observe(unanswered(30_000))).toMatch(/3 requests in a row got no answer over 90 s \(the last timed out\)/);
	});
});

describe('an import whose server goes silent', () => {
	it('stops soon with one clear reason, leaves an unfinished journal, and a resume creates each user exactly once', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 71}));
		const file = usersCsv(40);
		const {manifest, folder} = await recordImport(box, file, {concurrency: 4});
		const silentClient = () => {
			const pacer = new Pacer({startRate: 200});
			const client = new JumpCloudClient({apiKey: box.apiKey, baseUrl: box.url, gate: pacer.gate, observer: pacer.observe, timeoutMs: 300, backoff: {maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 50}});
			return {client, pacer};
		};
		const {client, pacer} = silentClient();
		const prepared = await prepareResume(client, folder, manifest, {purpose: 'resume'});
		let created = 0;
		let requestsWhenSilent = 0;
		const outcome = await launchImport({
			client,
			pacer,
			folder,
			manifest,
			mapping: prepared.mapping,
			rows: prepared.rows,
			onEvent: (event) => {
				// After five users, the server stops answering (as a dead proxy or a lost route would).
				if (event.type === 'row-created' && ++created === 5) {
					box.setKnobs({latencyMs: 60_000});
					requestsWhenSilent = box.stats.requests;
				}
			},
		}).finished;

		expect(outcome.failure?.message).toMatch(/^JumpCloud stopped answering: \d+ requests in a row got no answer/);
		expect(outcome.failure?.remedy).toBe('once JumpCloud answers again');
		expect(outcome.stopped).toBe(true);
		// Minutes of timeouts and retries are not spent: a handful of requests met the silence.
		expect(box.stats.requests - requestsWhenSilent).toBeLessThanOrEqual(16);
		const journal = readJournal(folder.journalPath);
		expect(journal.some((record) => record.t === 'run' && record.event === 'finished')).toBe(false);
		expect(loadProgress(folder).finished).toBe(false);

		box.setKnobs({latencyMs: 0});
		const again = silentClient();
		const resumed = await prepareResume(again.client, folder, manifest, {purpose: 'resume'});
		const finished = await launchImport({client: again.client, pacer: again.pacer, folder, manifest, mapping: resumed.mapping, rows: resumed.rows}).finished;
		expect(finished.counts).toMatchObject({created: 40, failed: 0, remaining: 0});
		const imported = [...box.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'));
		expect(imported).toHaveLength(40);
		expect(new Set(imported.map((user) => user.username)).size).toBe(40);
	});
});

describe('a rollback whose server goes silent', () => {
	it('stops between users with the reason; run again, it finishes', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 72}));
		const {folder, manifest} = await importFile(box, usersCsv(40), {concurrency: 4});
		const quickClient = () => new JumpCloudClient({apiKey: box.apiKey, baseUrl: box.url, timeoutMs: 300, backoff: {maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 50}});
		let deleted = 0;
		let requestsWhenSilent = 0;
		const result = await runRollback({
			client: quickClient(),
			folder,
			manifest,
			onEvent: (event) => {
				if (event.type === 'deleted' && ++deleted === 5) {
					box.setKnobs({latencyMs: 60_000});
					requestsWhenSilent = box.stats.requests;
				}
			},
		});
		expect(result.failure).toMatch(/^JumpCloud stopped answering/);
		expect(result.left + result.failed).toBeGreaterThan(0);
		expect(box.stats.requests - requestsWhenSilent).toBeLessThanOrEqual(16);

		box.setKnobs({latencyMs: 0});
		const again = await runRollback({client: quickClient(), folder, manifest});
		expect(again.failure).toBeUndefined();
		expect(again.left + again.failed).toBe(0);
		expect([...box.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'))).toHaveLength(0);
	});
});

