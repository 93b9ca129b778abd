import {importRunExitCode, rollbackExitCode} from '../../lib/exit-codes.js';
import type {Busy, Step, Task, WizardState} from './wizard-state.js';

/**
 * What the reducer and every step's handler share: moving between steps, asking for work, the busy
 * waits a result must tell apart, and an outcome's exit code. Its own module (not the
 * reducer's) so the steps, which the reducer imports, import nothing back: no import circle.
 */

/** Moves forward to a step, remembering where Esc returns to. */
export function goTo(state: WizardState, step: Step): WizardState {
	if (state.step === step) return state;
	return {...state, step, history: [...state.history, state.step]};
}

/** Esc: the step before, with every choice as it was. */
export function goBack(state: WizardState): WizardState {
	const previous = state.history.at(-1);
	if (previous === undefined) return state;
	return {...state, step: previous, history: state.history.slice(0, -1)};
}

/** Asks for a task: the task runner does the I/O and answers with an action. */
export function queue(state: WizardState, task: Task): WizardState {
	return {...state, outbox: [...state.outbox, task]};
}

/** ok: all well; rowsFailed: rows failed (or deletes did); interrupted: stopped before the end. */
export function outcomeExitCode(outcome: NonNullable<WizardState['outcome']>): number {
	const {rolledBack, counts} = outcome;
	if (rolledBack) return rollbackExitCode({stopped: outcome.stopped, left: rolledBack.left, failed: rolledBack.failed});
	return importRunExitCode({stopped: outcome.stopped, failed: counts?.failed ?? 0, invalid: counts?.invalid ?? 0});
}

/** Waits other results must tell apart: a folder listed while a file is still being read. */
export const listingFolder: Busy = {line: 'Listing the folder…', doing: 'listing-folder'};
export const readingFile: Busy = {line: 'Reading the file…', doing: 'reading-file'};
export const checkingAgain: Busy = {line: 'Checking the plan against the directory again…'};
