import type {KeyCommand} from '../../key-bindings.js';
import {goBack, queue} from '../navigation.js';
import type {WizardState} from '../wizard-state.js';
import type {confirmKeys} from './confirm-keys.js';
import type {StepHandler} from './step-handler.js';

/** Confirm: `y` starts the run it shows (an import, its resume or retry, or a rollback). */
export const confirmStep: StepHandler<keyof typeof confirmKeys> = {
	keyContext: (state) => (state.runKind === 'rollback' ? 'confirm.rollback' : 'confirm'),
	command: confirmCommand,
};

function confirmCommand(state: WizardState, command: KeyCommand): WizardState {
	if (command === 'start') return queue({...state, busy: {line: 'Starting…'}}, {kind: 'run', run: state.runKind});
	if (command === 'back') return fromSummary(state) ? {...state, step: 'summary', history: [], resumeId: undefined} : goBack(state);
	return state;
}

/** Confirm of a resume begun on the summary of that same import: Esc goes back there. */
function fromSummary(state: WizardState): boolean {
	return state.runKind === 'resume' && state.outcome !== undefined && state.outcome.importId === state.resumeId;
}
