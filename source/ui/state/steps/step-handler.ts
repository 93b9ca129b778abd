import type {KeyCommand} from '../../key-bindings.js';
import type {KeyContext} from '../../keymap.js';
import type {WizardState} from '../wizard-state.js';

/**
 * All a wizard step does with keys, in one object the reducer dispatches through (steps/index.ts
 * holds one per step, so a step without one, or without a piece of one, does not compile). Its
 * keys are beside it (steps/<step>-keys.ts), its screen in screens/screen-table.ts.
 */
export type StepHandler<Context extends KeyContext = KeyContext> = {
	/**
	 * Which of the step's key tables applies now: the step's own, or a picker, field or detail open
	 * on it. The message, help and busy tables come before it, alike for every step.
	 */
	keyContext: (state: WizardState) => Context;
	/** What a command does here; the error and notice on screen are already cleared. */
	command: (state: WizardState, command: KeyCommand) => WizardState;
} & (TakesTyping | {field?: never; text?: never});

/** A step with a field that takes typing (a text field, a filter, a picker's query). */
type TakesTyping = {
	/** The text of the field that takes typing now; undefined when no field does. */
	field: (state: WizardState) => string | undefined;
	/** The field's text after a key typed, pasted or erased. */
	text: (state: WizardState, value: string) => WizardState;
};
