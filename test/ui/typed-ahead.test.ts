import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {noKey} from '../support/keys.js';
import {autoMap} from '../../source/mapping/auto-map.js';
import {initialState, wizardReducer, type StartArgs, type WizardAction} from '../../source/ui/state/wizard-reducer.js';
import type {WizardState} from '../../source/ui/state/wizard-state.js';

// Keys typed while the wizard starts by itself (connection given, file named) are held and
// applied to the first screen that takes keys, never to a screen that only flashed by.

const press = (input: string, key: Partial<Key> = {}): WizardAction => ({type: 'key', input, key: {...noKey, ...key}});
const down = press('', {downArrow: true});

const columns = [
	{index: 0, header: 'Email', samples: ['ada@example.com']},
	{index: 1, header: 'First Name', samples: ['Ada']},
	{index: 2, header: 'Last Name', samples: ['Lovelace']},
];
const connected: WizardAction = {type: 'connected', target: {label: 'SANDBOX', sandbox: true}, directory: {organization: 'Org', users: 0, groups: [], devices: []}};
const opened: WizardAction = {type: 'file-opened', csv: {path: '/data/people.csv', encoding: 'utf-8', delimiter: ',', headerLine: 1, columns, secret: []}, mapping: autoMap(columns), source: {kind: 'auto'}};
const listed: WizardAction = {type: 'folder-listed', dir: '/data', entries: []};

const args: StartArgs = {cwd: '/data', file: 'people.csv', connection: {given: true, envKey: false, mode: 'sandbox', baseUrl: undefined, orgId: undefined, region: 'us'}, unfinished: []};

function run(state: WizardState, ...actions: WizardAction[]): WizardState {
	return actions.reduce(wizardReducer, state);
}

describe('keys typed while the wizard starts by itself', () => {
	it('are applied, in order, to the screen the start leads to (Map columns), not to the file picker that was passing by', () => {
		const start = initialState(args);
		// Typed while connecting, then while the file is read: c (continue), then ↓ on the next screen.
		const typing = run(start, press('c'), connected, down, listed);
		expect(typing.step).not.toBe('mapping');
		expect(typing.file.filter).toBe('');
		const ready = run(typing, opened);
		expect(ready.step).toBe('defaults');
		// Exactly as if typed once Map columns was up.
		expect(ready).toEqual(run(start, connected, listed, opened, press('c'), down));
		expect(ready.defaults.field).not.toBe(start.defaults.field);
	});

	it('a chunk (a slow link) is held key by key; keys after the start act as usual', () => {
		const ready = run(initialState(args), press('cx'), connected, listed, opened);
		// c continued from Map columns; x is nothing on Defaults.
		expect(ready.step).toBe('defaults');
		expect(ready).toEqual(run(initialState(args), connected, listed, opened, press('c'), press('x')));
		expect(run(ready, down).defaults.field).not.toBe(ready.defaults.field);
	});

	it('are dropped when the start fails: the error is what there is to read', () => {
		const failed = run(initialState({...args, file: undefined}), press('c'), press('q'), {type: 'task-failed', message: 'connection refused', step: 'connect'});
		expect(failed).toMatchObject({step: 'connect', error: 'connection refused', outbox: expect.not.arrayContaining([expect.objectContaining({kind: 'quit'})])});
	});

	it('Ctrl+C while starting still leaves at once', () => {
		const state = run(initialState(args), press('c', {ctrl: true}));
		expect(state.outbox).toContainEqual({kind: 'quit', code: 130});
	});

	it('with no file named, the typing goes to the file picker once its folder is listed', () => {
		const picker = run(initialState({...args, file: undefined}), press('p'), press('e'), connected, listed);
		expect(picker.step).toBe('file');
		expect(picker.file.filter).toBe('pe');
	});
});
