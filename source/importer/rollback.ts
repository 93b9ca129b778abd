import {setMaxListeners} from 'node:events';
import type {JumpCloudClient} from '../jumpcloud/client.js';
import {JumpCloudError} from '../jumpcloud/errors.js';
import type {SystemUser} from '../jumpcloud/types.js';
import type {Journal, JournalRecord} from './journal.js';
import {applyRecord, createdUsers, type ImportProgress, type RowProgress} from './progress.js';
import {createdTime, type Claim} from './provenance.js';
import {Breaker} from './breaker.js';

export type RollbackEvent =
	/** `clearedManagerOf`: users outside this rollback who reported to it; JumpCloud cleared their manager. */
	| {type: 'deleted'; row: number; userId: string; clearedManagerOf?: string[]}
	/** Not there any more: someone deleted it already. Not counted as deleted. */
	| {type: 'gone'; row: number; userId: string}
	/** Left alone: this import cannot prove it made this user (now). */
	| {type: 'kept'; row: number; userId: string; reason: string}
	| {type: 'delete-failed'; row: number; userId: string; error: string};

/**
 * `failure`: why the rollback stopped on its own (JumpCloud stopped answering); run it again to finish.
 * `clearedManagerOf`: users outside the import whose manager JumpCloud cleared as their manager went.
 */
export type RollbackResult = {deleted: number; gone: number; kept: number; failed: number; left: number; clearedManagerOf: string[]; failure?: string};

type Options = {
	client: JumpCloudClient;
	progress: ImportProgress;
	journal: Journal;
	concurrency: number;
	claimOf: (userId: string) => Claim | undefined;
	onEvent?: (event: RollbackEvent) => void;
	/** Hears the users read again before any delete: `read` of `total`. */
	onRead?: (read: number, total: number) => void;
	shouldStop?: () => boolean;
	signal?: AbortSignal;
};

type Found = {row: number; userId: string; user: SystemUser | undefined};

/**
 * Deletes exactly the users this import provably created. Each is read again first: gone already
 * (404) is said as such; a user whose `created` is not the one this import recorded, or that another
 * import in this home holds as its own (and got from JumpCloud's own answer, or by lookup as this
 * one did), is kept and said why. Reports go before their managers, as JumpCloud refuses (409) to
 * delete a user who still manages someone; a manager who still has reports outside this rollback is
 * deleted with `cascade_manager=null`, and the reports whose manager JumpCloud cleared are named.
 * Each delete is journaled (intent, outcome), so a cut-off rollback resumes where it stopped.
 */
export async function rollbackImport(given: Options): Promise<RollbackResult> {
	const users = createdUsers(given.progress);
	const result: RollbackResult = {deleted: 0, gone: 0, kept: 0, failed: 0, left: 0, clearedManagerOf: []};
	// A server that stops answering stops the rollback, as it stops an import: requests in flight are
	// abandoned (a delete's outcome stays unknown in the journal; the next rollback reads the user again).
	const breaker = new Breaker();
	const halt = new AbortController();
	// Every request in flight listens to it: many at once is expected, not a leak (Node warned past 10).
	setMaxListeners(0, halt.signal);
	const unwatch = given.client.http.onAttempt((event) => {
		const why = breaker.observe(event);
		if (!why) return;
		result.failure ??= why;
		halt.abort(new Error(why));
	});
	const options: Options = {...given, signal: halt.signal, shouldStop: () => halt.signal.aborted || given.shouldStop?.() === true};
	try {
		return await rollbackUsers(users, options, result);
	} finally {
		unwatch();
	}
}

async function rollbackUsers(users: ReturnType<typeof createdUsers>, options: Options, result: RollbackResult): Promise<RollbackResult> {
	const write = (record: Exclude<JournalRecord, {t: 'run'}>) => {
		options.journal.append(record);
		applyRecord(options.progress.rows, record);
	};
	const at = () => new Date().toISOString();
	const failed = (row: number, userId: string, error: JumpCloudError) => {
		write({t: 'failed', row, step: 'delete', at: at(), error: error.message, kind: error.kind});
		result.failed++;
		options.onEvent?.({type: 'delete-failed', row, userId, error: error.message});
	};

	// Rows whose delete an earlier rollback sent without learning the outcome (cut off, or abandoned).
	const pendingBefore = new Set(users.filter(({row}) => options.progress.rows.get(row)?.pending.has('delete')).map(({row}) => row));
	// First every user is read again: whether it is still this import's, and who manages whom.
	let read = 0;
	const found = await inParallel(users, options, async ({row, userId}): Promise<Found | undefined> => {
		try {
			const user = await options.client.users.find(userId, options.signal);
			options.onRead?.(++read, users.length);
			return {row, userId, user};
		} catch (error) {
			if (options.signal?.aborted) return undefined;
			if (!(error instanceof JumpCloudError)) throw error;
			failed(row, userId, error);
			return undefined;
		}
	});
	const deletable: Found[] = [];
	for (const item of found) {
		if (!item) continue;
		const reason = item.user ? whyNotOurs(item.user, options.progress.rows.get(item.row)!, options.claimOf(item.userId)) : undefined;
		if (!reason) {
			deletable.push(item);
			continue;
		}
		// Not journaled: the next rollback checks it again, as things may have changed.
		result.kept++;
		options.onEvent?.({type: 'kept', row: item.row, userId: item.userId, reason});
	}

	// Users of this import still to be deleted: never a cascade's to change (they go first, or next time).
	const held = new Set(deletable.map((item) => item.userId));
	for (const level of byReportingLevel(deletable)) {
		await inParallel(level, options, async ({row, userId, user}) => {
			try {
				write({t: 'intent', row, step: 'delete', at: at()});
				// Found a moment ago: a 404 now is this delete's own, sent again after its answer was lost.
				const clearedManagerOf = user ? await deleteUser(options.client, userId, held, options.signal) : undefined;
				held.delete(userId);
				// Gone now, after a delete of ours whose outcome an earlier rollback never learned: ours.
				const deleted = user !== undefined || pendingBefore.has(row);
				write({t: 'done', row, step: 'delete', at: at(), userId, ...(deleted ? {} : {note: 'already gone'})});
				if (clearedManagerOf) result.clearedManagerOf.push(...clearedManagerOf);
				if (deleted) result.deleted++;
				else result.gone++;
				options.onEvent?.(deleted ? {type: 'deleted', row, userId, ...(clearedManagerOf?.length ? {clearedManagerOf} : {})} : {type: 'gone', row, userId});
			} catch (error) {
				// Abandoned when the server stopped answering: the intent stays open for the next rollback.
				if (options.signal?.aborted) return;
				if (!(error instanceof JumpCloudError)) throw error;
				failed(row, userId, error);
			}
		});
	}
	result.left = users.length - result.deleted - result.gone - result.kept - result.failed;
	return result;
}

/** Runs `task` over `items` with the import's concurrency, stopping between items when asked. */
async function inParallel<T, R>(items: readonly T[], options: Options, task: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = [];
	let next = 0;
	const worker = async () => {
		while (next < items.length && !options.shouldStop?.()) {
			const index = next++;
			results[index] = await task(items[index]!);
		}
	};
	await Promise.all(Array.from({length: Math.max(1, Math.min(options.concurrency, items.length))}, worker));
	return results;
}

/**
 * The users in delete order: first those who manage no one here, then their managers, and so on.
 * A cycle (possible only if someone edited the users) is broken by putting what is left last.
 */
export function byReportingLevel(users: readonly Found[]): Found[][] {
	const here = new Map(users.map((item) => [item.userId, item]));
	const reportsLeft = new Map<string, number>();
	for (const item of users) {
		const manager = item.user?.manager;
		if (manager && manager !== item.userId && here.has(manager)) reportsLeft.set(manager, (reportsLeft.get(manager) ?? 0) + 1);
	}
	const levels: Found[][] = [];
	let remaining = [...users];
	while (remaining.length > 0) {
		const level = remaining.filter((item) => !reportsLeft.get(item.userId));
		if (level.length === 0) {
			levels.push(remaining);
			break;
		}
		levels.push(level);
		for (const item of level) {
			const manager = item.user?.manager;
			if (manager && reportsLeft.has(manager)) reportsLeft.set(manager, reportsLeft.get(manager)! - 1);
		}
		const done = new Set(level);
		remaining = remaining.filter((item) => !done.has(item));
	}
	return levels;
}

/**
 * Deletes one user. A 404 means done (the delete was sent again after a lost answer, or someone
 * removed the user meanwhile). A 409 means it still manages someone: when that is a user of this
 * import whose delete failed, the manager waits for the next rollback; when only users outside the
 * import remain, they are named and the delete is sent again with `cascade_manager=null`, which
 * clears their manager attribute. Returns the usernames whose manager was cleared.
 */
async function deleteUser(client: JumpCloudClient, userId: string, held: ReadonlySet<string>, signal: AbortSignal | undefined): Promise<string[] | undefined> {
	try {
		await client.users.delete(userId, {signal});
		return undefined;
	} catch (error) {
		if (!(error instanceof JumpCloudError)) throw error;
		if (error.kind === 'not-found') return undefined;
		if (error.kind !== 'conflict') throw error;
	}
	const reports = await client.users.reportsOf(userId, signal);
	const ours = reports.filter((report) => held.has(report._id));
	if (ours.length > 0) {
		throw new JumpCloudError({
			kind: 'conflict',
			message: `It still manages ${ours.length === 1 ? 'a user' : `${ours.length} users`} of this import not deleted yet (${ours.map((report) => report.username || report._id).join(', ')}): they go first; run the rollback again.`,
			method: 'DELETE',
			path: `/api/systemusers/${userId}`,
		});
	}
	try {
		await client.users.delete(userId, {clearManagerOfReports: true, signal});
	} catch (error) {
		if (!(error instanceof JumpCloudError && error.kind === 'not-found')) throw error;
	}
	return reports.map((report) => report.username || report._id);
}

/** Why this user cannot be proved to be this import's now; undefined when it can. */
function whyNotOurs(user: SystemUser, progress: RowProgress, claim: Claim | undefined): string | undefined {
	const origin = progress.origin;
	const created = createdTime(user.created);
	if (!created) return 'JumpCloud does not say when it was created';
	if (origin?.created) {
		const recorded = createdTime(origin.created);
		if (!recorded || Math.abs(recorded.from - created.from) > 1000) return `it was created ${user.created}, not ${origin.created} as this import recorded`;
	} else if (origin?.window) {
		if (created.to < origin.window.from || created.from > origin.window.to) return `it was created ${user.created}, not while this import created it`;
	} else {
		return 'this import did not record when it was created';
	}
	// Another import holds it too: the one JumpCloud answered with the id made it.
	if (claim && (claim.direct || origin?.reconciled)) return `import ${claim.importId} holds it as its own`;
	return undefined;
}
