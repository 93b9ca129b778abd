import type {RowStep} from './journal.js';
import type {RunCounts} from './row-standing.js';

/** What a run tells its listeners (the wizard's progress screen, the headless reporter). */
export type RunnerEvent =
	/** `counts`: where every row stood before this run (a resume starts part way); `toDo` of them run now. */
	| {type: 'started'; rows: number; toDo: number; counts: RunCounts; retryFailed: boolean; planning?: true}
	/** A plan run while it was being made (`planning` at the start) is whole: `rows` in all, `toDo` of them in this run. */
	| {type: 'planned'; rows: number; toDo: number}
	| {type: 'row-started'; row: number; username: string}
	/** `note`: created without the manager the plan named (its row was not created). */
	| {type: 'row-created'; row: number; username: string; userId: string; reconciled: boolean; note?: string}
	| {type: 'row-skipped'; row: number; username: string; reason: string}
	| {type: 'row-failed'; row: number; username: string; step: RowStep; error: string}
	| {type: 'row-done'; row: number; username: string; userId: string}
	| {type: 'step-done'; row: number; step: RowStep}
	| {type: 'throttled'; rate: number}
	| {type: 'paused'}
	| {type: 'resumed'}
	| {type: 'stopping'; hard: boolean}
	| {type: 'finished'; stopped: boolean; counts: RunCounts; fatal?: string};

/** Why a run stopped on its own, and what to do before resuming it. */
export type RunFailure = {message: string; remedy: string};
