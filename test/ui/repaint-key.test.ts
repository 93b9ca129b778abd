import {describe, expect, it} from 'vitest';
import {noKey} from '../support/keys.js';
import {commandFor, keymap, type KeyContext} from '../../source/ui/keymap.js';
import {keyContext} from '../../source/ui/state/key-context.js';
import {initialState, wizardReducer, type StartArgs} from '../../source/ui/state/wizard-reducer.js';

const ctrlL = {...noKey, ctrl: true};

describe('Ctrl+L', () => {
	it('means repaint in every context, text fields too (it is never text)', () => {
		for (const context of Object.keys(keymap) as KeyContext[]) expect(commandFor(context, 'l', ctrlL), context).toBe('repaint');
	});

	it('leaves the wizard as it was: a typed key field keeps its text, nothing is queued', () => {
		const args: StartArgs = {cwd: '/data', file: undefined, connection: {given: false, envKey: false, mode: 'jumpcloud', baseUrl: undefined, orgId: undefined, region: 'us'}, unfinished: []};
		let state = initialState(args);
		expect(keyContext(state)).toBe('connect.text');
		state = wizardReducer(state, {type: 'key', input: 'abc', key: noKey});
		const typed = state;
		expect(wizardReducer(typed, {type: 'key', input: 'l', key: ctrlL})).toBe(typed);
		// In one read with other keys (a slow link): the letters are typed, Ctrl+L is not an "l".
		const chunk = wizardReducer(typed, {type: 'key', input: 'd\u000ce', key: noKey});
		expect(chunk.connect.apiKey).toBe('abcde');
		expect(chunk.outbox).toEqual([]);
	});
});
