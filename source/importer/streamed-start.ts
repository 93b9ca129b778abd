import {realpathSync} from 'node:fs';
import type {CsvLayout, CsvOverrides} from '../csv/index.js';
import {scanFile, scanFileAside, type FileScan} from '../csv/scan-file.js';
import type {JumpCloudClient} from '../jumpcloud/client.js';
import type {UserSummary} from '../jumpcloud/types.js';
import type {DerivedTarget} from '../mapping/derive.js';
import type {Mapping} from '../mapping/mapping.js';
import type {PresetStore} from '../mapping/preset-store.js';
import type {NamedPreset} from '../mapping/presets.js';
import {listingCostsLess, listUsersByPage, readFrameCounting, type DirectoryProgress} from './directory-read.js';
import {createImport, csvOverridesOf, recordCreates, type ImportFolder, type Manifest} from './import-store.js';
import type {ImportOptions} from './options.js';
import type {Pacer} from './pacer.js';
import {PlanFeed} from './plan-feed.js';
import {changedError, settleJournalHeld, withoutCheckpoint, type HeldJournal, type SettledJournal} from './resume.js';
import {checkpointLine, CheckpointMismatch, readableFromLine, type PlanState} from './checkpoint.js';
import type {RunnerEvent} from './runner.js';
import {launchImport} from './session.js';
import {releasing, manifestOf, targetOf, type ImportTarget, type StartedImport} from './start-import.js';
import {streamPlan, type ResumePoint, type StreamedPlan, type StreamingDirectory} from './stream-plan.js';
import {lockTarget} from './target-lock.js';

/*
 * A big file's import started before its plan is whole (`run --yes`, `resume --yes`): the import
 * is recorded (or its journal settled and held) and its run launched at the first row with work to
 * do, while stream-plan.ts goes on reading and planning the rest into the run's feed.
 */

/** Files from this many lines are streamed; a smaller one is planned whole in well under a second. */
export const streamFromLines = 10_000;

export type StreamedImport = {
	/** The import, recorded at the first row with work to do; undefined when no row has any (nothing was recorded). */
	started: StartedImport | undefined;
	/** The whole plan once the file is read through (with `error` when it could not be). */
	planned: Promise<StreamedPlan>;
};

/**
 * The file's scan when it is big enough to stream (`fromLines` lines or more); undefined otherwise,
 * and when it cannot be read (the whole plan's read then says why, in one line).
 */
export async function scanForStreaming(file: string, fromLines = streamFromLines, scan = scanFile): Promise<FileScan | undefined> {
	const scanned = await scan(file).catch(() => undefined);
	return scanned && scanned.lines >= fromLines ? scanned : undefined;
}

/**
 * The directory's frame, and the listing of every user started (not awaited), when listing costs
 * no more than looking the file's values up; undefined otherwise (the plan is then made whole).
 */
export async function directoryForStreaming(client: JumpCloudClient, scan: FileScan, onProgress?: DirectoryProgress, reading = readFrameCounting(client)): Promise<StreamingDirectory | undefined> {
	const frame = await reading.frame;
	if (!listingCostsLess(await reading.total, scan.lines)) return undefined;
	const cancel = new AbortController();
	// Page by page: the plan keeps only the users it indexes, not this import's own (90 MB at 90,000 users).
	const listing = (onPage: (users: readonly UserSummary[]) => void) => listUsersByPage(client, onPage, onProgress, cancel.signal);
	return {frame, listing, stop: () => cancel.abort()};
}

type Streaming = {
	client: JumpCloudClient;
	pacer: Pacer;
	importsDir: string;
	directory: StreamingDirectory;
	scan: FileScan;
	onEvent?: (event: RunnerEvent) => void;
	now?: Date;
};

/** A new import of `file`, recorded and started at its first row with work to do. */
export async function startStreamedImport(
	request: Streaming & {file: string; options: ImportOptions; overrides?: CsvOverrides; target: ImportTarget; preset?: NamedPreset; store?: PresetStore; noDerive?: readonly DerivedTarget[]},
): Promise<StreamedImport> {
	const {directory, scan} = request;
	const file = realpathSync(request.file);
	const feed = new PlanFeed();
	let started: StartedImport | undefined;
	const start = (layout: CsvLayout, mapping: Mapping, plan: PlanState) => {
		const csv = {sha256: scan.sha256, size: scan.size, encoding: layout.encoding, delimiter: layout.delimiter, headerLine: layout.headerLine};
		const manifest = manifestOf({file, csv, headers: layout.headers, mapping, organization: directory.frame.organization, options: request.options, target: request.target, edits: []});
		const release = lockTarget(request.importsDir, targetOf(manifest), manifest.id);
		try {
			const folder = createImport(request.importsDir, manifest);
			started = {folder, manifest, session: releasing(launchImport({...running(request, feed), folder, manifest, mapping, plan}), release)};
		} catch (error) {
			release();
			throw error;
		}
		return started;
	};
	return streamPlan(feed, request, {file, options: request.options, ...(request.overrides ? {overrides: request.overrides} : {}), preset: request.preset, store: request.store, noDerive: request.noDerive}, (row, mapped, state) => {
		if (!started && row.action !== 'invalid') return start(mapped.layout, mapped.mapping, state);
		return undefined;
	}).then(({startedBy, planned}) => ({started: startedBy, planned: planned.then((plan) => (recordWhole(started, plan), plan))}));
}

/** A resume begun with --yes: streamed when its file is big, else its settled journal for the whole plan (read once either way). */
export type BegunResume = {streamed: StreamedImport} | {settled: SettledJournal};

type ResumeRequest = Omit<Streaming, 'directory' | 'scan'> & {folder: ImportFolder; manifest: Manifest; retryFailed: boolean; allowChangedCsv: boolean; onProgress?: DirectoryProgress; fromLines?: number};

/**
 * `resume --yes` (or a retry of the failed rows): a big file's rows are planned again as they are
 * run; a small one's journal is settled and handed back for the whole plan (as without --yes),
 * and so is a file whose values cost fewer requests to look up than the directory to list.
 * The file is hashed on another thread while the journal is read; the organization check and the
 * directory's first requests are asked before it, so they go out together as soon as it is in.
 * A resume (not a retry) starts from the import's checkpoint when it has one that holds: only the
 * journal after it is replayed, and the file is read from its row on (the scan finds that row's byte).
 */
export async function resumeStreamed(request: ResumeRequest): Promise<BegunResume> {
	try {
		return await resumeStreamedFrom(request, !request.retryFailed && readableFromLine(request.manifest));
	} catch (error) {
		// Nothing was run: the file is not laid out where the checkpoint has it. Everything is read again.
		if (error instanceof CheckpointMismatch) return resumeStreamedFrom(request, false);
		throw error;
	}
}

async function resumeStreamedFrom(request: ResumeRequest, fromCheckpoint: boolean): Promise<BegunResume> {
	const {client, folder, manifest} = request;
	const line = fromCheckpoint ? checkpointLine(folder, manifest) : undefined;
	const scanning = scanForStreaming(manifest.csv.path, request.fromLines, (file) => scanFileAside(file, line));
	const reading = readFrameCounting(client);
	reading.frame.catch(() => {});
	let journal = await settleJournalHeld(client, folder, manifest, {purpose: request.retryFailed ? 'retry' : 'resume', fromCheckpoint: line !== undefined});
	let directory: StreamingDirectory | undefined;
	let scan: FileScan | undefined;
	try {
		scan = await scanning;
		if (scan) directory = await directoryForStreaming(client, scan, request.onProgress, reading);
		// The whole plan needs every row's progress: a checkpoint's is not.
		if (!directory && journal.settled.checkpoint) journal = withoutCheckpoint(folder, journal);
	} finally {
		if (!directory) journal.lock.release();
	}
	if (!scan || !directory) return {settled: journal.settled};
	return {streamed: await continueStreamedImport({...request, scan, directory, journal})};
}

/** Where the file is read again from, when the journal was settled from a checkpoint and the scan found its row, in the file the import began with. */
function resumePointOf(journal: SettledJournal, scan: FileScan, manifest: Manifest): ResumePoint | undefined {
	const {checkpoint} = journal;
	if (!checkpoint || scan.sha256 !== manifest.csv.sha256 || !scan.line) return undefined;
	const {next} = checkpoint.settled;
	if (scan.line.number !== next.line) return undefined;
	return {position: {offset: scan.line.offset, row: next.row, line: next.line}, next, state: checkpoint.state, sha256: scan.line.sha256};
}

/** The number of creates in the manifest once the plan is whole; informative only, so a failure to write it is not one. */
function recordWhole(started: StartedImport | undefined, plan: StreamedPlan) {
	if (!started || !plan.complete) return;
	try {
		recordCreates(started.folder, started.manifest, plan.summary.creates);
	} catch {
		// The manifest keeps no count: `imports` then shows none.
	}
}

/** A resume (or a retry of the failed rows) of a recorded import, run while its rows are planned again. */
export async function continueStreamedImport(
	request: Streaming & {folder: ImportFolder; manifest: Manifest; retryFailed: boolean; allowChangedCsv: boolean; journal: HeldJournal},
): Promise<StreamedImport> {
	const {folder, manifest} = request;
	if (request.scan.sha256 !== manifest.csv.sha256 && !request.allowChangedCsv) {
		request.journal.lock.release();
		throw changedError(manifest);
	}
	const resumeAt = resumePointOf(request.journal.settled, request.scan, manifest);
	let held: HeldJournal;
	try {
		// A checkpoint that cannot be read from here: every row's progress is needed.
		held = !resumeAt && request.journal.settled.checkpoint ? withoutCheckpoint(folder, request.journal) : request.journal;
	} catch (error) {
		request.journal.lock.release();
		throw error;
	}
	const {settled, lock} = held;
	const feed = new PlanFeed([], resumeAt ? settled.checkpoint!.settled : undefined);
	// Checkpoints only of the file the import began with, and not in a retry (it runs rows a resume holds as settled).
	const checkpoints = request.scan.sha256 === manifest.csv.sha256 && !request.retryFailed;
	let release: () => void;
	try {
		release = lockTarget(request.importsDir, targetOf(manifest), manifest.id);
	} catch (error) {
		lock.release();
		throw error;
	}
	let started: StartedImport | undefined;
	// The import's own mapping, for the file it was read from: no suggestion needed under it.
	const mapping = {preset: {preset: manifest.mapping, path: folder.manifestPath, recorded: true}};
	const releaseAll = () => {
		release();
		lock.release();
	};
	// A row whose user exists, or that was skipped or failed, is not run again (a retry runs the failed ones): no need to look it up.
	const needsLookup = (row: number) => {
		const progress = lock.progress.rows.get(row);
		if (request.retryFailed) return progress?.failed !== undefined;
		return !(progress?.userId || progress?.skipped || progress?.failed);
	};
	const {ownUsers, unsettledRows} = settled;
	const planning = {file: manifest.csv.path, options: manifest.options, overrides: csvOverridesOf(manifest.csv), edits: manifest.edits ?? [], ...mapping, ownUsers, unsettledRows, needsLookup, ...(resumeAt ? {resumeAt} : {})};
	return streamPlan(feed, request, planning, (_, mapped, state) => {
		if (started) return undefined;
		try {
			const session = launchImport({...running(request, feed), folder, manifest, mapping: mapped.mapping, retryFailed: request.retryFailed, held: lock, ...(checkpoints ? {plan: state} : {})});
			started = {folder, manifest, session: releasing(session, release)};
		} catch (error) {
			releaseAll();
			throw error;
		}
		return started;
	}).then(
		(streamed) => {
			// A file whose rows could not be planned at all: nothing ran, the locks go.
			if (!streamed.startedBy) releaseAll();
			return {started: streamed.startedBy, planned: streamed.planned};
		},
		(error: unknown) => {
			releaseAll();
			throw error;
		},
	);
}

function running(request: Streaming, feed: PlanFeed) {
	return {client: request.client, pacer: request.pacer, rows: feed, ...(request.onEvent ? {onEvent: request.onEvent} : {})};
}
