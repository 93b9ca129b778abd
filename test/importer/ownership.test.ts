import {copyFileSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {Journal, readJournal} from '../../source/importer/journal.js';
import {defaultImportOptions} from '../../source/importer/options.js';
import {prepareImport} from '../../source/importer/prepare.js';
import {createdUsers, replay} from '../../source/importer/progress.js';
import {fingerprint} from '../../source/importer/provenance.js';
import {prepareResume} from '../../source/importer/resume.js';
import {runRollback} from '../../source/importer/rollback-session.js';
import {launchImport, loadProgress} from '../../source/importer/session.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {importFile, newHome, pacedClient, recordImport, usersCsv} from '../support/import-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

const imported = (box: Sandbox) => [...box.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'));
const createRecords = (journalPath: string) => readJournal(journalPath).filter((record) => record.t === 'done' && record.step === 'create');

/** A user as someone else (another admin, an HR sync) would make it: same username and email, their own names. */
function madeElsewhere(box: Sandbox, index: number, details: Record<string, unknown> = {firstname: 'Other', lastname: 'Admin'}) {
	return box.directory.addUser({username: `user${index}`, email: `user${index}@import.example.com`, state: 'ACTIVATED', passwordSet: false, ...details} as never);
}

describe("provenance: a user found after a lost answer is this import's only when it provably is", () => {
	it('creates that answer 503 after someone else made the users: none adopted, all skipped, none deleted by rollback', async () => {
		const box = (sandbox = await startSandbox({seed: 41, faults: {createdElsewhere: 1}}));
		const file = usersCsv(6);
		const {outcome, folder, manifest, client} = await importFile(box, file);

		expect(outcome.counts).toMatchObject({created: 0, usersCreated: 0, skipped: 6, failed: 0});
		expect(createRecords(folder.journalPath)).toHaveLength(0);
		// Each was looked up after its lost answer and judged someone else's, by its details.
		const skipped = readJournal(folder.journalPath).filter((record) => record.t === 'skipped');
		expect(skipped).toHaveLength(6);
		for (const record of skipped) expect(record).toMatchObject({reason: 'exists', note: expect.stringContaining('details differ')});
		expect(outcome.results.every((row) => row.status === 'skipped')).toBe(true);

		const strangers = imported(box);
		expect(strangers).toHaveLength(6);
		const rolledBack = await runRollback({client, folder, manifest});
		expect(rolledBack).toMatchObject({deleted: 0, gone: 0, kept: 0});
		expect(imported(box)).toEqual(strangers);
	});

	it('with --existing fail, such a row fails saying the user exists and was not created by this import', async () => {
		const box = (sandbox = await startSandbox({seed: 42, faults: {createdElsewhere: 1}}));
		const {outcome} = await importFile(box, usersCsv(2), {existing: 'fail'});
		expect(outcome.counts).toMatchObject({failed: 2, skipped: 0, usersCreated: 0});
		expect(outcome.results[0]!.error).toMatch(/user0 already exists in JumpCloud \(not created by this import: its details differ/);
	});

	it('adopts a user its own lost create made, and journals why', async () => {
		const box = (sandbox = await startSandbox({seed: 43, faults: {dropAfterCommit: 1}}));
		const {outcome, folder, manifest, client} = await importFile(box, usersCsv(4));
		expect(outcome.counts).toMatchObject({created: 4, failed: 0, skipped: 0});
		const records = createRecords(folder.journalPath);
		expect(records).toHaveLength(4);
		for (const record of records) {
			expect(record).toMatchObject({reconciled: true, created: expect.any(String), evidence: expect.stringMatching(/^created .*, inside the \d+ ms \(server clock\) in which a create of this row with a lost answer could have been carried out; same details; no other import holds it$/)});
		}
		// Deletes whose answers are lost too: sent again, answered 404, and still this rollback's deletes.
		expect(await runRollback({client, folder, manifest})).toMatchObject({deleted: 4, gone: 0, kept: 0});
		expect(imported(box)).toHaveLength(0);
	});

	it('tells the two apart whatever the server clock says: ten minutes ahead, and behind', async () => {
		for (const clockOffsetMs of [600_000, -600_000]) {
			// Its own create, answer lost after JumpCloud made the user: taken, on the server's clock.
			const box = (sandbox = await startSandbox({seed: 44, clockOffsetMs, faults: {dropAfterCommit: 1}}));
			const mine = await importFile(box, usersCsv(2));
			expect(mine.outcome.counts, `offset ${clockOffsetMs}`).toMatchObject({created: 2, skipped: 0});
			await box.close();
			// The same details, made two seconds (server time) before this import sent its create: not taken.
			const other = (sandbox = await startSandbox({seed: 45, clockOffsetMs}));
			const {client, pacer, prepared, manifest, folder} = await recordImport(other, usersCsv(2));
			const {password: _, ...same} = prepared.rows[0]!.body!;
			madeElsewhere(other, 0, {...same, created: new Date(other.directory.now().getTime() - 2000).toISOString()});
			other.setKnobs({faults: {create503: 1}});
			const healed = setTimeout(() => other.setKnobs({faults: {}}), 300);
			const theirs = await launchImport({client, pacer, folder, manifest, mapping: prepared.mapping, rows: prepared.rows}).finished;
			clearTimeout(healed);
			expect(theirs.counts, `offset ${clockOffsetMs}`).toMatchObject({created: 1, skipped: 1});
			expect(theirs.results[0]).toMatchObject({status: 'skipped'});
			await other.close();
			sandbox = undefined;
		}
	});

	it('a user with the very same details, made before this import sent its create, is not taken', async () => {
		const box = (sandbox = await startSandbox({seed: 46}));
		const file = usersCsv(3);
		const {client, pacer, prepared, manifest, folder} = await recordImport(box, file);
		// A second run of the same CSV elsewhere made user1 exactly as this row would, five seconds before.
		const {password: _, ...same} = prepared.rows[1]!.body!;
		madeElsewhere(box, 1, {...same, created: new Date(Date.now() - 5000).toISOString()});
		// Every first create's answer is lost before JumpCloud looks at it: only the lookup can tell.
		box.setKnobs({faults: {create503: 1}});
		const healed = setTimeout(() => box.setKnobs({faults: {}}), 300);
		const outcome = await launchImport({client, pacer, folder, manifest, mapping: prepared.mapping, rows: prepared.rows}).finished;
		clearTimeout(healed);
		expect(outcome.results[1]).toMatchObject({status: 'skipped'});
		const skipped = readJournal(folder.journalPath).find((record) => record.t === 'skipped' && record.row === 2);
		expect(skipped).toMatchObject({note: expect.stringContaining("not while this import's create was in flight")});
		expect(createdUsers(loadProgress(folder)).map((user) => user.row)).toEqual([1, 3]);
	});

	it('a user another import in this home holds is not taken, though its details and time fit', async () => {
		const box = (sandbox = await startSandbox({seed: 47}));
		const home = newHome();
		const file = usersCsv(2);
		// Import B sent row 1's create and lost the answer.
		const b = await recordImport(box, file, {}, home);
		const body = b.prepared.rows[0]!.body!;
		const journal = new Journal(b.folder.journalPath);
		journal.append({t: 'run', at: new Date().toISOString(), event: 'started', pid: 1});
		journal.append({t: 'intent', row: 1, step: 'create', at: new Date().toISOString(), username: body.username, email: body.email, fp: fingerprint(body), clock: [-20, 20]});
		journal.append({t: 'lost', row: 1, step: 'create', at: new Date().toISOString(), kind: 'timeout'});
		journal.close();
		// Meanwhile import A, in the same home and org, created that very user and got its id.
		const {password: _, ...same} = body;
		const user = madeElsewhere(box, 0, same);
		const a = await recordImport(box, usersCsv(1), {}, home);
		const aJournal = new Journal(a.folder.journalPath);
		aJournal.append({t: 'intent', row: 1, step: 'create', at: new Date().toISOString()});
		aJournal.append({t: 'done', row: 1, step: 'create', at: new Date().toISOString(), userId: user._id, created: user.created});
		aJournal.close();

		const prepared = await prepareResume(b.client, b.folder, b.manifest, {purpose: 'resume'});
		expect(prepared.rows[0]).toMatchObject({action: 'skip', existingUserId: user._id});
		expect(createdUsers(loadProgress(b.folder))).toEqual([]);
		// Rolled back, B leaves A's user alone; A deletes it.
		expect(await runRollback({client: b.client, folder: b.folder, manifest: b.manifest})).toMatchObject({deleted: 0});
		expect(box.directory.users.has(user._id)).toBe(true);
		expect(await runRollback({client: a.client, folder: a.folder, manifest: a.manifest})).toMatchObject({deleted: 1});
	});
});

describe('a create cut off by a crash', () => {
	it('whose user appears only after the resume looked for it is still settled by provenance before anything is sent', async () => {
		const box = (sandbox = await startSandbox({seed: 53}));
		const {client, pacer, prepared: planned, manifest, folder} = await recordImport(box, usersCsv(2, 'Group', () => 'Engineering'));
		const body = planned.rows[0]!.body!;
		const journal = new Journal(folder.journalPath);
		journal.append({t: 'run', at: new Date().toISOString(), event: 'started', pid: 1});
		journal.append({t: 'intent', row: 1, step: 'create', at: new Date().toISOString(), username: body.username, email: body.email, fp: fingerprint(body), clock: [-20, 20]});
		journal.close();
		// The resume looks and finds nothing: JumpCloud has not carried the create out yet.
		const prepared = await prepareResume(client, folder, manifest, {purpose: 'resume'});
		expect(prepared.rows[0]).toMatchObject({action: 'create'});
		// Now it does, a moment later.
		const {password: _, ...shown} = body;
		const made = box.directory.addUser({...shown, passwordSet: true} as never);
		const outcome = await launchImport({client, pacer, folder, manifest, mapping: prepared.mapping, rows: prepared.rows}).finished;
		expect(outcome.counts).toMatchObject({created: 2, skipped: 0, failed: 0});
		expect(outcome.results[0]).toMatchObject({status: 'created', userId: made._id});
		expect(imported(box)).toHaveLength(2);
		const engineering = [...box.directory.groups.values()].find((group) => group.name === 'Engineering')!;
		expect(box.directory.memberships.get(engineering.id)!.has(made._id)).toBe(true);
		// Settled by lookup, never sent a second time.
		expect(readJournal(folder.journalPath).filter((record) => record.t === 'intent' && record.step === 'create' && record.row === 1)).toHaveLength(1);
	});
});

describe('the plan at the moment of the create', () => {
	it('users made after the plan was checked are skipped by the existing-users policy, never failed', async () => {
		const box = (sandbox = await startSandbox({seed: 48}));
		const {client, pacer, prepared, manifest, folder} = await recordImport(box, usersCsv(5));
		expect(prepared.summary.creates).toBe(5);
		const late = [madeElsewhere(box, 1), madeElsewhere(box, 3)];
		const outcome = await launchImport({client, pacer, folder, manifest, mapping: prepared.mapping, rows: prepared.rows}).finished;
		expect(outcome.counts).toMatchObject({created: 3, skipped: 2, failed: 0});
		expect(outcome.results[1]).toMatchObject({status: 'skipped', userId: late[0]!._id});
		const note = readJournal(folder.journalPath).find((record) => record.t === 'skipped' && record.row === 2);
		expect(note).toMatchObject({note: "already exists in JumpCloud (not created by this import: it was there already when this import's create arrived)"});
		expect(await runRollback({client, folder, manifest})).toMatchObject({deleted: 3});
		expect(late.every((user) => box.directory.users.has(user._id))).toBe(true);
	});

	it('and with --existing fail, they fail with one plain sentence, not the server message twice', async () => {
		const box = (sandbox = await startSandbox({seed: 49}));
		const {client, pacer, prepared, folder, manifest} = await recordImport(box, usersCsv(2), {existing: 'fail'});
		madeElsewhere(box, 0);
		const outcome = await launchImport({client, pacer, folder, manifest, mapping: prepared.mapping, rows: prepared.rows}).finished;
		expect(outcome.counts).toMatchObject({created: 1, failed: 1});
		expect(outcome.results[0]!.error).toBe("user0 already exists in JumpCloud (not created by this import: it was there already when this import's create arrived)");
	});
});

describe('two imports of the same rows at once, with lost answers', () => {
	// Answers lost after JumpCloud made the user: whichever import's create made it finds it; the
	// other was answered "already exists" and never had a create that could have. (A create lost
	// before JumpCloud looked at it, racing another import's identical create, is the one case the
	// API cannot tell apart: see the README. The claims check is tested on its own above.)
	it('never journal one user twice, and each rollback deletes only its own', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 50, latencyMs: 3, jitterMs: 6, faults: {dropAfterCommit: 0.3}}));
		const file = usersCsv(200);
		const home = newHome();
		// The same rows, other bytes (CRLF): the file lock does not stop it, only ownership does.
		const copy = path.join(path.dirname(file), 'copy.csv');
		writeFileSync(copy, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
		const elsewhere = path.join(path.dirname(file), 'elsewhere.csv');
		copyFileSync(file, elsewhere);
		// Two in one home (claims are seen), one from another machine's home (only the API can tell).
		const runs = await Promise.all([importFile(box, file, {concurrency: 8}, undefined, home), importFile(box, copy, {concurrency: 8}, undefined, home), importFile(box, elsewhere, {concurrency: 8}, undefined, newHome())]);
		expect(box.stats.droppedAfterCommit).toBeGreaterThan(20);

		const owned = runs.map((run) => createdUsers(replay(readJournal(run.folder.journalPath))).map((user) => user.userId));
		const all = owned.flat();
		expect(new Set(all).size).toBe(all.length);
		expect(all).toHaveLength(200);
		expect(imported(box)).toHaveLength(200);
		for (const run of runs) expect(run.outcome.counts.failed).toBe(0);

		box.setKnobs({faults: {}});
		for (const [index, run] of runs.entries()) {
			const before = imported(box).length;
			const result = await runRollback({client: run.client, folder: run.folder, manifest: run.manifest});
			expect(result).toMatchObject({deleted: owned[index]!.length, kept: 0, gone: 0});
			expect(imported(box)).toHaveLength(before - owned[index]!.length);
		}
		expect(imported(box)).toHaveLength(0);
	});
});

describe('rollback reads each user again before deleting it', () => {
	it('a user deleted by someone else is "already gone"; one another import got from JumpCloud is kept; a stale id is not deleted', async () => {
		const box = (sandbox = await startSandbox({seed: 51}));
		const home = newHome();
		const {outcome, folder, manifest, client} = await importFile(box, usersCsv(3), {}, undefined, home);
		expect(outcome.counts.created).toBe(3);
		const [first, second, third] = createdUsers(loadProgress(folder));
		box.directory.deleteUser(first!.userId);
		// Another import in this home says JumpCloud answered its own create with the second user's id.
		const other = await recordImport(box, usersCsv(1), {}, home);
		const otherJournal = new Journal(other.folder.journalPath);
		otherJournal.append({t: 'done', row: 1, step: 'create', at: new Date().toISOString(), userId: second!.userId, created: box.directory.users.get(second!.userId)!.created});
		otherJournal.close();
		// And the third user is not the one this import created: its creation time says so.
		box.directory.users.get(third!.userId)!.created = '2020-01-01T00:00:00.000Z';

		const events: string[] = [];
		const result = await runRollback({client, folder, manifest, onEvent: (event) => events.push(event.type)});
		expect(result).toEqual({deleted: 0, gone: 1, kept: 2, failed: 0, left: 0, clearedManagerOf: []});
		expect(box.directory.users.has(second!.userId) && box.directory.users.has(third!.userId)).toBe(true);
		expect(events.sort()).toEqual(['gone', 'kept', 'kept']);
	});
});

describe('fingerprint before the plan', () => {
	it('a file changed between the plan and the start is refused, naming the rows, and nothing is created', async () => {
		const box = (sandbox = await startSandbox({seed: 52}));
		const file = usersCsv(5);
		const {client, pacer} = pacedClient(box);
		const prepared = await prepareImport({file, options: defaultImportOptions, client});
		const lines = readFileSync(file, 'utf8').split('\n');
		lines[2] = lines[2]!.replace('Number1', 'Renamed');
		lines.splice(6, 0, 'user9,user9@import.example.com,User,Nine,Import-Pass-9!');
		writeFileSync(file, lines.join('\n'));
		const {startNewImport} = await import('../../source/importer/start-import.js');
		const home = newHome();
		await expect(startNewImport({client, pacer, importsDir: path.join(home, 'imports'), file, prepared, options: defaultImportOptions, target: {baseUrl: box.url, sandbox: false}})).rejects.toThrow(
			/changed since it was planned \(1 row changed: row 2; 1 row added\)\. Nothing was created/,
		);
		expect(imported(box)).toHaveLength(0);
	});
});
