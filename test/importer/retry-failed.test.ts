import {afterEach, describe, expect, it} from 'vitest';
import {readJournal} from '../../source/importer/journal.js';
import {launchImport} from '../../source/importer/session.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {importFile, pacedClient, usersCsv} from '../support/import-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

describe('retrying failed rows', () => {
	it('runs only the failed steps again: no user is created twice', async () => {
		const box = (sandbox = await startSandbox({seed: 9}));
		const engineering = [...box.directory.groups.values()].find((group) => group.name === 'Engineering')!;
		// The group vanishes between preflight and the run: every membership fails.
		const file = usersCsv(6, 'Group', () => 'Engineering');
		let removed = false;
		const first = await importFile(box, file, {}, (event) => {
			if (event.type === 'started' && !removed) {
				box.directory.groups.delete(engineering.id);
				box.directory.memberships.delete(engineering.id);
				removed = true;
			}
		});
		expect(first.outcome.counts).toMatchObject({created: 0, failed: 6});
		expect(first.outcome.results.every((result) => result.status === 'failed' && result.userId !== '')).toBe(true);

		box.directory.groups.set(engineering.id, engineering);
		box.directory.memberships.set(engineering.id, new Set());
		const {client, pacer} = pacedClient(box);
		const again = await launchImport({client, pacer, folder: first.folder, manifest: first.manifest, mapping: first.prepared.mapping, rows: first.prepared.rows, retryFailed: true}).finished;
		expect(again.counts).toMatchObject({created: 6, failed: 0, remaining: 0});
		expect(box.directory.memberships.get(engineering.id)!.size).toBe(6);
		const creates = readJournal(first.folder.journalPath).filter((record) => record.t === 'intent' && record.step === 'create');
		expect(creates).toHaveLength(6);
	});
});
