import {backoffDelay, lostAnswerBackoff} from '../jumpcloud/backoff.js';
import type {JumpCloudClient} from '../jumpcloud/client.js';
import {JumpCloudError} from '../jumpcloud/errors.js';
import type {HardStop} from './hard-stop.js';
import type {RowPlan} from './row-plan.js';
import type {RowProgress} from './progress.js';
import {now, type RunRecorder} from './run-recorder.js';

export type ActivationDeps = {client: JumpCloudClient; recorder: RunRecorder; stop: HardStop};

/**
 * Activation sends an email, so it is never sent twice: after a lost answer (or one sent before
 * this run with no outcome) the user's state is read first; active means the email went out.
 * Resends wait as the HTTP core would (the shared lost-answer backoff). True once done; a
 * JumpCloudError when it could not be.
 */
export async function activateOnce(deps: ActivationDeps, row: RowPlan, progress: RowProgress, userId: string): Promise<true> {
	const {client, recorder, stop} = deps;
	let unsure = progress.pending.has('activate') || progress.failed?.step === 'activate';
	for (let attempt = 1; ; attempt++) {
		if (unsure) {
			const user = await client.users.get(userId, ['state']);
			if (user.state === 'ACTIVATED') {
				recorder.markDone(row, 'activate', 'found active');
				return true;
			}
		}
		stop.throwIfStopped();
		recorder.journal({t: 'intent', row: row.row, step: 'activate', at: now()});
		try {
			await client.users.activate(userId, row.activation ?? {kind: 'none'});
			recorder.markDone(row, 'activate');
			return true;
		} catch (error) {
			stop.throwIfStopped();
			// A 2xx that could not be read (not JSON, cut off) may have activated the user too.
			const lost = error instanceof JumpCloudError && (error.unreadableSuccess || error.kind === 'timeout' || error.kind === 'network' || error.kind === 'server');
			// Sent again only after the state read proves it did not go through (the loop's head).
			if (!lost || attempt >= lostAnswerBackoff.maxAttempts) throw error;
			recorder.journal({t: 'lost', row: row.row, step: 'activate', at: now(), kind: error.kind, ...(error.status ? {status: error.status} : {})});
			unsure = true;
			await stop.wait(backoffDelay(attempt, lostAnswerBackoff));
		}
	}
}
