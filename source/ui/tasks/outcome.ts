import {existsSync} from 'node:fs';
import {writeImportMapping} from '../../importer/import-mapping.js';
import type {Outcome, RunKind} from '../state/wizard-state.js';
import {farewellLines, sameInScript} from './farewell.js';
import type {WizardTaskState} from './task-state.js';

/** How a run ended, as the engine said it: the counts (none for a rollback), and why it stopped early if it did. */
export type RunResult = {counts: Outcome['counts']; stopped: boolean; failedRows: number; fatal?: string; rolledBack?: Outcome['rolledBack']};

/** The summary's outcome, and the farewell from the same: a rollback's says what it deleted, never "resume". */
export function outcomeOf(state: WizardTaskState, kind: RunKind, result: RunResult): Outcome {
	const {folder, manifest} = state.current!;
	const sandbox = manifest.target.sandbox;
	// An import begun headless has no mapping file yet; the command below names one.
	if (!existsSync(folder.mappingPath)) writeImportMapping(folder, manifest.mapping);
	const outcome: Outcome = {
		kind,
		importId: manifest.id,
		counts: result.counts,
		rolledBack: result.rolledBack,
		stopped: result.stopped,
		...(result.fatal ? {fatal: result.fatal} : {}),
		resultsPath: folder.resultsPath,
		failedPath: result.failedRows > 0 ? folder.failedPath : undefined,
		headless: sameInScript(manifest, folder, result.stopped && (result.counts?.remaining ?? 0) > 0),
		written: [],
	};
	state.farewell = farewellLines(outcome, sandbox);
	state.failedRows = result.failedRows;
	state.shown = outcome;
	return outcome;
}
