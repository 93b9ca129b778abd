import {exitCodes} from '../../../lib/exit-codes.js';
import type {KeyCommand} from '../../key-bindings.js';
import {listingFolder, queue} from '../navigation.js';
import type {WizardState} from '../wizard-state.js';
import type {resumeOfferKeys} from './resume-offer-keys.js';
import type {StepHandler} from './step-handler.js';

/** The imports left unfinished, offered at start: resume one, or start a new import. */
export const resumeOfferStep: StepHandler<keyof typeof resumeOfferKeys> = {
	keyContext: () => 'resume-offer',
	command: resumeOfferCommand,
};

function resumeOfferCommand(state: WizardState, command: KeyCommand): WizardState {
	switch (command) {
		case 'up':
			return {...state, resumeCursor: Math.max(0, state.resumeCursor - 1)};
		case 'down':
			return {...state, resumeCursor: Math.min(state.unfinished.length - 1, state.resumeCursor + 1)};
		case 'select': {
			const chosen = state.unfinished[state.resumeCursor];
			if (!chosen) return state;
			// Esc from the key form (or a failure to prepare) comes back to this list.
			const next: WizardState = {...state, resumeId: chosen.id, step: 'connect', history: ['resume-offer'], connect: {...state.connect, mode: 'jumpcloud', field: 1, editing: true}};
			// The import's own target; a key from the environment connects at once, else the form asks.
			if (state.envKey) return queue({...next, busy: {line: 'Connecting…'}}, {kind: 'connect', form: next.connect, resumeId: chosen.id});
			return next;
		}
		case 'newImport': {
			const fresh: WizardState = {...state, unfinished: [], resumeId: undefined, history: []};
			if (state.target) return queue({...fresh, step: 'file', busy: listingFolder}, {kind: 'list-folder', dir: state.file.dir});
			if (state.connectionGiven) return queue({...fresh, step: 'connect', busy: {line: 'Connecting…'}}, {kind: 'connect', form: state.connect, resumeId: undefined});
			return {...fresh, step: 'connect'};
		}
		case 'quit':
			return queue(state, {kind: 'quit', code: exitCodes.ok});
		default:
			return state;
	}
}
