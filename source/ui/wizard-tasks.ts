import type {EncodingLabel} from '../csv/index.js';
import {listFolder} from '../lib/list-folder.js';
import type {HomePaths} from '../lib/paths.js';
import type {LiveProgress, RollbackCounts, ScreenTasks} from './screens/screen-props.js';
import type {Task} from './state/wizard-state.js';
import {connect, disconnect} from './tasks/connect-task.js';
import {openFile, saveMapping} from './tasks/file-tasks.js';
import {loadRow, planResume, prepare, refreshPlan} from './tasks/plan-tasks.js';
import {writeReport} from './tasks/report-task.js';
import {startRun, stopRun, togglePause} from './tasks/run-tasks.js';
import {failure} from './tasks/task-failure.js';
import {WizardTaskState, type Dispatch} from './tasks/task-state.js';

/**
 * The wizard's hands, as App and runWizard use them: every task the reducer asks for is run here,
 * its result dispatched back; the screens read the live progress; once closed, the farewell is
 * what to print. A test fake implements this without the engine.
 */
export type WizardTasks = ScreenTasks & {
	run(task: Task, dispatch: Dispatch): Promise<void>;
	close(): Promise<void>;
	/** What to print on the normal screen once the wizard has closed. */
	readonly farewell: readonly string[];
	/** The import being run or last run, for a resume hint after a crash. */
	readonly currentImportId: string | undefined;
};

/**
 * Every task done with the engine (connect, read a folder or a file, check the rows, run, pause,
 * stop, roll back, write the reports), each in its own module under tasks/ over one shared
 * WizardTaskState; this class only hands a task to its module and closes down.
 */
export class WizardTaskRunner implements WizardTasks {
	private readonly state: WizardTaskState;
	private readonly inFlight = new Set<Promise<void>>();

	constructor(home: HomePaths, env: NodeJS.ProcessEnv) {
		this.state = new WizardTaskState(home, env);
	}

	get tracker(): LiveProgress {
		return this.state.tracker;
	}

	get rollback(): RollbackCounts | undefined {
		return this.state.rollback;
	}

	get farewell(): readonly string[] {
		return this.state.farewell;
	}

	get currentImportId(): string | undefined {
		return this.state.current?.manifest.id;
	}

	/**
	 * Runs one task; failures become a sentence on the screen, never a crash. Once the wizard is
	 * closing nothing new starts, and nothing is reported to a screen that is gone.
	 */
	async run(task: Task, dispatch: Dispatch): Promise<void> {
		if (this.state.closing) return;
		const report: Dispatch = (action) => {
			if (!this.state.closing) dispatch(action);
		};
		const done = this.perform(task, report).catch((error: unknown) => report(failure(task, error)));
		this.inFlight.add(done);
		await done;
		this.inFlight.delete(done);
	}

	private async perform(task: Task, dispatch: Dispatch): Promise<void> {
		const state = this.state;
		switch (task.kind) {
			case 'connect':
				return connect(state, task.form, task.resumeId, dispatch);
			case 'list-folder': {
				const listing = listFolder(task.dir);
				dispatch({type: 'folder-listed', dir: listing.dir, entries: listing.entries});
				return;
			}
			case 'open-file':
				return openFile(state, task.path, task.encoding as EncodingLabel | undefined, dispatch);
			case 'save-mapping':
				return saveMapping(state, task.mapping, task.headers);
			case 'prepare':
				return prepare(state, task.mapping, task.options, task.edits, dispatch);
			case 'load-row':
				return loadRow(state, task.row, new Set(task.secret), dispatch);
			case 'prepare-resume':
				return planResume(state, task.id, dispatch);
			case 'run':
				return startRun(state, task.run, dispatch);
			case 'refresh-plan':
				return refreshPlan(state, task.run, dispatch);
			case 'pause':
				return togglePause(state);
			case 'stop':
				return stopRun(state, task.hard);
			case 'write-report':
				return writeReport(state, dispatch);
		}
	}

	/**
	 * The wizard is closing: nothing new starts, a run stops at once (resumable), the tasks under
	 * way are waited for, then the connection (and the sandbox with it) is closed.
	 */
	async close(): Promise<void> {
		const state = this.state;
		state.closing = true;
		state.importSession?.runner.stop(true);
		// Reads under way (connect, the directory, a plan's check) are cut off, not waited out.
		state.connected?.client.http.abandon();
		await Promise.allSettled([...this.inFlight]);
		await state.importSession?.finished.catch(() => {});
		await disconnect(state);
	}
}
