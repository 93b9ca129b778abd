import type {JumpCloudClient} from '../jumpcloud/client.js';
import {UsageError} from '../lib/exit-codes.js';
import {csvOverridesOf, type ImportFolder, type Manifest} from './import-store.js';
import {assertSameOrganization} from './import-target.js';
import {Journal} from './journal.js';
import {acquireLock} from './lock.js';
import {FileChangedError} from './plan-check.js';
import {prepareImport, type PreparedImport} from './prepare.js';
import {createdUsers, unsettledCreates, wasRolledBack, type ImportProgress} from './progress.js';
import {reconcileUnsettledCreates} from './reconcile.js';
import {emailsStillToSend} from './row-standing.js';
import {readCheckpoint, type InFileState} from './checkpoint.js';
import {claimIndexFor, loadProgress, loadProgressInSlices, progressAfter} from './session.js';
import type {SettledRows} from './settled-rows.js';

export class NotResumableError extends UsageError {
	override name = 'NotResumableError';
}

export type ResumeOptions = {
	/** `retry`: only the failed rows run again; a finished import can be retried, not resumed. */
	purpose: 'resume' | 'retry';
	allowChangedCsv?: boolean;
	onProgress?: (read: number, total: number) => void;
	/** The journal as a moment ago's `settleJournal` left it: not read again. */
	settled?: SettledJournal;
	/** Start from the import's checkpoint when it holds (a streamed resume reads the file from its row on). */
	fromCheckpoint?: boolean;
};

/**
 * What a resume knows once its journal is settled: the users this import made, and the rows whose
 * create is still unknown. From a checkpoint, `progress` holds only the rows from its row on, and
 * `checkpoint` what is known of the rows before.
 */
export type SettledJournal = {ownUsers: Set<string>; unsettledRows: Set<number>; progress: ImportProgress; checkpoint?: {settled: SettledRows; state: InFileState}};

/**
 * Everything a resume does before it runs: the key must reach the import's organization; creates
 * whose outcome is unknown are settled by lookup and provenance (so the users they made count as
 * this import's, not as conflicts); then the file is read again with the import's own encoding,
 * delimiter, header line, mapping, cell edits and options, and checked against the directory.
 */
export async function prepareResume(client: JumpCloudClient, folder: ImportFolder, manifest: Manifest, options: ResumeOptions): Promise<PreparedImport> {
	const {ownUsers, unsettledRows, progress} = options.settled ?? (await settleJournal(client, folder, manifest, options));
	const prepared = await prepareImport({
		file: manifest.csv.path,
		overrides: csvOverridesOf(manifest.csv),
		options: manifest.options,
		client,
		// The import's own mapping, for the file it was read from: no suggestion needed under it.
		preset: {preset: manifest.mapping, path: folder.manifestPath, recorded: true},
		edits: manifest.edits ?? [],
		ownUsers,
		unsettledRows,
		...(options.onProgress ? {onProgress: options.onProgress} : {}),
	});
	if (prepared.fingerprint.sha256 !== manifest.csv.sha256 && !options.allowChangedCsv) throw changedError(manifest);
	// What is told before a resume: only the emails still to go out, not those the first run sent.
	const emails = emailsStillToSend(prepared.rows, (row) => progress.rows.get(row), options.purpose === 'retry');
	return {...prepared, summary: {...prepared.summary, emails}};
}

export function changedError(manifest: Manifest): FileChangedError {
	return new FileChangedError(`${manifest.csv.path} changed since import ${manifest.id} began; its rows may not match. To go on anyway: jc-import resume ${manifest.id} --allow-changed-csv`);
}

/** The checks before a resume (not rolled back, not finished, the same organization), and its unknown creates settled. */
export async function settleJournal(client: JumpCloudClient, folder: ImportFolder, manifest: Manifest, options: ResumeOptions): Promise<SettledJournal> {
	const {settled, lock} = await settleJournalHeld(client, folder, manifest, options);
	lock.release();
	return settled;
}

/** A settled journal with the import's lock still held and the progress it was replayed into: a run can go on from here without reading the journal again. */
export type HeldJournal = {settled: SettledJournal; lock: {release: () => void; progress: ImportProgress}};

/** `settleJournal`, keeping the lock (and the replayed journal) for the run that follows. */
export async function settleJournalHeld(client: JumpCloudClient, folder: ImportFolder, manifest: Manifest, options: ResumeOptions): Promise<HeldJournal> {
	const release = acquireLock(folder.lockPath, {importId: manifest.id});
	// Asked before the journal is read (which holds this thread): it goes out as soon as the journal
	// is in, with the directory's first requests, not after the checks below.
	const sameOrganization = assertSameOrganization(client, manifest);
	sameOrganization.catch(() => {});
	try {
		// Read under the lock: a run that ended a moment ago has written all it will.
		const checkpoint = options.fromCheckpoint && options.purpose === 'resume' ? readCheckpoint(folder, manifest) : undefined;
		const fromCheckpoint = checkpoint && progressAfter(folder, checkpoint);
		const progress = fromCheckpoint ?? (await loadProgressInSlices(folder));
		if (wasRolledBack(progress)) throw new NotResumableError(`Import ${manifest.id} was rolled back; start a new import instead.`);
		if (options.purpose === 'resume' && progress.finished) {
			const before = fromCheckpoint ? checkpoint!.settled.counts : {usersCreated: 0, failed: 0};
			const failed = [...progress.rows.values()].filter((row) => row.failed).length + before.failed;
			throw new NotResumableError(
				`Import ${manifest.id} finished: ${createdUsers(progress).length + before.usersCreated} users created, ${failed} rows failed; there is nothing to resume.${failed > 0 ? ` To run the failed rows again: jc-import run --retry-failed ${manifest.id}` : ''}`,
			);
		}
		await sameOrganization;
		const journal = new Journal(folder.journalPath);
		try {
			const claims = claimIndexFor(folder, manifest);
			await reconcileUnsettledCreates({client, progress, journal, claimOf: (userId) => claims.claimOf(userId)});
		} finally {
			journal.close();
		}
		const ownUsers = new Set(createdUsers(progress).map((user) => user.userId));
		if (fromCheckpoint) for (const userId of checkpoint!.settled.createdIds) ownUsers.add(userId);
		const settled: SettledJournal = {ownUsers, unsettledRows: new Set(unsettledCreates(progress).map((row) => row.row)), progress, ...(fromCheckpoint ? {checkpoint: {settled: checkpoint!.settled, state: checkpoint!.state}} : {})};
		return {settled, lock: {release, progress}};
	} catch (error) {
		release();
		throw error;
	}
}

/**
 * A journal settled from a checkpoint, read whole again under the lock it holds (its unknown
 * creates were settled already, in the rows the checkpoint left open): for a plan of every row.
 */
export function withoutCheckpoint(folder: ImportFolder, held: HeldJournal): HeldJournal {
	const progress = loadProgress(folder);
	const settled = {ownUsers: new Set(createdUsers(progress).map((user) => user.userId)), unsettledRows: new Set(unsettledCreates(progress).map((row) => row.row)), progress};
	return {settled, lock: {release: held.lock.release, progress}};
}
