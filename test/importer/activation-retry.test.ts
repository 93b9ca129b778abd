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

	it('an activation whose answer was lost before a crash is not sent again: the state is read first', async () => {
		const box = (sandbox = await startSandbox({seed: 72}));
		const {recordImport} = await import('../support/import-harness.js');
		const {Journal} = await import('../../source/importer/journal.js');
		const {launchImport} = await import('../../source/importer/session.js');
		const {client, pacer, prepared, manifest, folder} = await recordImport(box, usersCsv(1), {state: 'ACTIVATED', email: {kind: 'default'}});
		const {password: _, ...shown} = prepared.rows[0]!.body!;
		const user = box.directory.addUser({...shown, passwordSet: true} as never);
		// The activation went through and its email with it, but the answer was lost, then the process died.
		user.state = 'ACTIVATED';
		box.directory.emails.push({userId: user._id, kind: 'welcome', to: user.email});
		const journal = new Journal(folder.journalPath);
		const at = () => new Date().toISOString();
		journal.append({t: 'intent', row: 1, step: 'create', at: at(), username: user.username, email: user.email});
		journal.append({t: 'done', row: 1, step: 'create', at: at(), userId: user._id, created: user.created});
		journal.append({t: 'intent', row: 1, step: 'activate', at: at()});
		journal.append({t: 'lost', row: 1, step: 'activate', at: at(), kind: 'server', status: 503});
		journal.close();
		const outcome = await launchImport({client, pacer, folder, manifest, mapping: prepared.mapping, rows: prepared.rows}).finished;
		expect(outcome.counts).toMatchObject({created: 1, failed: 0});
		expect(box.directory.emails).toHaveLength(1);
		expect(readJournal(folder.journalPath).at(-2)).toMatchObject({t: 'done', step: 'activate', note: 'found active'});
	});
});
