import type {RowStep} from './journal.js';
import {summarize} from './plan-summary.js';
import type {PlanSummary, RowPlan} from './row-plan.js';
import type {RowProgress} from './progress.js';

/*
 * Where a row stands, from its plan and what the journal says of it: the steps it takes, whether
 * they are all done, whether a run has work for it, and the counts of a whole plan.
 */

/** `created`: rows done with every step; `usersCreated`: rows whose user exists, steps done or not. */
export type RunCounts = {rows: number; created: number; usersCreated: number; skipped: number; failed: number; invalid: number; remaining: number; throttled: number};

/** The journaled steps of a row, in the order they run. */
export function stepsOf(row: RowPlan): RowStep[] {
	return [
		'create',
		...row.groups.map((group) => `group:${group.id}`),
		...row.systems.map((system) => `system:${system.id}`),
		...(row.finalState === 'ACTIVATED' ? ['activate'] : []),
	];
}

/** Every step of the row is done. */
export function isComplete(row: RowPlan, progress: RowProgress): boolean {
	// stepsOf's steps, asked without building the list: a resume asks this of every finished row.
	const {done} = progress;
	if (!done.has('create')) return false;
	for (const group of row.groups) if (!done.has(`group:${group.id}`)) return false;
	for (const system of row.systems) if (!done.has(`system:${system.id}`)) return false;
	return row.finalState !== 'ACTIVATED' || done.has('activate');
}

/** Whether a run has something to do for the row (a retry: only for rows that failed). */
export function needsWork(row: RowPlan, progress: RowProgress | undefined, retryFailed: boolean): boolean {
	if (row.action === 'invalid') return false;
	if (retryFailed) return progress?.failed !== undefined;
	if (progress?.skipped || progress?.failed) return false;
	if (row.action === 'skip') return true;
	return !(progress?.userId && isComplete(row, progress));
}

/** Where every row stands. */
export function countRows(rows: readonly RowPlan[], progressOf: (row: number) => RowProgress | undefined, throttled: number): RunCounts {
	const counts: RunCounts = {rows: rows.length, created: 0, usersCreated: 0, skipped: 0, failed: 0, invalid: 0, remaining: 0, throttled};
	for (const row of rows) {
		const progress = progressOf(row.row);
		if (progress?.userId && progress.done.has('create')) counts.usersCreated++;
		if (row.action === 'invalid') counts.invalid++;
		else if (progress?.skipped) counts.skipped++;
		else if (progress?.failed) counts.failed++;
		else if (progress?.userId && isComplete(row, progress)) counts.created++;
		else counts.remaining++;
	}
	return counts;
}

/**
 * The emails a resume (or a retry) still sends: a row's email goes with its activation, so a row
 * activated already sent it, and a row the run passes over sends none.
 */
export function emailsStillToSend(rows: readonly RowPlan[], progressOf: (row: number) => RowProgress | undefined, retryFailed: boolean): PlanSummary['emails'] {
	return summarize(rows.filter((row) => row.emailSent && needsWork(row, progressOf(row.row), retryFailed) && !progressOf(row.row)?.done.has('activate'))).emails;
}
