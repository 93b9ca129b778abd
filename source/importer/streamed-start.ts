import {realpathSync} from 'node:fs';
import type {CsvLayout, CsvOverrides} from '../csv/index.js';
import {scanFile, scanFileAside, type FileScan} from '../csv/scan-file.js';
import type {JumpCloudClient} from '../jumpcloud/client.js';
import type {Mapping} from '../mapping/mapping.js';
import type {PresetStore} from '../mapping/preset-store.js';
import type {Preset} from '../mapping/presets.js';
import type {DerivedTarget} from '../mapping/derive.js';
import type {UserSummary} from '../jumpcloud/types.js';
import type {BuiltRow} from '../users/build-user.js';
import {inspectFile, type InspectReport} from '../users/inspect-file.js';
import {listingCostsLess, listUsers, lookUpUsers, readFrame, wantedBy, type DirectoryFrame, type DirectoryProgress} from './directory-read.js';
import {createImport, csvOverridesOf, recordCreates, type ImportFolder, type Manifest} from './import-store.js';
import {userDefaults, type ImportOptions} from './options.js';
import type {Pacer} from './pacer.js';
import {FileChangedError} from './plan-check.js';
import {PlanFeed} from './plan-feed.js';
import {summarize} from './plan-summary.js';
import {withManager, type PlanSummary, type RowPlan} from './row-plan.js';
import {RowPlanner} from './row-planner.js';
import {changedError, settleJournalHeld, type HeldJournal, type SettledJournal} from './resume.js';
import type {RunnerEvent} from './runner.js';
import {launchImport} from './session.js';
import {releasing, manifestOf, targetOf, type ImportTarget, type StartedImport} from './start-import.js';
import {lockTarget} from './target-lock.js';

/*
 * A big file's import started before its plan is whole (`run --yes`, `resume --yes`): the first
 * creates go out while later rows are still read. Rows are planned in file order and each depends
 * only on the directory and on earlier rows (a manager named otherwise, by a later row or a display
 * name, is pending until the file is read through, and its row held back by the run till then), so
 * a row planned now is planned as it would be in a whole plan, provided every directory user
 * holding one of its values is known by then: the users are listed whole (streaming is chosen only
 * when that costs no more than looking the file's values up), and until the listing is in, each
 * chunk of rows waits for a lookup of its own values. A file found changed when it has been read
 * through (its sha256 differs from the scan's) stops the run, as a resume would refuse it.
 */

/** Files from this many lines are streamed; a smaller one is planned whole in well under a second. */
export const streamFromLines = 10_000;

/** The plan once the reading ended: `complete` when the file was read through; else `error` says why not. */
export type StreamedPlan = {complete: boolean; summary: PlanSummary; rows: readonly RowPlan[]; report?: InspectReport; error?: Error};

/** The run ended (stopped) before the file was read through: the rest is read again by a resume. */
class RunEnded extends Error {
	override name = 'RunEnded';
}

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
 * The directory for a streamed plan: its org, groups and devices now; its users as they are listed,
 * the listing started by the first call to `listing` (`stop` ends it early: the plan no longer needs it).
 */
export type StreamingDirectory = {frame: DirectoryFrame; listing: () => Promise<UserSummary[]>; stop: () => void};

/**
 * The directory's frame, and the listing of every user started (not awaited), when listing costs
 * no more than looking the file's values up; undefined otherwise (the plan is then made whole).
 */
export async function directoryForStreaming(client: JumpCloudClient, scan: FileScan, onProgress?: DirectoryProgress, reading = readFrame(client)): Promise<StreamingDirectory | undefined> {
	const frame = await reading;
	if (!(await listingCostsLess(client, scan.lines))) return undefined;
	const cancel = new AbortController();
	let users: Promise<UserSummary[]> | undefined;
	const listing = () => (users ??= listUsers(client, onProgress, cancel.signal));
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
	request: Streaming & {file: string; options: ImportOptions; overrides?: CsvOverrides; target: ImportTarget; preset?: {preset: Preset; path: string}; store?: PresetStore; noDerive?: readonly DerivedTarget[]},
): Promise<StreamedImport> {
	const {directory, scan} = request;
	const file = realpathSync(request.file);
	const feed = new PlanFeed();
	let started: StartedImport | undefined;
	const start = (layout: CsvLayout, mapping: Mapping) => {
		const csv = {sha256: scan.sha256, size: scan.size, encoding: layout.encoding, delimiter: layout.delimiter, headerLine: layout.headerLine};
		const manifest = manifestOf({file, csv, headers: layout.headers, mapping, organization: directory.frame.organization, options: request.options, target: request.target, edits: []});
		const release = lockTarget(request.importsDir, targetOf(manifest), manifest.id);
		try {
			const folder = createImport(request.importsDir, manifest);
			started = {folder, manifest, session: releasing(launchImport({...running(request, feed), folder, manifest, mapping}), release)};
		} catch (error) {
			release();
			throw error;
		}
		return started;
	};
	return streamPlan(feed, request, {file, options: request.options, ...(request.overrides ? {overrides: request.overrides} : {}), preset: request.preset, store: request.store, noDerive: request.noDerive}, (plan, mapped) => {
		if (!started && plan.action !== 'invalid') return start(mapped.layout, mapped.mapping);
		return undefined;
	}).then(({startedBy, planned}) => ({started: startedBy, planned: planned.then((plan) => (recordWhole(started, plan), plan))}));
}

/** A resume begun with --yes: streamed when its file is big, else its settled journal for the whole plan (read once either way). */
export type BegunResume = {streamed: StreamedImport} | {settled: SettledJournal};

/**
 * `resume --yes` (or a retry of the failed rows): a big file's rows are planned again as they are
 * run; a small one's journal is settled and handed back for the whole plan (as without --yes),
 * and so is a file whose values cost fewer requests to look up than the directory to list.
 * The file is hashed on another thread while the journal is read; the organization check and the
 * directory's first requests are asked before it, so they go out together as soon as it is in.
 */
export async function resumeStreamed(
	request: Omit<Streaming, 'directory' | 'scan'> & {folder: ImportFolder; manifest: Manifest; retryFailed: boolean; allowChangedCsv: boolean; onProgress?: DirectoryProgress; fromLines?: number},
): Promise<BegunResume> {
	const {client, folder, manifest} = request;
	const scanning = scanForStreaming(manifest.csv.path, request.fromLines, scanFileAside);
	const frame = readFrame(client);
	frame.catch(() => {});
	const journal = await settleJournalHeld(client, folder, manifest, {purpose: request.retryFailed ? 'retry' : 'resume'});
	let directory: StreamingDirectory | undefined;
	let scan: FileScan | undefined;
	try {
		scan = await scanning;
		if (scan) directory = await directoryForStreaming(client, scan, request.onProgress, frame);
	} finally {
		if (!directory) journal.lock.release();
	}
	if (!scan || !directory) return {settled: journal.settled};
	return {streamed: await continueStreamedImport({...request, scan, directory, journal})};
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
	const {settled, lock} = request.journal;
	if (request.scan.sha256 !== manifest.csv.sha256 && !request.allowChangedCsv) {
		lock.release();
		throw changedError(manifest);
	}
	const feed = new PlanFeed();
	let release: () => void;
	try {
		release = lockTarget(request.importsDir, targetOf(manifest), manifest.id);
	} catch (error) {
		lock.release();
		throw error;
	}
	let started: StartedImport | undefined;
	const mapping = {preset: {preset: manifest.mapping, path: folder.manifestPath}};
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
	const planning = {file: manifest.csv.path, options: manifest.options, overrides: csvOverridesOf(manifest.csv), edits: manifest.edits ?? [], ...mapping, ...settled, needsLookup};
	return streamPlan(feed, request, planning, (_, mapped) => {
		if (started) return undefined;
		try {
			const session = launchImport({...running(request, feed), folder, manifest, mapping: mapped.mapping, retryFailed: request.retryFailed, held: lock});
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

/** Rows looked up alone before the run has started: 16 rows' username, email and employee ID fill one search. */
const firstLookups = 16;

/** How many of `rows`, from the first, hold the first `count` rows that `asks` (all of them when fewer do). */
function throughAsked(rows: readonly BuiltRow[], asks: (built: BuiltRow) => boolean, count: number): number {
	let asked = 0;
	for (let index = 0; index < rows.length; index++) if (asks(rows[index]!) && ++asked === count) return index + 1;
	return rows.length;
}

function running(request: Streaming, feed: PlanFeed) {
	return {client: request.client, pacer: request.pacer, rows: feed, ...(request.onEvent ? {onEvent: request.onEvent} : {})};
}

type Planning = {
	file: string;
	options: ImportOptions;
	overrides?: ReturnType<typeof csvOverridesOf>;
	preset?: {preset: Preset; path: string};
	store?: PresetStore;
	noDerive?: readonly DerivedTarget[];
	edits?: Manifest['edits'];
	ownUsers?: ReadonlySet<string>;
	unsettledRows?: ReadonlySet<number>;
	/** Whether a row's values must be looked up before it is planned (a resume's finished rows need not); every row by default. */
	needsLookup?: (row: number) => boolean;
};

/**
 * Reads and plans the file into `feed`; `onPlanned` sees each row as it is planned and may start
 * the import (it then returns it). Settles once the import has started, or the plan ended without
 * a start; an error before the start rejects (nothing was recorded), one after it ends the feed
 * with that error and is reported with the whole plan.
 */
function streamPlan(
	feed: PlanFeed,
	request: Streaming,
	planning: Planning,
	onPlanned: (plan: RowPlan, mapped: {layout: CsvLayout; mapping: Mapping}) => StartedImport | undefined,
): Promise<{startedBy: StartedImport | undefined; planned: Promise<StreamedPlan>}> {
	const {scan, client} = request;
	const {frame} = request.directory;
	const now = request.now ?? new Date();
	const planner = new RowPlanner({...frame, users: [], readAt: now}, planning.options, now, planning.ownUsers, planning.unsettledRows);
	// Until every user is listed, a chunk's rows are planned once the users holding their values are looked up.
	// The listing starts at once, or (a resume) with the first row that needs a lookup: rebuilding the rows
	// done before does not share the process with it.
	let listed = false;
	let listing: Promise<void> | undefined;
	const startListing = () =>
		(listing ??= request.directory.listing().then(
			(users) => {
				planner.addUsers(users);
				listed = true;
			},
			// A listing that fails leaves the plan to its lookups, chunk by chunk: slower, never wrong.
			() => {},
		));
	if (!planning.needsLookup) startListing();
	const waiting: BuiltRow[] = [];
	let mapped: {layout: CsvLayout; mapping: Mapping} | undefined;
	let startedBy: StartedImport | undefined;
	return new Promise((resolve, reject) => {
		const plan = (built: BuiltRow) => {
			const row = planner.plan(built);
			feed.push(row);
			if (startedBy) return;
			startedBy = onPlanned(row, mapped!);
			if (startedBy) resolve({startedBy, planned});
		};
		const asks = (built: BuiltRow) => planning.needsLookup?.(built.row) ?? true;
		const planWaiting = async () => {
			while (waiting.length > 0) {
				// Before the run has started, the first rows to look up go alone: the first create waits for
				// a request or two, not for a whole chunk's lookups.
				const slice = waiting.splice(0, listed || startedBy ? waiting.length : throughAsked(waiting, asks, firstLookups));
				const asked = listed ? [] : slice.filter(asks);
				if (asked.length > 0) {
					const found = lookUpUsers(client, wantedBy(asked));
					// Listed after the lookup is asked, so the lookup's requests go first.
					startListing();
					planner.addUsers(await found);
				}
				for (const built of slice) plan(built);
			}
		};
		const planned = inspectFile(planning.file, {
			fingerprint: true,
			...(planning.overrides ? {overrides: planning.overrides} : {}),
			...(planning.preset ? {preset: planning.preset} : {}),
			...(planning.store ? {store: planning.store} : {}),
			...(planning.noDerive ? {noDerive: planning.noDerive} : {}),
			...(planning.edits ? {edits: planning.edits} : {}),
			directory: {groups: frame.groups.map((group) => group.name), systems: frame.systems.flatMap((system) => [system.hostname ?? '', system.displayName ?? ''].filter(Boolean))},
			defaults: userDefaults(planning.options),
			now,
			onMapped: (decided) => {
				mapped = decided;
				if (!decided.mapping.columns.some((column) => column.target === 'manager')) planner.noManagersNamed();
			},
			beforeChunk: async () => {
				await planWaiting();
				// Held back only once a run takes rows: before the first row to create, nothing would make room.
				if (startedBy) await feed.room();
				if (feed.isClosed) throw new RunEnded('The run ended before the file was read through.');
			},
			onRow: (built) => {
				// Until the listing is in, a row waits for the lookup of its chunk's values (in beforeChunk).
				if (listed && waiting.length === 0) plan(built);
				else waiting.push(built);
			},
		})
			.then(async (inspected) => {
				await planWaiting();
				return inspected;
			})
			.then(
				({report, fingerprint}): StreamedPlan => {
					request.directory.stop();
					const error = fingerprint?.sha256 === scan.sha256 ? undefined : new FileChangedError(`${planning.file} changed while it was read: the run stopped (rows read after the change may differ from the file the import began with).`);
					// Managers on later rows or named by display name are known now: the rows held for them go on.
					if (!error) for (const change of planner.finish()) feed.revise(change.index, (row) => withManager(row, change));
					feed.end(error);
					const plan = {complete: error === undefined, summary: summarize(feed.rows), rows: feed.rows, report, ...(error ? {error} : {})};
					if (!startedBy) resolve({startedBy: undefined, planned: Promise.resolve(plan)});
					return plan;
				},
				(error: Error): StreamedPlan => {
					request.directory.stop();
					feed.end(error);
					if (!startedBy) reject(error);
					return {complete: false, summary: summarize(feed.rows), rows: feed.rows, error};
				},
			);
	});
}
