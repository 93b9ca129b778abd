import type {WizardAction} from '../../source/ui/state/wizard-reducer.js';
import type {Task} from '../../source/ui/state/wizard-state.js';
import type {WizardTasks} from '../../source/ui/wizard-tasks.js';

/** Runs one wizard task to its end and returns the actions it dispatched; a failed task or run throws. */
export async function perform(runner: WizardTasks, task: Task): Promise<WizardAction[]> {
	const actions: WizardAction[] = [];
	await runner.run(task, (action) => actions.push(action));
	const failed = actions.find((action) => action.type === 'task-failed' || action.type === 'run-failed');
	if (failed) throw new Error(JSON.stringify(failed));
	return actions;
}
