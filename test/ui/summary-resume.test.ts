import {appendFileSync, existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {defaultImportOptions} from '../../source/importer/options.js';
import {homePaths} from '../../source/lib/paths.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import type {WizardAction} from '../../source/ui/state/wizard-reducer.js';
import type {ConnectForm, Outcome} from '../../source/ui/state/wizard-state.js';
import {WizardTaskRunner} from '../../source/ui/wizard-tasks.js';
import {usersCsv} from '../support/import-harness.js';
import {perform} from '../support/wizard-tasks.js';
import {tempFolder} from '../support/temp-dir.js';

/* `u` on a stopped import's summary: the wizard's tasks against a real sandbox over loopback. */

let sandbox: Sandbox | undefined;
let tasks: WizardTaskRunner | undefined;
afterEach(async () => {
	await tasks?.close();
	await sandbox?.close();
	tasks = undefined;
	sandbox = undefined;
});

type Of<T extends WizardAction['type']> = Extract<WizardAction, {type: T}>;
const rows = 6;

/** Connected, the file planned one row at a time, and the import stopped (Ctrl+C) as soon as it started. */
async function stoppedImport(form: ConnectForm, file = usersCsv(rows)) {
	const env = {JC_IMPORT_HOME: tempFolder('jc-import-summary-')};
	const runner = (tasks = new WizardTaskRunner(homePaths(env), env));
	await perform(runner, {kind: 'connect', form, resumeId: undefined});
	const [opened] = await perform(runner, {kind: 'open-file', path: file, encoding: undefined});
	const options = {...defaultImportOptions, groups: [], devices: [], concurrency: 1};
	await perform(runner, {kind: 'prepare', options, edits: [], mapping: (opened as Of<'file-opened'>).mapping});
	const actions: WizardAction[] = [];
	await runner.run({kind: 'run', run: 'import'}, (action) => {
		actions.push(action);
		// Ctrl+C the moment it runs: the row in flight finishes, the others are left.
		if (action.type === 'run-started') void runner.run({kind: 'stop', hard: false}, () => {});
	});
	const outcome = (actions.at(-1) as Of<'run-finished'>).outcome;
	return {runner, env, file, outcome};
}

/** Resumed from the summary: prepared (Confirm), then run (y). */
async function resumeHere(runner: WizardTaskRunner, outcome: Outcome): Promise<Outcome> {
	const [prepared] = (await perform(runner, {kind: 'prepare-resume', id: outcome.importId})).filter((action) => action.type === 'resume-prepared');
	expect(prepared).toBeDefined();
	const ran = await perform(runner, {kind: 'run', run: 'resume'});
	return (ran.at(-1) as Of<'run-finished'>).outcome;
}

const importedUsers = (box: Sandbox) => [...box.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com')).map((user) => user.username);

describe('a stopped import resumed on its summary', () => {
	it('finishes it over the same connection, each user created once; the script line is its resume until then', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 91}));
		const form: ConnectForm = {field: 4, mode: 'jumpcloud', apiKey: box.apiKey, orgId: '', region: 'us', baseUrl: box.url, editing: false};
		const {runner, outcome} = await stoppedImport(form);
		expect(outcome.stopped).toBe(true);
		expect(outcome.counts!.remaining).toBeGreaterThan(0);
		const before = outcome.counts!.usersCreated;
		// Unfinished: a script finishes this import, at the import's own target, never a second run of the file.
		expect(outcome.headless).toBe(`jc-import resume ${outcome.importId} --yes`);
		expect(runner.farewell.join('\n')).toContain(`The same import in a script: jc-import resume ${outcome.importId} --yes`);

		const finished = await resumeHere(runner, outcome);
		expect(finished.importId).toBe(outcome.importId);
		expect(finished).toMatchObject({stopped: false, counts: {created: rows, failed: 0, skipped: 0, remaining: 0}});
		expect(finished.counts!.usersCreated - before).toBe(rows - before);
		const users = importedUsers(box);
		expect(users.sort()).toEqual(Array.from({length: rows}, (_, index) => `user${index}`).sort());
		// Finished: the script line repeats it with its mapping, at the same target.
		expect(finished.headless).toMatch(new RegExp(`^jc-import run \\S+users\\.csv --mapping \\S+/${finished.importId}/mapping\\.json --api-url ${box.url.replace(/[.]/g, '\\.')} --concurrency 1 --yes$`));
	});

	it('works for a sandbox import while the wizard (and so its sandbox) runs, and never offers a script', {timeout: 30_000}, async () => {
		const form: ConnectForm = {field: 4, mode: 'sandbox', apiKey: '', orgId: '', region: 'us', baseUrl: undefined, editing: false};
		const {runner, outcome} = await stoppedImport(form);
		expect(outcome.counts!.remaining).toBeGreaterThan(0);
		expect(outcome.headless).toMatch(/^none: a script cannot reach this sandbox, which ends with the wizard/);
		expect(outcome.headless).not.toMatch(/jc-import/);
		expect(runner.farewell.join('\n')).not.toMatch(/jc-import (run|resume)/);

		const finished = await resumeHere(runner, outcome);
		expect(finished).toMatchObject({stopped: false, counts: {created: rows, failed: 0, skipped: 0, remaining: 0}});
		// The sandbox the wizard started, read from the runner's own state.
		const box = runner['state'].connected!.sandbox!;
		expect(importedUsers(box).sort()).toEqual(Array.from({length: rows}, (_, index) => `user${index}`).sort());
	});

	it('a resume that cannot be prepared comes back to the summary with the reason, not to the start offer', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 92}));
		const form: ConnectForm = {field: 4, mode: 'jumpcloud', apiKey: box.apiKey, orgId: '', region: 'us', baseUrl: box.url, editing: false};
		const {runner, file, outcome} = await stoppedImport(form);
		appendFileSync(file, 'late,late@import.example.com,Late,Row,Import-Pass-9!\n');
		const actions: WizardAction[] = [];
		await runner.run({kind: 'prepare-resume', id: outcome.importId}, (action) => actions.push(action));
		const failed = actions.find((action) => action.type === 'task-failed') as Of<'task-failed'>;
		expect(failed.message).toContain(`changed since import ${outcome.importId} began`);
		expect(failed.step).toBeUndefined();
		// Leaving now still says the import is unfinished, with its counts.
		expect(runner.farewell.join('\n')).toContain(`To finish it: jc-import resume ${outcome.importId}`);
	});
});

describe('w writes the report', () => {
	it('into the import folder, named after the CSV; nothing beside the CSV', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 93}));
		const form: ConnectForm = {field: 4, mode: 'jumpcloud', apiKey: box.apiKey, orgId: '', region: 'us', baseUrl: box.url, editing: false};
		const {runner, file, outcome} = await stoppedImport(form);
		const [written] = await perform(runner, {kind: 'write-report'});
		const {paths} = written as Of<'report-written'>;
		const folder = path.dirname(outcome.resultsPath);
		expect(paths).toEqual([path.join(folder, `users.results-${outcome.importId}.csv`)]);
		for (const one of paths) expect(existsSync(one)).toBe(true);
		expect(readdirSync(path.dirname(file))).toEqual(['users.csv']);
	});
});
