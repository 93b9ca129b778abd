import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {scanFile} from '../../source/csv/scan-file.js';
import {readFrame} from '../../source/importer/directory-read.js';
import {readManifest} from '../../source/importer/import-store.js';
import {readJournal} from '../../source/importer/journal.js';
import {defaultImportOptions, type ImportOptions} from '../../source/importer/options.js';
import {PlanFeed, plannedAhead} from '../../source/importer/plan-feed.js';
import {launchImport} from '../../source/importer/session.js';
import {prepareImport} from '../../source/importer/prepare.js';
import type {RowPlan} from '../../source/importer/row-plan.js';
import {prepareResume} from '../../source/importer/resume.js';
import type {RunnerEvent} from '../../source/importer/runner.js';
import type {StreamingDirectory} from '../../source/importer/stream-plan.js';
import {directoryForStreaming, resumeStreamed, startStreamedImport} from '../../source/importer/streamed-start.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {newHome, pacedClient, recordImport, usersCsv} from '../support/import-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

const options: ImportOptions = {...defaultImportOptions, groups: [], devices: []};

/** `run --yes` of a big file as the command does it, in this process. */
async function stream(box: Sandbox, file: string, extra: {home?: string; onEvent?: (event: RunnerEvent) => void; directory?: (client: ReturnType<typeof pacedClient>['client']) => Promise<StreamingDirectory>} = {}) {
	const home = extra.home ?? newHome();
	const {client, pacer} = pacedClient(box);
	const scan = await scanFile(file);
	const directory = extra.directory ? await extra.directory(client) : (await directoryForStreaming(client, scan))!;
	const streamed = await startStreamedImport({client, pacer, importsDir: path.join(home, 'imports'), directory, scan, file, options, target: {baseUrl: box.url, sandbox: false}, ...(extra.onEvent ? {onEvent: extra.onEvent} : {})});
	return {streamed, client, pacer, home};
}

const importUsers = (box: Sandbox) => [...box.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'));

/** How many directory users hold each username: exactly one each is what an import must leave. */
function usersPerName(box: Sandbox): Map<string, number> {
	const counts = new Map<string, number>();
	for (const user of importUsers(box)) counts.set(user.username, (counts.get(user.username) ?? 0) + 1);
	return counts;
}

/** Each row's manager and issues, to hold a streamed plan to the whole one. */
const managersOf = (planned: readonly RowPlan[]) => planned.map((row) => ({row: row.row, manager: row.manager, issues: row.issues.map((issue) => issue.message)}));

/**
 * `run --yes` of `file` (every row created), counting the reports (`isReport`, by the row's index)
 * created before the file was read through, when the plan's promise settles; and the whole plan.
 */
async function streamCountingReports(box: Sandbox, file: string, rows: number, isReport: (index: number) => boolean) {
	const whole = await prepareImport({file, options, client: pacedClient(box).client});
	let reportsCreated = 0;
	let reportsBeforeWhole: number | undefined;
	const {streamed} = await stream(box, file, {onEvent: (event) => event.type === 'row-created' && isReport(event.row - 1) && reportsCreated++});
	void streamed.planned.then(() => (reportsBeforeWhole = reportsCreated));
	const outcome = await streamed.started!.session.finished;
	expect(outcome.counts).toMatchObject({rows, created: rows, remaining: 0, failed: 0});
	return {plan: await streamed.planned, whole, reportsBeforeWhole};
}

/** A file with a repeated username, a manager on an earlier row, a user the sandbox has, and a bad email. */
function mixedFile(count: number): string {
	return usersCsv(count, 'Manager,Alternate Email', (index) => {
		if (index === 5) return 'user0,';
		if (index === 7) return ',not-an-email';
		return ',';
	});
}

describe('a streamed start', () => {
	it('plans every row as the whole plan does, and creates exactly one user per row to create', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 41}));
		const file = mixedFile(40);
		// Row 11 repeats row 2's username; row 13 is a user the sandbox already has.
		const text = readFileSync(file, 'utf8').split('\n');
		text[11] = text[11]!.replace(/^user10,/, 'user1,');
		text[13] = text[13]!.replace(/^user12,user12@import\.example\.com/, 'jsmith,jane.smith@example.com');
		writeFileSync(file, text.join('\n'));

		const whole = await prepareImport({file, options, client: pacedClient(box).client});
		const {streamed} = await stream(box, file);
		expect(streamed.started).toBeDefined();
		const outcome = await streamed.started!.session.finished;
		const plan = await streamed.planned;
		expect(plan.complete).toBe(true);
		const shape = (rows: readonly RowPlan[]) => rows.map((row) => ({row: row.row, action: row.action, manager: row.manager, issues: row.issues.map((issue) => issue.message)}));
		expect(shape(plan.rows)).toEqual(shape(whole.rows));
		expect(plan.summary).toEqual(whole.summary);
		expect(plan.rows.find((row) => row.row === 11)?.action).toBe('invalid');
		expect(plan.rows.find((row) => row.row === 13)?.action).toBe('skip');
		expect(plan.rows.find((row) => row.row === 6)?.manager).toEqual({row: 1});

		expect(outcome.counts).toMatchObject({created: whole.summary.creates, skipped: 1, invalid: 2, remaining: 0, failed: 0});
		expect([...usersPerName(box).values()].every((count) => count === 1)).toBe(true);
		expect(usersPerName(box).size).toBe(whole.summary.creates);
		// The manifest learns how many creates the plan had once it is whole.
		expect(readManifest(streamed.started!.folder).creates).toBe(whole.summary.creates);
		// Every row has run or been passed over: no create body (no password) is kept.
		expect(plan.rows.every((row) => row.body === undefined)).toBe(true);
		const manager = [...box.directory.users.values()].find((user) => user.username === 'user0')!;
		expect([...box.directory.users.values()].find((user) => user.username === 'user5')?.manager).toBe(manager._id);
	});

	it('sends its first creates before the file is read through, holding the reading back', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 42}));
		const events: RunnerEvent[] = [];
		const {streamed} = await stream(box, usersCsv(plannedAhead * 4), {onEvent: (event) => events.push(event)});
		await streamed.started!.session.finished;
		const firstCreated = events.findIndex((event) => event.type === 'row-created');
		const planned = events.findIndex((event) => event.type === 'planned');
		expect(events[0]).toMatchObject({type: 'started', planning: true});
		expect(firstCreated).toBeGreaterThan(0);
		// The plan can be at most `plannedAhead` rows (and a chunk) ahead of the run: most creates come before it is whole.
		expect(planned).toBeGreaterThan(firstCreated);
		expect(events.slice(0, planned).filter((event) => event.type === 'row-created').length).toBeGreaterThan(plannedAhead);
		expect(events[planned]).toMatchObject({type: 'planned', rows: plannedAhead * 4, toDo: plannedAhead * 4});
		expect(importUsers(box)).toHaveLength(plannedAhead * 4);
	});

	it('creates the reports of a manager on a later row once that row is planned, not once the file is read through', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 44}));
		const rows = plannedAhead * 6;
		// Each fifty rows report to the last of them, named by its username, its email or its employee ID in turn.
		const bossOf = (index: number) => index - (index % 50) + 49;
		const naming = [(boss: number) => `user${boss}`, (boss: number) => `USER${boss}@import.example.com`, (boss: number) => `E-${boss}`];
		const file = usersCsv(rows, 'Employee ID,Manager', (index) => `E-${index},${index % 50 === 49 ? '' : naming[Math.floor(index / 50) % 3]!(bossOf(index))}`);
		const {plan, whole, reportsBeforeWhole} = await streamCountingReports(box, file, rows, (index) => index % 50 !== 49);
		expect(managersOf(plan.rows)).toEqual(managersOf(whole.rows));
		expect(plan.rows.filter((row) => row.manager && 'row' in row.manager)).toHaveLength(rows - rows / 50);
		// Most reports were created while the plan was still being read: their managers did not wait for the end.
		// (The reading is at most `plannedAhead` rows and a chunk ahead of the run; held for the end, none would be.)
		expect(reportsBeforeWhole).toBeGreaterThan(plannedAhead * 3);
		// Every user has its manager, as the plan named it.
		const byName = new Map(importUsers(box).map((user) => [user.username, user]));
		for (let index = 0; index < rows; index++) {
			const manager = index % 50 === 49 ? undefined : byName.get(`user${bossOf(index)}`)!._id;
			expect(byName.get(`user${index}`)?.manager, `user${index}`).toBe(manager);
		}
	});

	it('creates the reports of a manager named by display name once no later row can hold the name (a read ahead tells), not once the file is read through', {timeout: 120_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 45}));
		// Big enough that the reading pauses for the read ahead (5,000 rows waiting) before its end: once the
		// managers are known, it stays at most `plannedAhead` rows ahead of the run, so the run takes all
		// but those before the file is read through. Held for the end, no report would be created before it.
		const rows = plannedAhead * 15;
		// In turn, each fifty rows report to the first of them or (in lower case) to the last, by display name
		// ("User Number7", derived from the first and last names), or name someone nobody is.
		const kind = (index: number) => Math.floor(index / 50) % 3;
		const bossOf = (index: number) => (kind(index) === 0 ? index - (index % 50) : kind(index) === 1 ? index - (index % 50) + 49 : undefined);
		const isBoss = (index: number) => bossOf(index) === index;
		const cell = (index: number) => (isBoss(index) ? '' : kind(index) === 2 ? 'Nobody Here' : `${kind(index) === 0 ? 'User Number' : 'user number'}${bossOf(index)}`);
		const file = usersCsv(rows, 'Manager', cell);
		const {plan, whole, reportsBeforeWhole} = await streamCountingReports(box, file, rows, (index) => !isBoss(index));
		expect(managersOf(plan.rows)).toEqual(managersOf(whole.rows));
		expect(plan.rows.filter((row) => row.issues.some((issue) => issue.message.includes('Nobody Here is neither')))).toHaveLength(rows / 3);
		expect(reportsBeforeWhole).toBeGreaterThan(rows / 2);
		const byName = new Map(importUsers(box).map((user) => [user.username, user]));
		for (let index = 0; index < rows; index++) {
			const boss = bossOf(index);
			const manager = boss === undefined || boss === index ? undefined : byName.get(`user${boss}`)!._id;
			expect(byName.get(`user${index}`)?.manager, `user${index}`).toBe(manager);
		}
	});

	it('stopped hard in the middle, resumes (streamed too) to exactly one user per row', {timeout: 90_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 43, latencyMs: 2}));
		const rows = plannedAhead * 3;
		const file = usersCsv(rows);
		let created = 0;
		const {streamed, client, pacer, home} = await stream(box, file, {
			onEvent: (event) => {
				if (event.type === 'row-created' && ++created === 300) streamed.started!.session.runner.stop(true);
			},
		});
		const first = await streamed.started!.session.finished;
		expect(first.stopped).toBe(true);
		const {folder, manifest} = streamed.started!;
		expect(readJournal(folder.journalPath).some((record) => record.t === 'run' && record.event === 'finished')).toBe(false);

		const begun = await resumeStreamed({client, pacer, importsDir: path.join(home, 'imports'), folder, manifest, retryFailed: false, allowChangedCsv: false, fromLines: 10});
		const resumed = 'streamed' in begun ? begun.streamed : undefined;
		expect(resumed?.started).toBeDefined();
		const outcome = await resumed!.started!.session.finished;
		expect(outcome.counts).toMatchObject({rows, created: rows, remaining: 0, failed: 0, skipped: 0});
		// The rows done before were passed over; they keep no create body either.
		expect((await resumed!.planned).rows.every((row) => row.body === undefined)).toBe(true);
		expect(usersPerName(box).size).toBe(rows);
		expect([...usersPerName(box).values()].every((count) => count === 1)).toBe(true);
	});

	it('plans from lookups of each chunk while the directory is still being listed', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 44}));
		const file = mixedFile(plannedAhead + 200);
		const text = readFileSync(file, 'utf8').split('\n');
		text[600] = text[600]!.replace(/^user599,user599@import\.example\.com/, 'bjones,bob.jones@example.com');
		writeFileSync(file, text.join('\n'));
		const whole = await prepareImport({file, options, client: pacedClient(box).client});
		// A listing that never ends: every row must be planned from its lookups.
		const {streamed} = await stream(box, file, {directory: async (client) => ({frame: await readFrame(client), listing: () => new Promise(() => {}), stop: () => {}})});
		await streamed.started!.session.finished;
		const plan = await streamed.planned;
		expect(plan.rows.map((row) => row.action)).toEqual(whole.rows.map((row) => row.action));
		expect(plan.rows.find((row) => row.row === 600)).toMatchObject({action: 'skip'});
		expect(box.directory.users.size).toBe(4 + whole.summary.creates);
	});

	it('looks the first rows up alone, and every row still meets the users holding its values', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 47, recordRequests: true}));
		const file = usersCsv(400);
		// Users the sandbox has, on the first row, the last row of the first lookup, the row after it and a later one.
		const known = new Map([[1, 'jsmith,jane.smith@example.com'], [16, 'bjones,bob.jones@example.com'], [17, 'mgarcia,maria.garcia@example.com'], [300, 'alovelace,ada.lovelace@example.com']]);
		const text = readFileSync(file, 'utf8').split('\n');
		for (const [line, values] of known) text[line] = text[line]!.replace(/^user\d+,user\d+@import\.example\.com/, values);
		writeFileSync(file, text.join('\n'));
		const whole = await prepareImport({file, options, client: pacedClient(box).client});
		box.requests.length = 0;
		const {streamed} = await stream(box, file, {directory: async (client) => ({frame: await readFrame(client), listing: () => new Promise(() => {}), stop: () => {}})});
		await streamed.started!.session.finished;
		const plan = await streamed.planned;
		expect(plan.rows.map((row) => row.action)).toEqual(whole.rows.map((row) => row.action));
		expect([...known.keys()].map((line) => plan.rows.find((row) => row.row === line)?.action)).toEqual(['skip', 'skip', 'skip', 'skip']);
		// The first search asks for the first 16 rows' values alone (username, email, employee ID: at most 48 clauses).
		const searches = box.requests.filter((request) => request.path === '/api/search/systemusers');
		const clauses = (request: (typeof searches)[number]) => ((request.body as {filter: {or: unknown[]}}).filter.or).length;
		expect(clauses(searches[0]!)).toBeLessThanOrEqual(48);
		expect(JSON.stringify(searches[0]!.body)).toContain('jane');
		expect(JSON.stringify(searches[0]!.body)).not.toContain('maria');
	});

	it('a file changed while it is read stops the run, and its resume refuses it', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 45}));
		const file = usersCsv(plannedAhead * 4);
		let changed = false;
		const {streamed, client} = await stream(box, file, {
			onEvent: (event) => {
				if (event.type !== 'row-created' || changed) return;
				changed = true;
				writeFileSync(file, readFileSync(file, 'utf8').replace('user1999,', 'someone.else,'));
			},
		});
		const outcome = await streamed.started!.session.finished;
		expect(outcome.stopped).toBe(true);
		expect(outcome.failure?.message).toMatch(/changed while it was read/);
		expect((await streamed.planned).complete).toBe(false);
		// Found when the file is read through (its hash differs from the scan's): the run stops there.
		expect(outcome.counts.remaining).toBeGreaterThan(0);
		await expect(prepareResume(client, streamed.started!.folder, streamed.started!.manifest, {purpose: 'resume'})).rejects.toThrow(/changed since import/);
	});

	it('records no import when no row can be created', async () => {
		const box = (sandbox = await startSandbox({seed: 46}));
		const file = usersCsv(3, 'Alternate Email', () => 'not-an-email');
		const {streamed, home} = await stream(box, file);
		expect(streamed.started).toBeUndefined();
		expect((await streamed.planned).summary).toMatchObject({rows: 3, creates: 0, invalid: 3});
		const imports = path.join(home, 'imports');
		expect(existsSync(imports) ? readdirSync(imports).filter((name) => !name.startsWith('.')) : []).toEqual([]);
	});

	it('does not wait for room before its first row to create: a file whose first rows are all errors still starts, or says none can', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 47}));
		const bad = plannedAhead + 300;
		const file = usersCsv(bad + 20, 'Alternate Email', (index) => (index < bad ? 'not-an-email' : ''));
		const {streamed} = await stream(box, file);
		const outcome = await streamed.started!.session.finished;
		expect(outcome.counts).toMatchObject({created: 20, invalid: bad, remaining: 0});
		const none = await stream(box, usersCsv(bad, 'Alternate Email', () => 'not-an-email'));
		expect(none.streamed.started).toBeUndefined();
		expect((await none.streamed.planned).summary).toMatchObject({creates: 0, invalid: bad});
	});

	it('totals the emails as the whole plan does, once the create bodies are gone', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 48}));
		// Without passwords, activated users get the activation email, at their alternate email.
		const file = usersCsv(30, 'Alternate Email', (index) => `private${index}@example.net`);
		const csv = path.join(path.dirname(file), 'activated.csv');
		writeFileSync(csv, readFileSync(file, 'utf8').replace(/,Import-Pass-\d+!/g, '').replace(',Password', ''));
		const activated: ImportOptions = {...options, state: 'ACTIVATED', email: {kind: 'default'}};
		const whole = await prepareImport({file: csv, options: activated, client: pacedClient(box).client});
		expect(whole.summary.emails).toEqual([{kind: 'activation', to: 'alternate email', users: 30}]);
		const {client, pacer} = pacedClient(box);
		const scan = await scanFile(csv);
		const directory = (await directoryForStreaming(client, scan))!;
		const streamed = await startStreamedImport({client, pacer, importsDir: path.join(newHome(), 'imports'), directory, scan, file: csv, options: activated, target: {baseUrl: box.url, sandbox: false}});
		await streamed.started!.session.finished;
		expect((await streamed.planned).summary.emails).toEqual(whole.summary.emails);
	});
});

describe('a run whose plan is still being made', () => {
	it('stopped while it waits for more rows is unfinished: the journal says stopped, and so does the outcome', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 49}));
		const {client, pacer, prepared, manifest, folder} = await recordImport(box, usersCsv(5));
		const feed = new PlanFeed();
		for (const row of prepared.rows) feed.push(row);
		let done = 0;
		const session = launchImport({client, pacer, folder, manifest, mapping: prepared.mapping, rows: feed, onEvent: (event) => event.type === 'row-done' && ++done === 5 && session.runner.stop()});
		const outcome = await session.finished;
		expect(outcome.counts).toMatchObject({created: 5, remaining: 0});
		expect(outcome.stopped).toBe(true);
		expect(readJournal(folder.journalPath).filter((record) => record.t === 'run').map((record) => (record as {event: string}).event)).toEqual(['started', 'stopped']);
	});
});
