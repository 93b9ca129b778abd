import type {JumpCloudClient} from '../jumpcloud/client.js';
import {JumpCloudError} from '../jumpcloud/errors.js';
import type {Journal} from './journal.js';
import {createdUsers, type ImportProgress} from './progress.js';

export type RollbackEvent = {type: 'deleted'; row: number; userId: string} | {type: 'delete-failed'; row: number; userId: string; error: string};

/**
 * Deletes exactly the users an import created, each delete journaled (intent, outcome) so a cut-off
 * rollback resumes where it stopped. A user already gone counts as deleted.
 */
export async function rollbackImport(options: {
	client: JumpCloudClient;
	progress: ImportProgress;
	journal: Journal;
	concurrency: number;
	onEvent?: (event: RollbackEvent) => void;
	shouldStop?: () => boolean;
}): Promise<{deleted: number; failed: number; left: number}> {
	const users = createdUsers(options.progress);
	let next = 0;
	let deleted = 0;
	let failed = 0;
	const worker = async () => {
		while (next < users.length && !options.shouldStop?.()) {
			const {row, userId} = users[next++]!;
			options.journal.append({t: 'intent', row, step: 'delete', at: new Date().toISOString()});
			try {
				await options.client.users.delete(userId);
			} catch (error) {
				if (!(error instanceof JumpCloudError)) throw error;
				if (error.kind !== 'not-found') {
					options.journal.append({t: 'failed', row, step: 'delete', at: new Date().toISOString(), error: error.message, kind: error.kind});
					failed++;
					options.onEvent?.({type: 'delete-failed', row, userId, error: error.message});
					continue;
				}
			}
			options.journal.append({t: 'done', row, step: 'delete', at: new Date().toISOString(), userId});
			deleted++;
			options.onEvent?.({type: 'deleted', row, userId});
		}
	};
	await Promise.all(Array.from({length: Math.max(1, Math.min(options.concurrency, users.length))}, worker));
	return {deleted, failed, left: users.length - deleted - failed};
}
