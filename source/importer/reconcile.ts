import type {JumpCloudClient} from '../jumpcloud/client.js';
import type {Journal} from './journal.js';
import {pendingCreates, type ImportProgress} from './progress.js';

/**
 * Settles every create whose answer was never recorded, before anything else reads the directory:
 * the user is looked up by the username and email the intent named. Found, it is this import's
 * (preflight then does not take it for someone else's); not found, the create never happened.
 */
export async function reconcilePendingCreates(client: JumpCloudClient, progress: ImportProgress, journal: Journal): Promise<number> {
	let found = 0;
	for (const row of pendingCreates(progress)) {
		const {username, email} = row.identity ?? {};
		if (!username && !email) continue; // the runner looks it up once the row is rebuilt from the file
		const matches = await client.users.lookup({username, email});
		const mine = matches.find((user) => user.username.toLowerCase() === username?.toLowerCase());
		const at = new Date().toISOString();
		if (mine) {
			journal.append({t: 'done', row: row.row, step: 'create', at, userId: mine._id, reconciled: true});
			row.pending.delete('create');
			row.done.add('create');
			row.userId = mine._id;
			found++;
		} else {
			journal.append({t: 'refused', row: row.row, step: 'create', at});
			row.pending.delete('create');
		}
	}
	return found;
}
