import {afterEach, describe, expect, it} from 'vitest';
import {Journal, readJournal} from '../../source/importer/journal.js';
import {defaultImportOptions} from '../../source/importer/options.js';
import {prepareImport} from '../../source/importer/prepare.js';
import {fingerprint} from '../../source/importer/provenance.js';
import {prepareResume} from '../../source/importer/resume.js';
import {launchImport} from '../../source/importer/session.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {pacedClient, recordImport, usersCsv} from '../support/import-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

describe('resuming', () => {
	it('takes a user whose create was cut off as its own: completed, not skipped as a conflict', async () => {
		const box = (sandbox = await startSandbox({seed: 21}));
		const file = usersCsv(3, 'Group', () => 'Engineering');
		const {manifest, folder, prepared: planned} = await recordImport(box, file);
		// The first run sent row 1's create, JumpCloud made the user, and the process died before the answer.
		const body = planned.rows[0]!.body!;
		const journal = new Journal(folder.journalPath);
		journal.append({t: 'run', at: new Date().toISOString(), event: 'started', pid: 1});
		journal.append({t: 'intent', row: 1, step: 'create', at: new Date().toISOString(), username: 'user0', email: 'user0@import.example.com', fp: fingerprint(body), clock: [-50, 50]});
		journal.close();
		const {password: _, ...shown} = body;
		const made = box.directory.addUser({...shown, passwordSet: true} as never);

		const {client, pacer} = pacedClient(box);
		const prepared = await prepareResume(client, folder, manifest, {purpose: 'resume'});
		expect(prepared.rows[0]).toMatchObject({row: 1, action: 'create'});
		const outcome = await launchImport({client, pacer, folder, manifest, mapping: prepared.mapping, rows: prepared.rows}).finished;

		expect(outcome.counts).toMatchObject({created: 3, skipped: 0, failed: 0, remaining: 0});
		expect(outcome.results[0]).toMatchObject({status: 'created', userId: made._id});
		const engineering = [...box.directory.groups.values()].find((group) => group.name === 'Engineering')!;
		expect(box.directory.memberships.get(engineering.id)!.has(made._id)).toBe(true);
		expect([...box.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'))).toHaveLength(3);
		expect(readJournal(folder.journalPath).filter((record) => record.t === 'intent' && record.step === 'create' && record.row === 1)).toHaveLength(1);
	});

	it('tells only the emails still to go out: a row activated before sent its email', {timeout: 20_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 23}));
		const file = usersCsv(6);
		const {manifest, folder, prepared: planned, client, pacer} = await recordImport(box, file, {state: 'ACTIVATED', email: {kind: 'default'}, concurrency: 1});
		expect(planned.summary.emails).toEqual([{kind: 'welcome', to: 'primary email', users: 6}]);
		// The first run activates (and so emails) two users, then stops.
		let done = 0;
		const session = launchImport({client, pacer, folder, manifest, mapping: planned.mapping, rows: planned.rows, onEvent: (event) => event.type === 'row-done' && ++done === 2 && session.runner.stop()});
		const first = await session.finished;
		expect(first.counts.created).toBeGreaterThanOrEqual(2);
		expect(first.counts.created).toBeLessThan(6);
		const resumed = await prepareResume(client, folder, manifest, {purpose: 'resume'});
		expect(resumed.summary.emails).toEqual([{kind: 'welcome', to: 'primary email', users: 6 - first.counts.created}]);
		// The plan itself still holds every row: the run passes over the finished ones.
		expect(resumed.summary.creates).toBe(6);
	});

	it('never waits forever for a manager row that is not created: its reports are created without manager', {timeout: 20_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 22}));
		const file = usersCsv(3, 'Manager', (index) => (index === 0 ? '' : 'user0'));
		const {manifest, folder} = await recordImport(box, file);
		// Row 1 failed in an earlier run, so this run does not run it: rows 2 and 3 wait for it as their manager.
		const journal = new Journal(folder.journalPath);
		journal.append({t: 'failed', row: 1, step: 'create', at: new Date().toISOString(), error: 'refused', kind: 'validation'});
		journal.close();
		const {client, pacer} = pacedClient(box);
		const prepared = await prepareImport({file, options: defaultImportOptions, client});
		expect(prepared.rows.map((row) => row.manager)).toEqual([undefined, {row: 1}, {row: 1}]);
		const outcome = await launchImport({client, pacer, folder, manifest, mapping: prepared.mapping, rows: prepared.rows}).finished;
		expect(outcome.results.map((result) => [result.status, result.error])).toEqual([
			['failed', 'refused'],
			['created', 'created without manager: its manager (row 1) was not created'],
			['created', 'created without manager: its manager (row 1) was not created'],
		]);
		const reports = [...box.directory.users.values()].filter((user) => user.username === 'user1' || user.username === 'user2');
		expect(reports.map((user) => user.manager)).toEqual([undefined, undefined]);
	});

	it('does not take an invalid row as a later row manager: the report is created without one, and says why', async () => {
		const box = (sandbox = await startSandbox({seed: 24}));
		const file = usersCsv(2, 'Manager,Group', (index) => (index === 0 ? ',No Such Group' : 'user0,'));
		const {client} = pacedClient(box);
		const prepared = await prepareImport({file, options: defaultImportOptions, client});
		expect(prepared.rows.map((row) => row.action)).toEqual(['invalid', 'create']);
		expect(prepared.rows[1]!.manager).toBeUndefined();
		expect(prepared.rows[1]!.issues.map((issue) => issue.message)).toContain('created without manager: user0 is on row 1, which has errors');
	});

	it('does not offer a rolled-back import for resume', async () => {
		const box = (sandbox = await startSandbox({seed: 23}));
		const file = usersCsv(1);
		const {manifest, folder} = await recordImport(box, file);
		const journal = new Journal(folder.journalPath);
		journal.append({t: 'done', row: 1, step: 'create', at: new Date().toISOString(), userId: 'a'.repeat(24)});
		journal.append({t: 'intent', row: 1, step: 'delete', at: new Date().toISOString()});
		journal.close();
		const {client} = pacedClient(box);
		await expect(prepareResume(client, folder, manifest, {purpose: 'resume'})).rejects.toThrow(/rolled back/);
	});
});
