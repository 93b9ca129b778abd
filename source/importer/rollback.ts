import type {JumpCloudClient} from '../jumpcloud/client.js';
import {JumpCloudError} from '../jumpcloud/errors.js';
import type {SystemUser} from '../jumpcloud/types.js';
import type {Journal, JournalRecord} from './journal.js';
import {applyRecord, createdUsers, type ImportProgress, type RowProgress} from './progress.js';
import {createdTime, type Claim} from './provenance.js';

export type RollbackEvent =
	| {type: 'deleted'; row: number; userId: string}
	/** Not there any more: someone deleted it already. Not counted as deleted. */
	| {type: 'gone'; row: number; userId: string}
	/** Left alone: this import cannot prove it made this user (now). */
	| {type: 'kept'; row: number; userId: string; reason: string}
	| {type: 'delete-failed'; row: number; userId: string; error: string};

export type RollbackResult = {deleted: number; gone: number; kept: number; failed: number; left: number};

/**
 * Deletes exactly the users this import provably created. Each is read again first: gone already
 * (404) is said as such; a user whose `created` is not the one this import recorded, or that another
 * import in this home holds as its own (and got from JumpCloud's own answer, or by lookup as this
 * one did), is kept and said why. Each delete is journaled (intent, outcome), so a cut-off rollback
 * resumes where it stopped.
 */
export async function rollbackImport(options: {
	client: JumpCloudClient;
	progress: ImportProgress;
	journal: Journal;
	concurrency: number;
	claimOf: (userId: string) => Claim | undefined;
	onEvent?: (event: RollbackEvent) => void;
	shouldStop?: () => boolean;
}): Promise<RollbackResult> {
	const users = createdUsers(options.progress);
	const result: RollbackResult = {deleted: 0, gone: 0, kept: 0, failed: 0, left: 0};
	const write = (record: Exclude<JournalRecord, {t: 'run'}>) => {
		options.journal.append(record);
		applyRecord(options.progress.rows, record);
	};
	const at = () => new Date().toISOString();
	let next = 0;
	const worker = async () => {
		while (next < users.length && !options.shouldStop?.()) {
			const {row, userId} = users[next++]!;
			const progress = options.progress.rows.get(row)!;
			try {
				const user = await options.client.users.find(userId);
				const reason = user ? whyNotOurs(user, progress, options.claimOf(userId)) : undefined;
				if (user && reason) {
					// Not journaled: the next rollback checks it again, as things may have changed.
					result.kept++;
					options.onEvent?.({type: 'kept', row, userId, reason});
					continue;
				}
				write({t: 'intent', row, step: 'delete', at: at()});
				// Found a moment ago: a 404 now is this delete's own, sent again after its answer was lost.
				if (user) await deleteUser(options.client, userId);
				const deleted = user !== undefined;
				write({t: 'done', row, step: 'delete', at: at(), userId, ...(deleted ? {} : {note: 'already gone'})});
				if (deleted) result.deleted++;
				else result.gone++;
				options.onEvent?.(deleted ? {type: 'deleted', row, userId} : {type: 'gone', row, userId});
			} catch (error) {
				if (!(error instanceof JumpCloudError)) throw error;
				write({t: 'failed', row, step: 'delete', at: at(), error: error.message, kind: error.kind});
				result.failed++;
				options.onEvent?.({type: 'delete-failed', row, userId, error: error.message});
			}
		}
	};
	await Promise.all(Array.from({length: Math.max(1, Math.min(options.concurrency, users.length))}, worker));
	result.left = users.length - result.deleted - result.gone - result.kept - result.failed;
	return result;
}

/** A 404 means done: the delete was sent again after a lost answer, or someone removed the user meanwhile. */
async function deleteUser(client: JumpCloudClient, userId: string): Promise<void> {
	try {
		await client.users.delete(userId);
	} catch (error) {
		if (!(error instanceof JumpCloudError && error.kind === 'not-found')) throw error;
	}
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
