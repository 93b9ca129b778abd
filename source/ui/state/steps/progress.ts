import type {KeyCommand} from '../../key-bindings.js';
import {queue} from '../navigation.js';
import type {WizardState} from '../wizard-state.js';
import type {progressKeys} from './progress-keys.js';
import type {StepHandler} from './step-handler.js';

/** A run under way: paused and resumed with `p` (not a rollback), its failed rows browsed. Ctrl+C is the reducer's. */
export const progressStep: StepHandler<keyof typeof progressKeys> = {
	keyContext: (state) => {
		if (state.runKind === 'rollback') return 'progress.rollback';
		if (state.failedList?.open) return 'progress.failure';
		return (state.failedList?.count ?? 0) > 0 ? 'progress.failed' : 'progress';
	},
	command: progressCommand,
};

function progressCommand(state: WizardState, command: KeyCommand): WizardState {
	if (command === 'pause' && state.runKind !== 'rollback') return queue(state, {kind: 'pause'});
	return failedListCommand(state, command);
}

/**
 * The failed rows while importing, newest first on screen: ↓ goes to older ones, ↑ to newer (the
 * first press picks the newest), Enter opens the selected one's error in full, Esc closes it.
 */
function failedListCommand(state: WizardState, command: KeyCommand): WizardState {
	const list = state.failedList;
	if (!list || list.count === 0 || state.runKind === 'rollback') return state;
	const newest = list.count - 1;
	switch (command) {
		case 'down':
			return {...state, failedList: {...list, cursor: list.cursor === undefined ? newest : Math.max(0, list.cursor - 1)}};
		case 'up':
			return {...state, failedList: {...list, cursor: list.cursor === undefined ? newest : Math.min(newest, list.cursor + 1)}};
		case 'select':
			return {...state, failedList: {...list, cursor: list.cursor ?? newest, open: true}};
		case 'back':
			return {...state, failedList: {...list, open: false}};
		default:
			return state;
	}
}
