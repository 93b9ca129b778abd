import {copyFileSync, existsSync, readFileSync, writeFileSync, appendFileSync} from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import {afterEach, describe, expect, it} from 'vitest';
import {scanFile} from '../../source/csv/scan-file.js';
import type {ImportFolder, Manifest} from '../../source/importer/import-store.js';
import {defaultImportOptions, type ImportOptions} from '../../source/importer/options.js';
import {prepareResume} from '../../source/importer/resume.js';
import type {RowPlan} from '../../source/importer/row-plan.js';
import type {RunnerEvent} from '../../source/importer/runner.js';
import {directoryForStreaming, resumeStreamed, startStreamedImport, type StreamedImport} from '../../source/importer/streamed-start.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {newHome, pacedClient} from '../support/import-harness.js';
import {tempFolder} from '../support/temp-dir.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

const options: ImportOptions = {...defaultImportOptions, groups: [], devices: []};
const rows = 3000;

/**
 * Rows whose plans lean on earlier rows in every way the in-file checks know: managers named by an
 * earlier row's username, employee ID or display name, by a later row, repeats of an earlier
 * username, a user the sandbox has, and bad emails.
 */
function entangledCsv(): string {
	const lines = ['Username,Email,First Name,Last Name,Password,Employee ID,Manager'];
	for (let index = 0; index < rows; index++) {
		let username = `user${index}`;
		let email = `user${index}@import.example.com`;
		let manager = '';
		if (index % 7 === 3) manager = `user${index - 3}`;
		if (index % 17 === 7) manager = `E${index - 7}`;
		if (index % 50 === 1) manager = `User Number${index + 10}`;
		if (index % 50 === 2) manager = `user${index + 20}`;
		if (index % 13 === 4 && index > 1000) manager = `User Number${index - 1000}`;
		if (index % 97 === 5) username = `USER${index - 5}`;
		if (index % 101 === 6) email = 'not-an-email';
		if (index === rows - 10) [username, email] = ['jsmith', 'jane.smith@example.com'];
		lines.push(`${username},${email},User,Number${index},Import-Pass-${index}!,E${index},${manager}`);
	}
	const file = path.join(tempFolder('jc-import-checkpoint-'), 'users.csv');
	writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

/**
 * Starts the import and stops it once `after` users were made: by then its plan is whole (it is read
 * at most a few hundred rows ahead of the run), and the rows before the first still open are the checkpoint's.
 */
async function startAndStop(box: Sandbox, file: string, after = 2700) {
	const home = newHome();
	const {client, pacer} = pacedClient(box);
	const scan = await scanFile(file);
	const directory = (await directoryForStreaming(client, scan))!;
	let created = 0;
	let streamed: StreamedImport | undefined;
	const onEvent = (event: RunnerEvent) => {
		if (event.type === 'row-created' && ++created === after) streamed!.started!.session.runner.stop();
	};
	streamed = await startStreamedImport({client, pacer, importsDir: path.join(home, 'imports'), directory, scan, file, options, target: {baseUrl: box.url, sandbox: false}, onEvent});
	const outcome = await streamed.started!.session.finished;
	expect(outcome.stopped).toBe(true);
	const {folder, manifest} = streamed.started!;
	return {home, folder, manifest};
}

async function resume(box: Sandbox, home: string, folder: ImportFolder, manifest: Manifest) {
	const {client, pacer} = pacedClient(box);
	const begun = await resumeStreamed({client, pacer, importsDir: path.join(home, 'imports'), folder, manifest, retryFailed: false, allowChangedCsv: false, fromLines: 10});
	if (!('streamed' in begun)) throw new Error('The resume was not streamed.');
	const outcome = await begun.streamed.started!.session.finished;
	return {outcome, plan: await begun.streamed.planned};
}

const shape = (plans: readonly RowPlan[]) =>
	plans.map((plan) => ({row: plan.row, line: plan.line, username: plan.username, action: plan.action, manager: plan.manager, existingUserId: plan.existingUserId, issues: plan.issues.map((issue) => issue.message)}));

/** Every row's user made once, with the manager the whole plan gives it. */
function expectImportedAsPlanned(box: Sandbox, whole: readonly RowPlan[]) {
	const users = [...box.directory.users.values()];
	const byName = new Map(users.map((user) => [user.username.toLowerCase(), user]));
	const imported = users.filter((user) => user.email.endsWith('@import.example.com'));
	const creates = whole.filter((plan) => plan.action === 'create');
	expect(imported).toHaveLength(creates.length);
	const userOfRow = new Map(creates.map((plan) => [plan.row, byName.get(plan.username!.toLowerCase())!]));
	for (const plan of creates) {
		const manager = plan.manager === undefined ? undefined : 'row' in plan.manager ? userOfRow.get(plan.manager.row)?._id : 'userId' in plan.manager ? plan.manager.userId : 'pending';
		expect(userOfRow.get(plan.row)!.manager, `row ${plan.row}`).toBe(manager);
	}
}

/** results.csv: one line per row of the file, in order, each with the status its plan leads to. */
function expectResults(folder: ImportFolder, whole: readonly RowPlan[]) {
	const parsed = Papa.parse<Record<string, string>>(readFileSync(folder.resultsPath, 'utf8').replace(/^\uFEFF/, ''), {header: true, skipEmptyLines: true}).data;
	expect(parsed.map((line) => Number(line.row))).toEqual(whole.map((plan) => plan.row));
	const status = {create: 'created', skip: 'skipped', invalid: 'invalid'} as const;
	expect(parsed.map((line) => line.status)).toEqual(whole.map((plan) => status[plan.action]));
	expect(parsed.filter((line) => line.status === 'created').every((line) => /^[0-9a-f]{24}$/.test(line.userId!))).toBe(true);
}

/** The checkpoint's header as written (a 4-byte length, then JSON), changed by `change`. */
function rewriteHeader(folder: ImportFolder, change: (header: {next: {line: number; row: number}}) => void) {
	const bytes = readFileSync(folder.checkpointPath);
	const length = bytes.readUInt32BE(0);
	const header = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8'));
	change(header);
	const head = Buffer.from(JSON.stringify(header));
	const size = Buffer.alloc(4);
	size.writeUInt32BE(head.length);
	writeFileSync(folder.checkpointPath, Buffer.concat([size, head, bytes.subarray(4 + length)]));
}

describe('a resume from a checkpoint', () => {
	it('reads the file from its row on, plans those rows as a resume that reads everything, and ends as one', {timeout: 120_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 61}));
		const file = entangledCsv();
		const {home, folder, manifest} = await startAndStop(box, file);
		expect(existsSync(folder.checkpointPath)).toBe(true);
		// The plan a resume that reads every row makes, against the directory as it is now.
		const whole = await prepareResume(pacedClient(box).client, folder, manifest, {purpose: 'resume'});
		const {outcome, plan} = await resume(box, home, folder, manifest);
		const first = plan.rows[0]!.row;
		// Far into the file: the rows before were neither read nor planned again.
		expect(first).toBeGreaterThan(1500);
		expect(plan.report!.rows).toBe(rows - first + 1);
		expect(shape(plan.rows)).toEqual(shape(whole.rows.filter((row) => row.row >= first)));
		// The rows after it lean on rows before it: managers by username, employee ID and display name, and repeats.
		const after = whole.rows.filter((row) => row.row >= first);
		expect(after.some((row) => row.manager && 'row' in row.manager && row.manager.row < first)).toBe(true);
		expect(after.some((row) => row.issues.some((issue) => /row \d+/.test(issue.message) && issue.severity === 'error'))).toBe(true);
		expect(outcome.counts).toMatchObject({rows, remaining: 0, failed: 0, skipped: 1, invalid: whole.summary.invalid, created: whole.summary.creates});
		expectImportedAsPlanned(box, whole.rows);
		expectResults(folder, whole.rows);
	});

	it('is not used when a record after it speaks of a row it holds settled; the resume reads everything and ends the same', {timeout: 120_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 62}));
		const file = entangledCsv();
		const {home, folder, manifest} = await startAndStop(box, file);
		const whole = await prepareResume(pacedClient(box).client, folder, manifest, {purpose: 'resume'});
		// As a rollback or a retry of row 1 would leave it: a record after the checkpoint about row 1.
		appendFileSync(folder.journalPath, `${JSON.stringify({t: 'refused', row: 1, step: 'group:none', at: new Date().toISOString()})}\n`);
		const {outcome, plan} = await resume(box, home, folder, manifest);
		expect(plan.rows[0]!.row).toBe(1);
		expect(outcome.counts).toMatchObject({rows, remaining: 0, failed: 0});
		expectImportedAsPlanned(box, whole.rows);
		expectResults(folder, whole.rows);
	});

	it('that places its row on another line is found out at the first row read, and the resume reads everything', {timeout: 120_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 63}));
		const file = entangledCsv();
		const {home, folder, manifest} = await startAndStop(box, file);
		const whole = await prepareResume(pacedClient(box).client, folder, manifest, {purpose: 'resume'});
		rewriteHeader(folder, (header) => header.next.line++);
		const {outcome, plan} = await resume(box, home, folder, manifest);
		expect(plan.rows[0]!.row).toBe(1);
		expect(outcome.counts).toMatchObject({rows, remaining: 0, failed: 0});
		expectImportedAsPlanned(box, whole.rows);
		expectResults(folder, whole.rows);
	});

	it('left behind by a crash (an older one, the journal gone on past it) resumes to exactly one user per row', {timeout: 120_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 64}));
		const file = entangledCsv();
		const {home, folder, manifest} = await startAndStop(box, file, 2600);
		const whole = await prepareResume(pacedClient(box).client, folder, manifest, {purpose: 'resume'});
		const older = `${folder.checkpointPath}.older`;
		copyFileSync(folder.checkpointPath, older);
		// A second run goes on from it and is stopped hard; its own checkpoint is lost, as in a crash.
		const {client, pacer} = pacedClient(box);
		let created = 0;
		let stop: (() => void) | undefined;
		const begun = await resumeStreamed({client, pacer, importsDir: path.join(home, 'imports'), folder, manifest, retryFailed: false, allowChangedCsv: false, fromLines: 10, onEvent: (event) => event.type === 'row-created' && ++created === 80 && stop?.()});
		const second = (begun as {streamed: StreamedImport}).streamed.started!;
		stop = () => second.session.runner.stop(true);
		expect((await second.session.finished).stopped).toBe(true);
		copyFileSync(older, folder.checkpointPath);
		const {outcome, plan} = await resume(box, home, folder, manifest);
		expect(plan.rows[0]!.row).toBeGreaterThan(1);
		expect(outcome.counts).toMatchObject({rows, remaining: 0, failed: 0});
		expectImportedAsPlanned(box, whole.rows);
		expectResults(folder, whole.rows);
	});
});
