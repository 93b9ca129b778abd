import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {importFolder} from '../../source/importer/import-store.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {runCli} from '../support/run-cli.js';
import {useTempFolders} from '../support/temp-dir.js';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({seed: 15});
});
afterAll(async () => {
	await sandbox?.close();
});

const tempFolder = useTempFolders('jc-import-listing-');
const env = (home: string) => ({JC_API_KEY: sandbox.apiKey, JC_API_URL: sandbox.url, JC_IMPORT_HOME: home});
type JournalLine = {t: string; step?: string; row?: number; event?: string};

/** Imports five users named after `prefix` into the sandbox; resolves to the import id. */
async function importFive(home: string, prefix: string): Promise<string> {
	const file = path.join(tempFolder(), 'users.csv');
	const rows = [0, 1, 2, 3, 4].map((i) => `${prefix}${i},${prefix}${i}@listing.example.com,Ada,Number${i}`);
	writeFileSync(file, `Username,Email,First Name,Last Name\n${rows.join('\n')}\n`);
	const run = await runCli(['run', file, '--yes', '--json', '--concurrency', '1'], env(home));
	expect(run.code).toBe(0);
	return String(JSON.parse(run.stdout.trim().split('\n').at(-1)!).importId);
}

/** Rewrites an import's journal as if its process had been killed at the record `keep` refuses. */
function cutJournal(home: string, id: string, keep: (record: JournalLine, index: number, all: JournalLine[]) => boolean) {
	const journal = importFolder(path.join(home, 'imports'), id).journalPath;
	const records = readFileSync(journal, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as JournalLine);
	writeFileSync(journal, `${records.filter(keep).map((record) => JSON.stringify(record)).join('\n')}\n`);
}

const listing = async (home: string) => {
	const text = await runCli(['imports'], env(home));
	expect(text.code).toBe(0);
	return text.stdout;
};

describe('jc-import imports: created, failed and left per import, and a rollback that stopped part-way', () => {
	it('a finished import: its counts, nothing to finish', async () => {
		const home = tempFolder();
		const id = await importFive(home, 'fin');
		const text = await listing(home);
		expect(text).toContain(`${id}  finished: 5 created, 0 failed, 0 left, 0 skipped`);
		expect(text).not.toContain('to finish');
		const [json] = JSON.parse((await runCli(['imports', '--json'], env(home))).stdout);
		expect(json).toMatchObject({id, status: 'finished', created: 5, failed: 0, left: 0, deleted: 0});
		expect(json.next).toBeUndefined();
	});

	it('an import cut off after three rows: 2 left, and the resume command', async () => {
		const home = tempFolder();
		const id = await importFive(home, 'cut');
		cutJournal(home, id, (record) => record.event !== 'finished' && (record.row === undefined || record.row <= 3));
		const text = await listing(home);
		expect(text).toContain(`${id}  unfinished: 3 created, 0 failed, 2 left`);
		expect(text).toContain(`  to finish: jc-import resume ${id}\n`);
	});

	it('a rollback cut off after two deletes: deleted and still there, and the command that finishes it, which does', async () => {
		const home = tempFolder();
		const id = await importFive(home, 'half');
		const rollback = await runCli(['rollback', id, '--yes'], env(home));
		expect(rollback.code).toBe(0);
		// Killed once the second delete was answered: every user is gone, the journal knows of two.
		cutJournal(home, id, (_record, index, all) => {
			const deleted = all.filter((each) => each.t === 'done' && each.step === 'delete');
			return index <= all.indexOf(deleted[1]!);
		});
		const text = await listing(home);
		expect(text).toContain(`${id}  rollback unfinished: 2 deleted, 3 still there`);
		const finish = /to finish: jc-import (.+)$/m.exec(text)?.[1];
		expect(finish).toBe(`rollback ${id}`);
		expect(JSON.parse((await runCli(['imports', '--json'], env(home))).stdout)[0]).toMatchObject({status: 'rollback unfinished', created: 3, deleted: 2, next: `jc-import rollback ${id}`});

		// The printed command, as printed (plus --yes, without a terminal), finishes it.
		const finished = await runCli([...finish!.split(' '), '--yes'], env(home));
		expect(finished.code).toBe(0);
		const after = await listing(home);
		expect(after).toContain(`${id}  rolled back: 5 deleted, 0 still there`);
		expect(after).not.toContain('to finish');
	});
});
