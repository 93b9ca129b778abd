import {runRollback} from '../../importer/rollback-session.js';
import {outcomeOf} from './outcome.js';
import type {Dispatch, WizardTaskState} from './task-state.js';

/** Deletes the users the import on the summary created, counting as it goes for the progress screen. */
export async function rollBack(state: WizardTaskState, dispatch: Dispatch): Promise<void> {
	const {client} = state.need(false);
	const {folder, manifest} = state.current!;
	state.stopRollback = false;
	const total = state.tracker.snapshot().counts.usersCreated;
	state.rollback = {deleted: 0, gone: 0, kept: 0, failed: 0, total};
	state.directory = undefined;
	const result = await runRollback({
		client,
		folder,
		manifest,
		// Only once the lock is held and cut-off creates are settled: a failure before stays on the summary.
		onStarted: () => dispatch({type: 'run-started'}),
		shouldStop: () => state.stopRollback || state.closing,
		onEvent: (event) => {
			if (!state.rollback) return;
			if (event.type === 'deleted') state.rollback.deleted++;
			else if (event.type === 'gone') state.rollback.gone++;
			else if (event.type === 'kept') state.rollback.kept++;
			else state.rollback.failed++;
		},
	});
	dispatch({type: 'run-finished', outcome: outcomeOf(state, 'rollback', {counts: undefined, stopped: result.left > 0, failedRows: 0, rolledBack: result})});
}
