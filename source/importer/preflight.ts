import type {BuiltRow} from '../users/build-user.js';
import type {DirectorySnapshot} from './directory-read.js';
import type {ImportOptions} from './options.js';
import {summarize} from './plan-summary.js';
import {withManager, type PlanSummary, type RowPlan} from './row-plan.js';
import {RowPlanner} from './row-planner.js';

/**
 * Checks every built row against the directory, before anything is created: existing users
 * (by username, email, employee ID, alternate email, case-insensitively), groups and devices the
 * file names, the manager, the password policy; and works out who gets which email.
 * On resume, `ownUsers` are users this import created: not conflicts. `unsettledRows` are rows
 * whose create this import sent with the outcome unknown: a user there may be the one it made,
 * so the row is planned as a create and the run settles it by provenance before sending anything.
 * One row at a time, for a plan run while it is made: row-planner.ts.
 */
export function preflight(
	built: readonly BuiltRow[],
	directory: DirectorySnapshot,
	options: ImportOptions,
	now: Date,
	ownUsers: ReadonlySet<string> = new Set(),
	unsettledRows: ReadonlySet<number> = new Set(),
): {rows: RowPlan[]; summary: PlanSummary} {
	const planner = new RowPlanner(directory, options, now, ownUsers, unsettledRows);
	if (!built.some((row) => row.user?.manager !== undefined)) planner.noManagersNamed();
	const rows = built.map((row) => planner.plan(row));
	for (const change of planner.finish()) rows[change.index] = withManager(rows[change.index]!, change);
	return {rows, summary: summarize(rows)};
}
