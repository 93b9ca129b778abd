import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {readJournal} from '../../source/importer/journal.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {importFile, usersCsv} from '../support/import-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

const importedUsers = (box: Sandbox) => [...box.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'));

describe('an import against a misbehaving JumpCloud', () => {
	it('creates 500 users exactly once through dropped answers, 503s and 429 bursts, with none failed', {timeout: 120_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 7, latencyMs: 2, jitterMs: 3, rateLimit: 100, faults: {dropAfterCommit: 0.05, error503: 0.05}}));
		// 429 bursts: twice the limit drops to 5 requests/s for a second and a half, then comes back.
		const squeeze = (at: number) => [setTimeout(() => box.setKnobs({rateLimit: 5}), at), setTimeout(() => box.setKnobs({rateLimit: 100}), at + 1500)];
		const timers = [...squeeze(2000), ...squeeze(5000)];
		const file = usersCsv(500);
		const {outcome, folder} = await importFile(box, file, {concurrency: 16});
		for (const timer of timers) clearTimeout(timer);

		expect(outcome.counts).toMatchObject({created: 500, failed: 0, remaining: 0, invalid: 0});
		const users = importedUsers(sandbox);
		expect(users).toHaveLength(500);
		expect(new Set(users.map((user) => user.username)).size).toBe(500);
		// The faults really happened, and the lost answers were reconciled by lookup, not re-sent.
		expect(sandbox.stats.droppedAfterCommit).toBeGreaterThan(5);
		expect(sandbox.stats.byStatus[503]).toBeGreaterThan(5);
		expect(sandbox.stats.rateLimited).toBeGreaterThan(0);
		const records = readJournal(folder.journalPath);
		expect(records.filter((record) => record.t === 'done' && record.step === 'create' && record.reconciled).length).toBeGreaterThan(5);
		expect(records.filter((record) => record.t === 'done' && record.step === 'create')).toHaveLength(500);
		// No password reached the journal.
		expect(readFileSync(folder.journalPath, 'utf8')).not.toContain('Import-Pass');
	});
});
