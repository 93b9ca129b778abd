import type {JumpCloudClient} from '../jumpcloud/client.js';
import {JumpCloudError} from '../jumpcloud/errors.js';
import {activateOnce} from './activation.js';
import type {HardStop} from './hard-stop.js';
import type {RowStep} from './journal.js';
import type {RowPlan} from './row-plan.js';
import type {RowProgress} from './progress.js';
import {now, type RunRecorder} from './run-recorder.js';

export type RowStepDeps = {client: JumpCloudClient; recorder: RunRecorder; stop: HardStop};

/**
 * One step after the row's user exists: a group membership, a device binding (admin when the file
 * says so) or the activation, framed in the journal. False when JumpCloud refused it (the row
 * fails, journaled); a hard stop throws Stopped and leaves the step open.
 */
export async function runRowStep(deps: RowStepDeps, row: RowPlan, progress: RowProgress, step: RowStep, userId: string): Promise<boolean> {
	const {client, recorder, stop} = deps;
	try {
		if (step === 'activate') return await activateOnce(deps, row, progress, userId);
		stop.throwIfStopped();
		recorder.journal({t: 'intent', row: row.row, step, at: now()});
		if (step.startsWith('group:')) await client.groups.addUser(step.slice('group:'.length), userId);
		else if (step.startsWith('system:')) {
			const system = row.systems.find((each) => `system:${each.id}` === step)!;
			await client.systems.bindUser(system.id, userId, system.admin ? {enabled: true, withoutPassword: false} : undefined);
		}
		recorder.markDone(row, step);
		return true;
	} catch (error) {
		stop.throwIfStopped();
		if (!(error instanceof JumpCloudError)) throw error;
		recorder.fail(row, step, error.message, error.kind);
		return false;
	}
}
