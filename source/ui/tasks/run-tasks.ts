import {writeImportMapping} from '../../importer/import-mapping.js';
import {isStale} from '../../importer/plan-check.js';
import {ProgressTracker} from '../../importer/progress-tracker.js';
import {prepareResume} from '../../importer/resume.js';
import type {RunnerEvent} from '../../importer/runner.js';
import {continueImport, importTarget, startNewImport, type StartedImport} from '../../importer/start-import.js';
import type {RunKind} from '../state/wizard-state.js';
import {outcomeOf} from './outcome.js';
import {recheck, toPlan} from './plan-tasks.js';
import {rollBack} from './rollback-task.js';
import type {Dispatch, WizardTaskState} from './task-state.js';

/**
 * `y` on Confirm: the plan checked once more if it has grown old (a changed one is shown, not run),
 * then the import started (or resumed, or its failed rows retried) and followed to its end.
 */
export async function startRun(state: WizardTaskState, kind: RunKind, dispatch: Dispatch): Promise<void> {
	const {client} = state.need(false);
	if (kind === 'rollback') return rollBack(state, dispatch);
	if (kind === 'retry' && !state.prepared) {
		const {folder, manifest} = state.current!;
		state.prepared = {prepared: await prepareResume(client, folder, manifest, {purpose: 'retry'}), edits: manifest.edits ?? [], options: manifest.options};
	}
	// Minutes on the Confirm screen: check once more, and show a plan that changed rather than run it.
	if (state.prepared && isStale(state.prepared.prepared)) {
		const rechecked = await recheck(state, kind, dispatch);
		if (rechecked?.changed) {
			dispatch({type: 'plan-refreshed', plan: toPlan(rechecked.fresh), changed: `The directory changed while this screen was open: ${rechecked.changed}. Check the plan, then press y again.`});
			return;
		}
	}
	// Ctrl+C while this was getting ready: nothing may start once the wizard is closing.
	if (state.closing) return;
	const prepared = state.prepared!;
	state.tracker = new ProgressTracker();
	const tracker = state.tracker;
	const running = {client, pacer: state.pacer!, importsDir: state.home.imports, onEvent: (event: RunnerEvent) => tracker.track(event)};
	let started: StartedImport;
	if (kind === 'import') {
		started = await startNewImport({
			...running,
			file: state.file!.path,
			prepared: prepared.prepared,
			options: prepared.options,
			edits: prepared.edits,
			target: importTarget(state.connection!, client.http.baseUrl),
		});
		try {
			writeImportMapping(started.folder, started.manifest.mapping);
		} catch {
			// The run has started and must be followed; the summary writes the mapping when it can.
		}
	} else {
		const {folder, manifest} = state.current!;
		started = await continueImport({...running, folder, manifest, prepared: prepared.prepared, retryFailed: kind === 'retry'});
	}
	state.current = {folder: started.folder, manifest: started.manifest};
	const session = started.session;
	state.importSession = session;
	if (state.closing) session.runner.stop(true);
	dispatch({type: 'run-started'});
	try {
		const outcome = await session.finished;
		dispatch({type: 'run-finished', outcome: outcomeOf(state, kind, {counts: outcome.counts, stopped: outcome.stopped, failedRows: outcome.failedRows, ...(outcome.failure ? {fatal: outcome.failure.message} : {})})});
	} finally {
		state.importSession = undefined;
		state.pacer?.remember();
		// The directory changed: the next plan reads it again.
		state.directory = undefined;
		// A retry plans the failed rows afresh from the journal.
		if (kind !== 'import') state.prepared = undefined;
	}
}

/** `p`: a running import pauses, a paused one goes on. */
export function togglePause(state: WizardTaskState): void {
	const runner = state.importSession?.runner;
	if (!runner) return;
	if (state.tracker.snapshot().state === 'paused') runner.resume();
	else runner.pause();
}

/** Ctrl+C during a run: the import stops (at once when `hard`), and so does a rollback. */
export function stopRun(state: WizardTaskState, hard: boolean): void {
	state.stopRollback = true;
	state.importSession?.runner.stop(hard);
}
