import type {JumpCloudClient} from '../jumpcloud/client.js';
import {csvOverridesOf, type ImportFolder, type Manifest} from './import-store.js';
import {Journal} from './journal.js';
import {acquireLock} from './lock.js';
import {prepareImport, type PreparedImport} from './prepare.js';
import {createdUsers, wasRolledBack} from './progress.js';
import {reconcilePendingCreates} from './reconcile.js';
import {loadProgress} from './session.js';

export class NotResumableError extends Error {
	override name = 'NotResumableError';
}

/**
 * Everything a resume does before it runs: creates cut off last time are settled by lookup (so the
 * users they made count as this import's, not as conflicts), then the file is read again with the
 * import's own encoding, delimiter, header line, mapping, cell edits and options, and checked
 * against the directory.
 */
export async function prepareResume(client: JumpCloudClient, folder: ImportFolder, manifest: Manifest): Promise<PreparedImport> {
	const progress = loadProgress(folder);
	if (wasRolledBack(progress)) throw new NotResumableError(`Import ${manifest.id} was rolled back; start a new import instead.`);
	const release = acquireLock(folder.lockPath);
	const journal = new Journal(folder.journalPath);
	try {
		await reconcilePendingCreates(client, progress, journal);
	} finally {
		journal.close();
		release();
	}
	return prepareImport({
		file: manifest.csv.path,
		overrides: csvOverridesOf(manifest.csv),
		options: manifest.options,
		client,
		preset: {preset: manifest.mapping, path: folder.manifestPath},
		edits: manifest.edits ?? [],
		ownUsers: new Set(createdUsers(progress).map((user) => user.userId)),
	});
}
