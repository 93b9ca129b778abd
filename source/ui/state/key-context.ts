import type {KeyContext} from '../keymap.js';
import {stepHandlers} from './steps/index.js';
import type {WizardState} from './wizard-state.js';

/** Which keymap applies now: the message, help or busy line over any screen, else the step's own. */
export function keyContext(state: WizardState): KeyContext {
	if (state.messageOpen) return 'message';
	if (state.help) return 'help';
	if (state.busy) return 'busy';
	return stepHandlers[state.step].keyContext(state);
}
