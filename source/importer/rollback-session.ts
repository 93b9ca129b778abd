import type {JumpCloudClient} from '../jumpcloud/client.js';
import type {ImportFolder, Manifest} from './import-store.js';
import {assertSameOrganization} from './import-target.js';
import {Journal} from './journal.js';
import {acquireLock} from './lock.js';
import {reconcileUnsettledCreates} from './reconcile.js';
import {rollbackImport, type RollbackEvent, type RollbackResult} from './rollback.js';
import {claimIndexFor, loadProgress} from './session.js';

export const billingNote = 'JumpCloud bills every user that is not removed within 48 hours of being created: roll back soon after a mistaken import.';

/**
 * Rolls an import back under its lock, in the organization it was made in: creates cut off before
 * their answer are settled by lookup and provenance first (so the users they made are deleted too),
 * then every user it provably created is deleted, journaled.
 * Throws ImportLockedError when another process holds the import.
 */
export async function runRollback(options: {
	client: JumpCloudClient;
	folder: ImportFolder;
	manifest: Manifest;
	onEvent?: (event: RollbackEvent) => void;
	/** Hears the users read again before any delete. */
	onRead?: (read: number, total: number) => void;
	/** Called once the lock is held and cut-off creates are settled, before the first delete. */
	onStarted?: () => void;
	shouldStop?: () => boolean;
}): Promise<RollbackResult> {
	await assertSameOrganization(options.client, options.manifest);
	const release = acquireLock(options.folder.lockPath, {importId: options.manifest.id});
	try {
		const journal = new Journal(options.folder.journalPath);
		try {
			const progress = loadProgress(options.folder);
			const claims = claimIndexFor(options.folder, options.manifest);
			const claimOf = (userId: string) => claims.claimOf(userId);
			await reconcileUnsettledCreates({client: options.client, progress, journal, claimOf});
			options.onStarted?.();
			return await rollbackImport({
				client: options.client,
				progress,
				journal,
				concurrency: options.manifest.options.concurrency,
				claimOf,
				onEvent: options.onEvent,
				...(options.onRead ? {onRead: options.onRead} : {}),
				shouldStop: options.shouldStop,
			});
		} finally {
			journal.close();
		}
	} finally {
		release();
	}
}
