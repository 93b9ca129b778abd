import type {UserCreate} from '../jumpcloud/types.js';
import type {CreateOnce} from './create-once.js';
import type {HardStop} from './hard-stop.js';
import {withoutManagerRow} from './manager-notes.js';
import {isManagerWarning} from './manager-resolution.js';
import type {RowPlan} from './row-plan.js';
import type {RowProgress} from './progress.js';
import type {RowQueue} from './row-queue.js';
import type {RunRecorder} from './run-recorder.js';

/**
 * The create schema, loaded when this module is: zod is a hundred modules, a tenth of a second to
 * load, so it loads while the plan and the directory are read rather than before.
 */
const createSchema = import('../users/user-schema.js').then((module) => module.userCreateSchema);

export type RowUserDeps = {
	creator: CreateOnce;
	recorder: RunRecorder;
	queue: RowQueue;
	stop: HardStop;
	/** A user found at create time that this import did not make: reported and left alone, or an error. */
	existing: 'skip' | 'fail';
};

/**
 * The row's user, created once (create-once.ts) with its manager filled in and the body checked
 * last; undefined when it failed or exists already (journaled and told either way).
 */
export async function createRowUser(deps: RowUserDeps, row: RowPlan, progress: RowProgress): Promise<string | undefined> {
	const {recorder} = deps;
	let body: UserCreate = row.body!;
	let note: string | undefined;
	// The queue holds such a row back until the plan is whole: never sent undecided (left open for a resume).
	if (row.manager && 'pending' in row.manager) return undefined;
	if (row.manager && 'row' in row.manager) {
		// Settled already (the queue hands a row out once its manager's row is): its user, or none.
		const managerId = await deps.stop.until(deps.queue.userOfRow(row.manager.row));
		if (managerId) body = {...body, manager: managerId};
		else note = withoutManagerRow(row.manager.row);
	} else if (row.manager) {
		body = {...body, manager: row.manager.userId};
	}
	// The schema is the last word before anything is sent.
	const checked = (await createSchema).safeParse(body);
	if (!checked.success) {
		const problem = checked.error.issues[0]!;
		return recorder.fail(row, 'create', `${String(problem.path[0] ?? 'row')}: ${problem.path[0] === 'password' ? 'invalid password' : problem.message}`);
	}
	// A manager the plan could not tell (nobody, several people, a cycle) is said where the user is created.
	note ??= row.issues.filter(isManagerWarning).map((issue) => issue.message).join(' | ') || undefined;
	const result = await deps.creator.create(row.row, body, progress);
	switch (result.kind) {
		case 'created':
			recorder.emit({type: 'row-created', row: row.row, username: row.username ?? '', userId: result.userId, reconciled: result.reconciled, ...(note ? {note} : {})});
			return result.userId;
		case 'exists': {
			// Made since the plan was checked, by someone else: the existing-users policy, as in preflight.
			const what = `already exists in JumpCloud (not created by this import: ${result.reason})`;
			if (deps.existing === 'skip') recorder.skip(row, result.userId, what);
			else recorder.fail(row, 'create', `${row.username ?? ''} ${what}`, 'exists');
			return undefined;
		}
		case 'failed':
			return recorder.fail(row, 'create', result.error, result.errorKind);
	}
}
