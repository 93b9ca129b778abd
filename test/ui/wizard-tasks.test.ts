import {afterEach, describe, expect, it, vi} from 'vitest';
import {defaultImportOptions} from '../../source/importer/options.js';
import {listImportIds} from '../../source/importer/import-store.js';
import {homePaths} from '../../source/lib/paths.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import type {WizardAction} from '../../source/ui/state/wizard-reducer.js';
import {WizardTaskRunner} from '../../source/ui/wizard-tasks.js';
import {farewellLines} from '../../source/ui/tasks/farewell.js';
import type {Outcome} from '../../source/ui/state/wizard-state.js';
import {launchImport} from '../../source/importer/session.js';
import {recordImport} from '../support/import-harness.js';
import {perform} from '../support/wizard-tasks.js';
import {usersCsv} from '../support/import-harness.js';
import {tempFolder} from '../support/temp-dir.js';

/* The wizard's task runner against a real sandbox: the plan on Confirm is the directory as it is. */

let sandbox: Sandbox | undefined;
let tasks: WizardTaskRunner | undefined;
afterEach(async () => {
	await tasks?.close();
	await sandbox?.close();
	tasks = undefined;
	sandbox = undefined;
});


/** The task runner of a wizard in a fresh home (or `home`), and the connect form for `box`. */
function wizardFor(box: Sandbox, home = tempFolder('jc-import-tasks-')) {
	const env = {JC_IMPORT_HOME: home};
	const runner = (tasks = new WizardTaskRunner(homePaths(env), env));
	const form = {field: 4, mode: 'jumpcloud' as const, apiKey: box.apiKey, orgId: '', region: 'us' as const, baseUrl: box.url, editing: false};
	return {runner, form, env};
}

const stranger = (box: Sandbox, index: number) =>
	box.directory.addUser({username: `user${index}`, email: `user${index}@import.example.com`, firstname: 'Other', lastname: 'Admin', state: 'ACTIVATED', passwordSet: false} as never);

describe('Confirm is true when the admin presses y', () => {
	it('checks the plan again on opening, and once more before the first create when it has grown old', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 81}));
		const {runner, form, env} = wizardFor(box);
		await perform(runner, {kind: 'connect', form, resumeId: undefined});
		const file = usersCsv(3);
		const [opened] = await perform(runner, {kind: 'open-file', path: file, encoding: undefined});
		const mapping = (opened as Extract<WizardAction, {type: 'file-opened'}>).mapping;
		const options = {...defaultImportOptions, groups: [], devices: []};
		const [prepared] = await perform(runner, {kind: 'prepare', options, edits: [], mapping});
		expect((prepared as Extract<WizardAction, {type: 'prepared'}>).plan.summary).toMatchObject({creates: 3, skips: 0});

		// Someone made user1 while the admin read the preview.
		stranger(box, 1);
		const refreshed = (await perform(runner, {kind: 'refresh-plan', run: 'import'})).at(-1) as Extract<WizardAction, {type: 'plan-refreshed'}>;
		expect(refreshed.plan.summary).toMatchObject({creates: 2, skips: 1});
		expect(refreshed.changed).toBe('Since the preview: 1 row now exists in JumpCloud (row 2).');

		// And user2 while Confirm stood open for minutes: y shows the new plan instead of running the old one.
		stranger(box, 2);
		const now = Date.now();
		const later = vi.spyOn(Date, 'now').mockImplementation(() => now + 5 * 60_000);
		const atY = await perform(runner, {kind: 'run', run: 'import'});
		later.mockRestore();
		expect(atY.map((action) => action.type)).toEqual(['busy-progress', 'plan-refreshed']);
		expect((atY.at(-1) as Extract<WizardAction, {type: 'plan-refreshed'}>).changed).toContain('1 row now exists in JumpCloud (row 3)');
		expect(listImportIds(homePaths(env).imports)).toEqual([]);

		const ran = await perform(runner, {kind: 'run', run: 'import'});
		expect(ran.map((action) => action.type)).toEqual(['run-started', 'run-finished']);
		const outcome = (ran.at(-1) as Extract<WizardAction, {type: 'run-finished'}>).outcome;
		expect(outcome.counts).toMatchObject({created: 1, skipped: 2, failed: 0});
	});
});

describe('the Preview counts what the plan will do', () => {
	it('counts a row the directory checks refuse as an error, though the file checks passed it', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 82}));
		const {runner, form} = wizardFor(box);
		await perform(runner, {kind: 'connect', form, resumeId: undefined});
		// Row 2's employee ID belongs to a user the sandbox has (alovelace): only the directory can tell.
		const file = usersCsv(3, 'Employee ID', (index) => (index === 1 ? 'E0004' : `X${index}`));
		const [opened] = await perform(runner, {kind: 'open-file', path: file, encoding: undefined});
		const mapping = (opened as Extract<WizardAction, {type: 'file-opened'}>).mapping;
		const [prepared] = await perform(runner, {kind: 'prepare', options: {...defaultImportOptions, groups: [], devices: []}, edits: [], mapping});
		const {plan} = prepared as Extract<WizardAction, {type: 'prepared'}>;
		expect(plan.summary).toMatchObject({creates: 2, invalid: 1});
		expect(plan.rows.find((row) => row.row === 2)?.action).toBe('invalid');
		expect(plan.warnings).toBe(0);
		expect(plan).not.toHaveProperty('errors');
	});
});

describe('what the wizard leaves on the screen', () => {
	it('leaving a resume before it runs says the import is unfinished, with its resume command', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 83}));
		const home = tempFolder('jc-import-tasks-');
		// An import stopped after two of five rows, in this home.
		const {client, pacer, manifest, folder, prepared} = await recordImport(box, usersCsv(5), {concurrency: 1}, home);
		let created = 0;
		const session = launchImport({client, pacer, folder, manifest, mapping: prepared.mapping, rows: prepared.rows, onEvent: (event) => event.type === 'row-done' && ++created === 2 && session.runner.stop()});
		expect((await session.finished).stopped).toBe(true);

		const {runner, form} = wizardFor(box, home);
		await perform(runner, {kind: 'connect', form, resumeId: manifest.id});
		expect(runner.farewell).toEqual([]);
		await perform(runner, {kind: 'prepare-resume', id: manifest.id});
		expect(runner.farewell.join('\n')).toContain(`import ${manifest.id} is unfinished`);
		expect(runner.farewell.join('\n')).toContain(`jc-import resume ${manifest.id}`);
		expect(runner.farewell.join('\n')).not.toMatch(/nothing was created/i);
	});

	const rolledBack = (left: number, failed: number): Outcome => ({
		kind: 'rollback',
		importId: '20261201-101010-abcdef',
		counts: undefined,
		rolledBack: {deleted: 3, gone: 0, kept: 0, failed, left, clearedManagerOf: []},
		stopped: left > 0,
		resultsPath: '/r.csv',
		failedPath: undefined,
		headless: 'jc-import rollback 20261201-101010-abcdef',
		written: [],
	});

	it('a rollback cut short is finished by another rollback, never by a resume', () => {
		const lines = farewellLines(rolledBack(2, 1), false).join('\n');
		expect(lines).toContain('rolled back: 3 deleted');
		expect(lines).toContain('To finish the rollback: jc-import rollback 20261201-101010-abcdef');
		expect(lines).not.toMatch(/resume/);
	});

	it('a whole rollback asks for nothing more', () => {
		const lines = farewellLines(rolledBack(0, 0), false).join('\n');
		expect(lines).toContain('rolled back: 3 deleted');
		expect(lines).not.toMatch(/To finish|resume/);
	});
});

describe('a failed connect', () => {
	it('says whether JumpCloud rejected the key (typed again) or could not be reached (kept)', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 84}));
		const {runner, form: good} = wizardFor(box);
		const form = {...good, apiKey: 'not-the-key'};
		const failedWith = async (task: Parameters<WizardTaskRunner['run']>[0]) => {
			const actions: WizardAction[] = [];
			await runner.run(task, (action) => actions.push(action));
			return actions.find((action) => action.type === 'task-failed');
		};
		expect(await failedWith({kind: 'connect', form, resumeId: undefined})).toMatchObject({step: 'connect', keyRejected: true});
		await box.close();
		expect(await failedWith({kind: 'connect', form: {...form, apiKey: box.apiKey}, resumeId: undefined})).toMatchObject({step: 'connect', keyRejected: false});
	});
});

describe('a long check of the rows', () => {
	it('says how many rows it has read while it checks them', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 85}));
		const {runner, form} = wizardFor(box);
		await perform(runner, {kind: 'connect', form, resumeId: undefined});
		const [opened] = await perform(runner, {kind: 'open-file', path: usersCsv(2500), encoding: undefined});
		const mapping = (opened as Extract<WizardAction, {type: 'file-opened'}>).mapping;
		const actions = await perform(runner, {kind: 'prepare', options: {...defaultImportOptions, groups: [], devices: []}, edits: [], mapping});
		const said = actions.filter((action): action is Extract<WizardAction, {type: 'busy-progress'}> => action.type === 'busy-progress').map((action) => action.text);
		expect(said[0]).toBe('Checking every row against the directory: 1,000 rows read…');
		expect(actions.at(-1)?.type).toBe('prepared');
	});
});
