import type {ProgressSnapshot} from '../../importer/progress-tracker.js';
import type {WizardAction} from '../state/wizard-reducer.js';
import type {WizardState} from '../state/wizard-state.js';

/** The import under way, as a screen reads it a few times a second (never pushed per request). */
export type LiveProgress = {snapshot(): ProgressSnapshot};

/** A rollback's counts so far, out of the users the import created. */
export type RollbackCounts = {deleted: number; gone: number; kept: number; failed: number; total: number};

/**
 * What a screen may read of the running tasks: the live progress and a rollback's counts, never
 * the task runner itself (so a test hands a screen a plain object).
 */
export type ScreenTasks = {readonly tracker: LiveProgress; readonly rollback: RollbackCounts | undefined};

/** What every screen is drawn from: the state, a way to act on it, and the running tasks. Beside the screens, not in App (which imports them). */
export type ScreenProps = {state: WizardState; dispatch: (action: WizardAction) => void; tasks: ScreenTasks};
