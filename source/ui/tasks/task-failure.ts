import {JumpCloudError} from '../../jumpcloud/errors.js';
import type {WizardAction} from '../state/wizard-reducer.js';
import type {Task} from '../state/wizard-state.js';

/** A failed task as the reducer hears it: where the admin can act on it. */
export function failure(task: Task, error: unknown): WizardAction {
	const message = explain(error);
	if (task.kind === 'run') return {type: 'run-failed', message};
	if (task.kind === 'prepare-resume') return {type: 'task-failed', message, step: 'resume-offer'};
	if (task.kind !== 'connect') return {type: 'task-failed', message};
	const keyRejected = error instanceof JumpCloudError && (error.kind === 'unauthorized' || error.kind === 'forbidden');
	return {type: 'task-failed', message, step: 'connect', keyRejected};
}

/** A failure in a sentence for the screen. */
export function explain(error: unknown): string {
	// The headless wording names JC_API_KEY; here the key was typed (or taken from it).
	if (error instanceof JumpCloudError && error.kind === 'unauthorized') return 'JumpCloud rejected the API key (401): check it under API Settings in the console (a reset key stops working); a multi-tenant admin also needs the org id.';
	return (error as Error)?.message ?? String(error);
}
