import type {JumpCloudClient} from '../jumpcloud/client.js';
import {CreateOnce, markInterrupted} from './create-once.js';
import type {Journal, JournalRecord} from './journal.js';
import {applyRecord, unsettledCreates, type ImportProgress} from './progress.js';
import type {Claim} from './provenance.js';

/**
 * Settles, before anything else reads the directory, every create whose outcome is unknown (cut off
 * by a crash, or answered with nothing after a lost answer): the user is looked up by the username
 * and email its intent named and judged by provenance. Provably this import's: recorded as created
 * (preflight then does not take it for someone else's). Someone else's, or not there: left to the
 * plan, which treats an existing user by the existing-users policy.
 */
export async function reconcileUnsettledCreates(options: {
	client: JumpCloudClient;
	progress: ImportProgress;
	journal: Journal;
	claimOf: (userId: string) => Claim | undefined;
}): Promise<{adopted: number}> {
	const write = (record: JournalRecord) => {
		options.journal.append(record);
		if (record.t !== 'run') applyRecord(options.progress.rows, record);
	};
	markInterrupted(options.progress.rows, write);
	const creator = new CreateOnce({client: options.client, journal: write, claimOf: options.claimOf, wait: async () => {}, signal: new AbortController().signal});
	let adopted = 0;
	for (const row of unsettledCreates(options.progress)) {
		if (!row.identity?.username && !row.identity?.email) continue; // the runner looks it up once the row is rebuilt from the file
		const result = await creator.settle(row.row, row.identity, row);
		if (result?.kind === 'created') adopted++;
	}
	return {adopted};
}
