import type {CsvLayout, CsvRow} from '../csv/index.js';
import {digestCells, type RowPosition} from '../csv/read-rows.js';
import type {FileScan} from '../csv/scan-file.js';
import type {JumpCloudClient} from '../jumpcloud/client.js';
import type {UserSummary} from '../jumpcloud/types.js';
import type {Mapping} from '../mapping/mapping.js';
import type {DerivedTarget} from '../mapping/derive.js';
import type {PresetStore} from '../mapping/preset-store.js';
import type {NamedPreset} from '../mapping/presets.js';
import type {BuiltRow} from '../users/build-user.js';
import {inspectFile, type InspectReport} from '../users/inspect-file.js';
import {UniqueInFile} from '../users/unique-in-file.js';
import {CheckpointMismatch, type InFileState, type PlanState} from './checkpoint.js';
import {lookUpUsers, wantedBy, type DirectoryFrame} from './directory-read.js';
import {csvOverridesOf, type Manifest} from './import-store.js';
import {userDefaults, type ImportOptions} from './options.js';
import {FileChangedError} from './plan-check.js';
import type {PlanFeed} from './plan-feed.js';
import {readAheadAside} from './read-ahead.js';
import {summarize} from './plan-summary.js';
import {withManager, type PlanSummary, type RowPlan} from './row-plan.js';
import {RowPlanner} from './row-planner.js';
import type {NextRow} from './settled-rows.js';

/*
 * A big file planned while its import runs (`run --yes`, `resume --yes`; streamed-start.ts): the
 * first creates go out while later rows are still read. Rows are planned in file order and each depends
 * only on the directory and on earlier rows (a manager named otherwise is pending, and its row held
 * back by the run, until the later row holding it is planned, or, for a display name, until the
 * last row that could hold it is: a read ahead of the file on a worker thread tells which, else the
 * end of the file does), so
 * a row planned now is planned as it would be in a whole plan, provided every directory user
 * holding one of its values is known by then: the users are listed whole (streaming is chosen only
 * when that costs no more than looking the file's values up), and until the listing is in, each
 * chunk of rows waits for a lookup of its own values. A file found changed when it has been read
 * through (its sha256 differs from the scan's) stops the run, as a resume would refuse it.
 */

/** The plan once the reading ended: `complete` when the file was read through; else `error` says why not. */
export type StreamedPlan = {complete: boolean; summary: PlanSummary; rows: readonly RowPlan[]; report?: InspectReport; error?: Error};

/** The run ended (stopped) before the file was read through: the rest is read again by a resume. */
class RunEnded extends Error {
	override name = 'RunEnded';
}

/**
 * The directory for a streamed plan: its org, groups and devices now; its users as they are listed,
 * a page at a time, the listing started by the call to `listing` (made once; it settles when every
 * page is in; `stop` ends it early: the plan no longer needs it).
 */
export type StreamingDirectory = {frame: DirectoryFrame; listing: (onPage: (users: readonly UserSummary[]) => void) => Promise<void>; stop: () => void};

/** What a streamed plan reads: the file (its scan taken before), and the directory as it is listed. */
export type PlanSource = {client: JumpCloudClient; directory: StreamingDirectory; scan: FileScan; now?: Date};

/** Rows looked up alone until the run has one to take: 16 rows' username, email and employee ID fill one search. */
const firstLookups = 16;

/** Rows waiting for a manager, with their create bodies, at most while the read ahead is not in: then the reading waits for it. */
const waitingAtMost = 5_000;

/**
 * The read ahead starts once this many rows wait for a manager, or rows have waited while this
 * many were planned: the pass costs a core for a second at 100,000 rows, which a file whose managers
 * are later rows' usernames (each settled a few rows on) would only lose to it.
 */
const readAheadAfter = 1_000;

/** How many of `rows`, from the first, hold the first `count` rows that `asks` (all of them when fewer do). */
function throughAsked(rows: readonly BuiltRow[], asks: (built: BuiltRow) => boolean, count: number): number {
	let asked = 0;
	for (let index = 0; index < rows.length; index++) if (asks(rows[index]!) && ++asked === count) return index + 1;
	return rows.length;
}

export type Planning = {
	file: string;
	options: ImportOptions;
	overrides?: ReturnType<typeof csvOverridesOf>;
	preset?: NamedPreset;
	store?: PresetStore;
	noDerive?: readonly DerivedTarget[];
	edits?: Manifest['edits'];
	ownUsers?: ReadonlySet<string>;
	unsettledRows?: ReadonlySet<number>;
	/** Whether a row's values must be looked up before it is planned (a resume's finished rows need not); every row by default. */
	needsLookup?: (row: number) => boolean;
	/** A resume from a checkpoint: the file is read from its row on, with the in-file checks as they stood there. */
	resumeAt?: ResumePoint;
};

/**
 * Where a resume reads the file from: the byte its row starts at (the scan found it), the row as
 * the checkpoint knows it, the in-file state before it, and the sha256 of the bytes from there on.
 */
export type ResumePoint = {position: RowPosition; next: NextRow; state: InFileState; sha256: string};

/**
 * Reads and plans the file into `feed`; `onPlanned` sees each row as it is planned and may start
 * the import (it then returns it). Settles once the import has started, or the plan ended without
 * a start; an error before the start rejects (nothing was recorded), one after it ends the feed
 * with that error and is reported with the whole plan.
 */
export function streamPlan<Started>(
	feed: PlanFeed,
	request: PlanSource,
	planning: Planning,
	onPlanned: (plan: RowPlan, mapped: {layout: CsvLayout; mapping: Mapping}, state: PlanState) => Started | undefined,
): Promise<{startedBy: Started | undefined; planned: Promise<StreamedPlan>}> {
	const {scan, client} = request;
	const {frame} = request.directory;
	const {resumeAt} = planning;
	const now = request.now ?? new Date();
	const from = resumeAt ? {index: resumeAt.next.index, managers: resumeAt.state.managers} : undefined;
	const planner = new RowPlanner({...frame, users: [], readAt: now}, planning.options, now, planning.ownUsers, planning.unsettledRows, from);
	const unique = resumeAt ? UniqueInFile.restore(resumeAt.state.unique) : new UniqueInFile();
	// Each row's cells as a digest, by its place in the feed: a checkpoint at a row says it, and a read from there must find it.
	let digests = new Uint32Array(1024);
	let read = 0;
	const state: PlanState = {inFile: (beforeRow): InFileState => ({unique: unique.snapshot(beforeRow), managers: planner.snapshot(beforeRow)}), digestAt: (index) => digests[index]!};
	const see = (source: CsvRow) => {
		const digest = digestCells(source.cells);
		if (read === 0 && resumeAt) {
			const {next} = resumeAt;
			// Not the checkpoint's row: the file is not read from there, but whole (streamed-start.ts).
			if (source.row !== next.row || source.line !== next.line || digest !== next.digest) throw new CheckpointMismatch(`Row ${next.row} is not where the checkpoint has it.`);
		}
		if (read === digests.length) {
			const more = new Uint32Array(read * 2);
			more.set(digests);
			digests = more;
		}
		digests[read++] = digest;
	};
	// Until every user is listed, a chunk's rows are planned once the users holding their values are looked up.
	// The listing starts at once, or (a resume) with the first row that needs a lookup: rebuilding the rows
	// done before does not share the process with it.
	let listed = false;
	let listing: Promise<void> | undefined;
	const startListing = () =>
		// Each page is indexed as it comes (a resume's own users are let go at once), and counts once all are in.
		(listing ??= request.directory.listing((users) => planner.addUsers(users)).then(
			() => {
				listed = true;
				if (ended) return;
				// The rows planned without a lookup (a resume's finished rows) meet the whole directory now.
				planner.directoryListed();
				reviseDecided();
			},
			// A listing that fails leaves the plan to its lookups, chunk by chunk: slower, never wrong.
			() => {},
		));
	if (!planning.needsLookup) startListing();
	const waiting: BuiltRow[] = [];
	let mapped: {layout: CsvLayout; mapping: Mapping} | undefined;
	let startedBy: Started | undefined;
	const asks = (row: number) => planning.needsLookup?.(row) ?? true;
	// Whether the run has a row it can take now (to create, its manager not pending): till then rows are
	// looked up a few at a time, so the first create waits for a request or two, not a whole chunk's lookups.
	let runnable = false;
	// The read ahead, once rows wait long for their managers: till it is in, settles when it is (`undefined` after).
	let readingAhead: Promise<void> | undefined;
	let stopReadingAhead: (() => void) | undefined;
	// Rows planned here, and how many had been when rows last began to wait for a manager (none waiting: undefined).
	let plannedHere = 0;
	let waitingSince: number | undefined;
	let ended = false;
	// The bytes the plan must read (the read ahead's too): the import's file, from the checkpoint's row on a resume.
	const expectedSha256 = resumeAt?.sha256 ?? scan.sha256;
	// Rows that waited for their manager go on now, not at the end of the file.
	const reviseDecided = () => {
		for (const change of planner.decided()) {
			feed.revise(change.index, (waiting) => withManager(waiting, change));
			if (asks(change.row)) runnable = true;
		}
	};
	// A fault in taking the read ahead's answer (a bug, not the pass failing): the plan stops with it at the next chunk.
	let readAheadFault: unknown;
	const readAhead = ({layout, mapping}: {layout: CsvLayout; mapping: Mapping}) => {
		stopReadingAhead = () => {};
		let pass: ReturnType<typeof readAheadAside>;
		try {
			pass = readAheadAside({file: planning.file, overrides: csvOverridesOf(layout), mapping, edits: planning.edits ?? [], defaults: userDefaults(planning.options), now, ...(resumeAt ? {from: resumeAt.position} : {})});
		} catch {
			// No worker to be had: the managers are left to the end of the file, as without it.
			return;
		}
		stopReadingAhead = pass.stop;
		readingAhead = pass.result
			.then(
				({holders, sha256}) => {
					// Other bytes than the plan's (the file changed): the end of the file settles the managers, as without it.
					if (ended || sha256 !== expectedSha256) return;
					try {
						planner.lookAhead(holders);
						reviseDecided();
					} catch (error) {
						readAheadFault = error;
					}
				},
				// A read ahead that fails leaves the managers to the end of the file: later, never wrong.
				() => {},
			)
			.finally(() => (readingAhead = undefined));
	};
	const endReading = () => {
		ended = true;
		stopReadingAhead?.();
	};
	return new Promise((resolve, reject) => {
		const plan = (built: BuiltRow) => {
			const row = planner.plan(built, listed || asks(built.row));
			feed.push(row);
			if (row.action === 'create' && !(row.manager && 'pending' in row.manager) && asks(row.row)) runnable = true;
			reviseDecided();
			plannedHere++;
			const waiting = planner.waitingForManagers;
			waitingSince = waiting === 0 ? undefined : (waitingSince ?? plannedHere);
			// Only a file whose rows wait long for their managers reads ahead (unless a checkpoint kept the last read ahead's holders).
			if (!stopReadingAhead && !planner.looksAhead && waitingSince !== undefined && (waiting >= readAheadAfter || plannedHere - waitingSince >= readAheadAfter)) readAhead(mapped!);
			if (startedBy) return;
			startedBy = onPlanned(row, mapped!, state);
			if (startedBy) resolve({startedBy, planned});
		};
		const planWaiting = async () => {
			while (waiting.length > 0) {
				const slice = waiting.splice(0, listed || runnable ? waiting.length : throughAsked(waiting, (built) => asks(built.row), firstLookups));
				const asked = listed ? [] : slice.filter((built) => asks(built.row));
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
				// Not while the run is over: the pass would be waited for, for nothing.
				if (readingAhead && planner.waitingForManagers >= waitingAtMost && !feed.isClosed) await readingAhead;
				if (readAheadFault) throw readAheadFault;
				// Held back only once a run takes rows: before the first row to create, nothing would make room.
				if (startedBy) await feed.room();
				if (feed.isClosed) throw new RunEnded('The run ended before the file was read through.');
			},
			...(resumeAt ? {from: resumeAt.position} : {}),
			unique,
			onSourceRow: see,
			onRow: (built) => {
				// Until the listing is in, a row waits for the lookup of its chunk's values (in beforeChunk).
				if (listed && waiting.length === 0) plan(built);
				else waiting.push(built);
			},
		})
			.then(async (inspected) => {
				// Nothing read from the checkpoint's byte (blank lines only): not its row either.
				if (resumeAt && read === 0) throw new CheckpointMismatch(`Row ${resumeAt.next.row} is not where the checkpoint has it.`);
				await planWaiting();
				if (readAheadFault) throw readAheadFault;
				return inspected;
			})
			.then(
				({report, fingerprint}): StreamedPlan => {
					request.directory.stop();
					endReading();
					const error = fingerprint?.sha256 === expectedSha256 ? undefined : new FileChangedError(`${planning.file} changed while it was read: the run stopped (rows read after the change may differ from the file the import began with).`);
					// The managers still waiting are known now (with no read ahead, every display name): the rows held for them go on.
					if (!error) for (const change of planner.finish()) feed.revise(change.index, (row) => withManager(row, change));
					feed.end(error);
					const plan = {complete: error === undefined, summary: summarize(feed.rows), rows: feed.rows, report, ...(error ? {error} : {})};
					if (!startedBy) resolve({startedBy: undefined, planned: Promise.resolve(plan)});
					return plan;
				},
				(error: Error): StreamedPlan => {
					request.directory.stop();
					endReading();
					feed.end(error);
					if (!startedBy) reject(error);
					return {complete: false, summary: summarize(feed.rows), rows: feed.rows, error};
				},
			);
	});
}
