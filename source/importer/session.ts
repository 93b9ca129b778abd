import path from 'node:path';
import {setImmediate as turn} from 'node:timers/promises';
import type {JumpCloudClient} from '../jumpcloud/client.js';
import type {Mapping} from '../mapping/mapping.js';
import {removeCheckpoint, type Checkpoint, type PlanState} from './checkpoint.js';
import {checkpointEveryMs, CheckpointWriter} from './checkpoint-writer.js';
import {FileChangedError} from './plan-check.js';
import {ClaimIndex} from './claims.js';
import type {ImportFolder, Manifest} from './import-store.js';
import {journalRecords, Journal} from './journal.js';
import {acquireLock} from './lock.js';
import type {Pacer} from './pacer.js';
import {PlanFeed} from './plan-feed.js';
import type {RowPlan} from './row-plan.js';
import {noProgress, replayRecord, type ImportProgress} from './progress.js';
import {rowResults, writeFailed, writeResultsInParts, type RowResult} from './report.js';
import {settledResults} from './settled-results.js';
import {ImportRunner, type RunCounts, type RunFailure, type RunnerEvent} from './runner.js';

/**
 * `failure`: why the run stopped on its own (the journal could not be written, JumpCloud stopped answering); `reportError`: the
 * reports could not be written (the journal is whole, and a resume writes them again). `results`: the lines of the rows this
 * run read (a resume from a checkpoint reads only those after it; results.csv holds every row's).
 */
export type ImportOutcome = {counts: RunCounts; results: RowResult[]; stopped: boolean; failedRows: number; failure?: RunFailure; reportError?: string};

export type ImportSession = {runner: ImportRunner; finished: Promise<ImportOutcome>};

export type LaunchOptions = {
	client: JumpCloudClient;
	pacer: Pacer;
	folder: ImportFolder;
	manifest: Manifest;
	mapping: Mapping;
	/** The plan, whole or still being made (a big file's run starts before its end is read). */
	rows: readonly RowPlan[] | PlanFeed;
	retryFailed?: boolean;
	onEvent?: (event: RunnerEvent) => void;
	/** The import's lock, already held, with its journal as replayed under it (a resume settled it a moment ago). */
	held?: {release: () => void; progress: ImportProgress};
	/** A plan read as it runs, from the file the import began with: what the run's checkpoints take from it. */
	plan?: PlanState;
};

/** The import's progress as its journal tells it. */
export function loadProgress(folder: ImportFolder): ImportProgress {
	const progress = noProgress();
	for (const record of journalRecords(folder.journalPath)) replayRecord(progress, record);
	return progress;
}

/** Records replayed between turns of the event loop: about 10 ms of work. */
const recordsPerSlice = 2000;

/**
 * `loadProgress` a slice at a time, the event loop let run between slices: what was asked before it
 * (a resume's organization check, the directory's first requests, the file's scan on another
 * thread) goes on meanwhile instead of waiting for the whole journal. Read at once, so what is
 * replayed is the journal as it was at that instant.
 */
export async function loadProgressInSlices(folder: ImportFolder): Promise<ImportProgress> {
	const progress = noProgress();
	let count = 0;
	for (const record of journalRecords(folder.journalPath)) {
		replayRecord(progress, record);
		if (++count % recordsPerSlice === 0) await turn();
	}
	return progress;
}

/**
 * The progress a checkpoint holds, with the journal after it replayed over it; undefined when a
 * record after it speaks of a row it holds as settled (a rollback, a retry of failed rows): it no
 * longer holds, and the journal is read whole.
 */
export function progressAfter(folder: ImportFolder, checkpoint: Checkpoint): ImportProgress | undefined {
	const progress: ImportProgress = {rows: checkpoint.rows, runs: checkpoint.runs, finished: false};
	const first = checkpoint.settled.next.row;
	for (const record of journalRecords(folder.journalPath, checkpoint.journalBytes)) {
		if (record.t !== 'run' && record.row < first) return undefined;
		replayRecord(progress, record);
	}
	return progress;
}

/** The run's outcome, and its reports written: every row's line in results.csv, the failed and invalid rows' in failed.csv. */
async function report(launch: LaunchOptions, feed: PlanFeed | undefined, progress: ImportProgress, counts: RunCounts, runner: ImportRunner): Promise<ImportOutcome> {
	const results = rowResults(feed ? feed.rows : (launch.rows as readonly RowPlan[]), progress);
	const failure = runner.failure;
	// Unfinished also when rows were never planned (a streamed start stopped before the end of its file).
	const outcome = {counts, results, stopped: runner.unfinished || failure !== undefined, failedRows: 0, ...(failure ? {failure} : {})};
	const {folder} = launch;
	try {
		const failed: RowResult[] = [];
		const keepFailed = (part: readonly RowResult[]) => {
			for (const result of part) if (result.status === 'failed' || result.status === 'invalid') failed.push(result);
			return part;
		};
		// A resume from a checkpoint: the settled rows' lines first, from disk, a part at a time.
		const settled = feed?.settled ? settledResults(folder.settledResultsPath, feed.settled.resultsBytes) : [];
		writeResultsInParts(folder.resultsPath, (function* () {
			for (const part of settled) yield keepFailed(part);
			yield keepFailed(results);
		})());
		const {csv} = launch.manifest;
		outcome.failedRows = await writeFailed(
			folder.failedPath,
			{file: csv.path, layout: {encoding: csv.encoding as never, delimiter: csv.delimiter as never, headerLine: csv.headerLine}},
			launch.mapping,
			failed,
			launch.manifest.edits,
		);
	} catch (error) {
		// A full disk (say): the journal holds everything, and the next resume writes the reports.
		return {...outcome, reportError: `The reports could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`};
	}
	return outcome;
}

/** The other imports in this home that write to the same organization, to ask who holds a user. */
export function claimIndexFor(folder: ImportFolder, manifest: Manifest): ClaimIndex {
	return new ClaimIndex(path.dirname(folder.dir), manifest.id, {baseUrl: manifest.target.baseUrl, organizationId: manifest.target.organization?.id});
}

/**
 * Runs (or resumes) an import under its lock: the journal is replayed, the rows run, and the
 * results report and `failed.csv` are written beside the journal, whether it finished or stopped.
 */
export function launchImport(launch: LaunchOptions): ImportSession {
	const release = launch.held?.release ?? acquireLock(launch.folder.lockPath, {importId: launch.manifest.id});
	let journal: Journal;
	let progress: ImportProgress;
	try {
		progress = launch.held?.progress ?? loadProgress(launch.folder);
		journal = new Journal(launch.folder.journalPath);
	} catch (error) {
		release();
		throw error;
	}
	const claims = claimIndexFor(launch.folder, launch.manifest);
	const runner = new ImportRunner({
		client: launch.client,
		rows: launch.rows,
		journal,
		progress,
		pacer: launch.pacer,
		concurrency: launch.manifest.options.concurrency,
		retryFailed: launch.retryFailed,
		existing: launch.manifest.options.existing,
		claimOf: (userId) => claims.claimOf(userId),
		onEvent: launch.onEvent,
	});
	const feed = launch.rows instanceof PlanFeed ? launch.rows : undefined;
	const checkpoints = feed && launch.plan ? new CheckpointWriter({folder: launch.folder, manifest: launch.manifest, feed, progress, journal, plan: launch.plan}) : undefined;
	const finished = (async (): Promise<ImportOutcome> => {
		let counts: RunCounts;
		const every = checkpoints && setInterval(() => checkpoints.write(), checkpointEveryMs).unref();
		try {
			counts = await runner.run();
			// Still under the lock: the resume that follows starts from here. Not from a file that changed while it was read.
			if (feed?.error instanceof FileChangedError) removeCheckpoint(launch.folder);
			else if (runner.unfinished) checkpoints?.write(true);
		} catch (error) {
			clearInterval(every);
			journal.close();
			release();
			throw error;
		}
		clearInterval(every);
		journal.close();
		try {
			// Under the lock too: the settled rows' results are read from beside the checkpoint, which another run would write.
			return await report(launch, feed, progress, counts, runner);
		} finally {
			release();
		}
	})();
	return {runner, finished};
}
