import type {JumpCloudClient} from '../jumpcloud/client.js';
import type {Mapping} from '../mapping/mapping.js';
import type {ImportFolder, Manifest} from './import-store.js';
import {Journal, readJournal} from './journal.js';
import {acquireLock} from './lock.js';
import type {Pacer} from './pacer.js';
import type {RowPlan} from './preflight.js';
import {replay, type ImportProgress} from './progress.js';
import {rowResults, writeFailed, writeResults, type RowResult} from './report.js';
import {ImportRunner, type RunCounts, type RunnerEvent} from './runner.js';

export type ImportOutcome = {counts: RunCounts; results: RowResult[]; stopped: boolean; failedRows: number};

export type ImportSession = {runner: ImportRunner; finished: Promise<ImportOutcome>};

export type LaunchOptions = {
	client: JumpCloudClient;
	pacer: Pacer;
	folder: ImportFolder;
	manifest: Manifest;
	mapping: Mapping;
	rows: readonly RowPlan[];
	retryFailed?: boolean;
	onEvent?: (event: RunnerEvent) => void;
};

/** The import's progress as its journal tells it. */
export function loadProgress(folder: ImportFolder): ImportProgress {
	return replay(readJournal(folder.journalPath));
}

/**
 * Runs (or resumes) an import under its lock: the journal is replayed, the rows run, and the
 * results report and `failed.csv` are written beside the journal, whether it finished or stopped.
 */
export function launchImport(launch: LaunchOptions): ImportSession {
	const release = acquireLock(launch.folder.lockPath);
	const progress = loadProgress(launch.folder);
	const journal = new Journal(launch.folder.journalPath);
	const runner = new ImportRunner({
		client: launch.client,
		rows: launch.rows,
		journal,
		progress,
		pacer: launch.pacer,
		concurrency: launch.manifest.options.concurrency,
		retryFailed: launch.retryFailed,
		onEvent: launch.onEvent,
	});
	const finished = (async (): Promise<ImportOutcome> => {
		let counts: RunCounts;
		try {
			counts = await runner.run();
		} finally {
			journal.close();
			release();
		}
		const results = rowResults(launch.rows, progress);
		writeResults(launch.folder.resultsPath, results);
		const {csv} = launch.manifest;
		const failedRows = await writeFailed(
			launch.folder.failedPath,
			{file: csv.path, layout: {encoding: csv.encoding as never, delimiter: csv.delimiter as never, headerLine: csv.headerLine}},
			launch.mapping,
			results,
			launch.manifest.edits,
		);
		return {counts, results, stopped: counts.remaining > 0, failedRows};
	})();
	return {runner, finished};
}
