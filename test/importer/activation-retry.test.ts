import {afterEach, describe, expect, it} from 'vitest';
import {readJournal} from '../../source/importer/journal.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {importFile, usersCsv} from '../support/import-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

describe('activation through lost answers', () => {
	it('is sent again within the run, after reading the state: every user active, exactly one email each', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 71, faults: {dropAfterCommit: 0.3, error503: 0.15}}));
		const {outcome, folder} = await importFile(box, usersCsv(60), {state: 'ACTIVATED', email: {kind: 'default'}});
		expect(outcome.counts).toMatchObject({created: 60, failed: 0, remaining: 0});
		const users = [...box.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'));
		expect(users.every((user) => user.state === 'ACTIVATED')).toBe(true);
		const emailed = box.directory.emails.map((email) => email.userId);
		expect(emailed).toHaveLength(60);
		expect(new Set(emailed).size).toBe(60);
		// The losses really fell on activations, and were settled by reading the state, not by a second email.
		const records = readJournal(folder.journalPath);
		expect(records.filter((record) => record.t === 'lost' && record.step === 'activate').length).toBeGreaterThan(3);
		expect(records.filter((record) => record.t === 'done' && record.step === 'activate' && record.note === 'found active').length).toBeGreaterThan(0);
	});
});
