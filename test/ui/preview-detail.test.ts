import {rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {defaultImportOptions} from '../../source/importer/options.js';
import {homePaths} from '../../source/lib/paths.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import type {WizardAction} from '../../source/ui/state/wizard-reducer.js';
import {WizardTaskRunner} from '../../source/ui/wizard-tasks.js';
import {perform} from '../support/wizard-tasks.js';
import {tempFolder} from '../support/temp-dir.js';

/* Opening a row in the preview shows its cells from what planning kept: the file is not read again. */

let sandbox: Sandbox | undefined;
let tasks: WizardTaskRunner | undefined;
afterEach(async () => {
	await tasks?.close();
	await sandbox?.close();
	tasks = undefined;
	sandbox = undefined;
});


/** 50 rows; row 30's email is broken (an error row, with no create body in the plan). */
function writeUsers(): string {
	const file = path.join(tempFolder('jc-import-detail-'), 'users.csv');
	const lines = ['Username,Email,First Name,Password,Badge'];
	for (let index = 1; index <= 50; index++) lines.push(`user${index},${index === 30 ? 'not-an-email' : `user${index}@detail.example.com`},Ada${index},Secret-${index}!,B-${index}`);
	writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

async function planned() {
	const box = (sandbox = await startSandbox({seed: 14}));
	const env = {JC_IMPORT_HOME: tempFolder('jc-import-tasks-')};
	const runner = (tasks = new WizardTaskRunner(homePaths(env), env));
	await perform(runner, {kind: 'connect', form: {field: 4, mode: 'jumpcloud', apiKey: box.apiKey, orgId: '', region: 'us', baseUrl: box.url, editing: false}, resumeId: undefined});
	const file = writeUsers();
	const [opened] = (await perform(runner, {kind: 'open-file', path: file, encoding: undefined})) as Array<Extract<WizardAction, {type: 'file-opened'}>>;
	const options = {...defaultImportOptions, groups: [], devices: []};
	await perform(runner, {kind: 'prepare', options, edits: [], mapping: opened!.mapping});
	return {runner, file, opened: opened!, options};
}

async function openRow(runner: WizardTaskRunner, row: number, secret: number[]) {
	const actions = await perform(runner, {kind: 'load-row', row, secret});
	const loaded = actions.find((action) => action.type === 'row-loaded');
	return loaded?.cells;
}

describe('the row detail', () => {
	it('opens every row, the error row too, after the file is deleted', {timeout: 30_000}, async () => {
		const {runner, file, opened} = await planned();
		rmSync(file);
		const cells = await openRow(runner, 30, opened.csv.secret);
		expect(cells?.map(({header, value, secret}) => ({header, value, secret}))).toEqual([
			{header: 'Username', value: 'user30', secret: false},
			{header: 'Email', value: 'not-an-email', secret: false},
			{header: 'First Name', value: 'Ada30', secret: false},
			{header: 'Password', value: '', secret: true},
			{header: 'Badge', value: 'B-30', secret: false},
		]);
		expect((await openRow(runner, 50, opened.csv.secret))?.[0]?.value).toBe('user50');
		expect(await openRow(runner, 51, opened.csv.secret)).toBeUndefined();
	});

	it('shows an edit made since, and never the password', {timeout: 30_000}, async () => {
		const {runner, file, opened, options} = await planned();
		const edits = [{row: 30, column: 1, value: 'fixed30@detail.example.com'}];
		await perform(runner, {kind: 'prepare', options, edits, mapping: opened.mapping});
		rmSync(file);
		const cells = await openRow(runner, 30, []);
		expect(cells?.find((cell) => cell.header === 'Email')?.value).toBe('fixed30@detail.example.com');
		// Even with no secret columns named by the screen, the password column stays hidden.
		expect(cells?.find((cell) => cell.header === 'Password')).toMatchObject({value: '', secret: true});
	});
});
