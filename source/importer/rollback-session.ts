import type {JumpCloudClient} from '../jumpcloud/client.js';
import type {ImportFolder, Manifest} from './import-store.js';
import {Journal} from './journal.js';
import {acquireLock} from './lock.js';
import {reconcilePendingCreates} from './reconcile.js';
import {rollbackImport, type RollbackEvent} from './rollback.js';
import {loadProgress} from './session.js';

export const billingNote = 'JumpCloud bills every user that is not removed within 48 hours of being created: roll back soon after a mistaken import.';

/**
 * Rolls an import back under its lock: creates cut off before their answer are looked up first
 * (so the users they made are deleted too), then every user it created is deleted, journaled.
 * Throws ImportLockedError when another process holds the import.
 */
export async function runRollback(options: {
	client: JumpCloudClient;
	folder: ImportFolder;
	manifest: Manifest;
	onEvent?: (event: RollbackEvent) => void;
	/** Called once the lock is held and cut-off creates are settled, before the first delete. */
	onStarted?: () => void;
	shouldStop?: () => boolean;
}): Promise<{deleted: number; failed: number; left: number}> {
	const release = acquireLock(options.folder.lockPath);
	const journal = new Journal(options.folder.journalPath);
	try {
		const progress = loadProgress(options.folder);
		await reconcilePendingCreates(options.client, progress, journal);
		options.onStarted?.();
		return await rollbackImport({
			client: options.client,
			progress,
			journal,
			concurrency: options.manifest.options.concurrency,
			onEvent: options.onEvent,
			shouldStop: options.shouldStop,
		});
	} finally {
		journal.close();
		release();
	}
}
