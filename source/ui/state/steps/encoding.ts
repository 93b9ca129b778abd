import type {KeyCommand} from '../../key-bindings.js';
import type {encodingKeys} from './encoding-keys.js';
import type {StepHandler} from './step-handler.js';
import {goBack, queue, readingFile} from '../navigation.js';
import type {WizardState} from '../wizard-state.js';

/** The encoding check: the admin picks the decoding under which the names read right. */
export const encodingStep: StepHandler<keyof typeof encodingKeys> = {
	keyContext: () => 'encoding',
	command: encodingCommand,
};

function encodingCommand(state: WizardState, command: KeyCommand): WizardState {
	const count = state.encodingChoices.length;
	switch (command) {
		case 'up':
			return {...state, encodingCursor: Math.max(0, state.encodingCursor - 1)};
		case 'down':
			return {...state, encodingCursor: Math.min(count - 1, state.encodingCursor + 1)};
		case 'select': {
			const choice = state.encodingChoices[state.encodingCursor];
			if (!choice || !state.pendingFile) return state;
			return queue({...state, busy: readingFile}, {kind: 'open-file', path: state.pendingFile, encoding: choice.encoding});
		}
		case 'back':
			return goBack(state);
		default:
			return state;
	}
}
