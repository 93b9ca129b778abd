import type {ImportProgress, RowProgress} from './progress.js';
import type {RowPlan} from './row-plan.js';
import {isComplete, type RunCounts} from './row-standing.js';

/*
 * The rows at the head of a file that earlier runs finished with, kept in a checkpoint so a resume
 * neither replays their journal nor plans them again (checkpoint.ts): what the run still needs of
 * them (their counts, the users they made, for later rows naming them as managers); their results
 * lines wait in a file of their own until the reports are written (settled-results.ts).
 */

/** Where the rows after the settled ones start: the row, its line, its place in the file's plan, and a digest of its cells (a read from there must find it). */
export type NextRow = {row: number; line: number; index: number; digest: number};

export type SettledCounts = Pick<RunCounts, 'rows' | 'created' | 'usersCreated' | 'skipped' | 'failed' | 'invalid'>;

export type SettledRows = {
	next: NextRow;
	counts: SettledCounts;
	/** The rows whose user this import made, ascending, and those users (`createdIds[i]` is row `createdRows[i]`'s). */
	createdRows: Int32Array;
	createdIds: string[];
	/** How much of the settled results file holds these rows' results lines. */
	resultsBytes: number;
};

/**
 * Whether a row is final: no resume would touch it again and no later decision changes its plan.
 * A row whose manager still waits (for a later row, the read ahead or the whole file) is not, nor is a row with a request whose answer is
 * unknown. A failed row is, for a resume; a retry of the failed rows writes no checkpoint.
 */
export function isSettled(plan: RowPlan, progress: RowProgress | undefined): boolean {
	if (plan.action === 'invalid') return true;
	if (!progress || progress.pending.size > 0) return false;
	// A create whose outcome is unknown, even on a row that failed since: a resume looks the user up.
	if (progress.attempts.length > 0 && !progress.userId && !progress.skipped) return false;
	if (plan.manager && 'pending' in plan.manager) return false;
	if (progress.skipped || progress.failed) return true;
	return progress.userId !== undefined && isComplete(plan, progress);
}

/** `earlier` followed by `rows` (each settled, their results lines now up to `resultsBytes`), for the next checkpoint. */
export function settle(earlier: SettledRows | undefined, rows: readonly RowPlan[], progress: ImportProgress, next: NextRow, resultsBytes: number): SettledRows {
	const counts: SettledCounts = earlier ? {...earlier.counts} : {rows: 0, created: 0, usersCreated: 0, skipped: 0, failed: 0, invalid: 0};
	const createdRows: number[] = [];
	const createdIds: string[] = [];
	for (const plan of rows) {
		const state = progress.rows.get(plan.row);
		counts.rows++;
		if (state?.userId && state.done.has('create')) {
			counts.usersCreated++;
			createdRows.push(plan.row);
			createdIds.push(state.userId);
		}
		if (plan.action === 'invalid') counts.invalid++;
		else if (state?.skipped) counts.skipped++;
		else if (state?.failed) counts.failed++;
		else counts.created++;
	}
	const joinedRows = new Int32Array((earlier?.createdRows.length ?? 0) + createdRows.length);
	if (earlier) joinedRows.set(earlier.createdRows);
	joinedRows.set(createdRows, earlier?.createdRows.length ?? 0);
	return {next, counts, createdRows: joinedRows, createdIds: [...(earlier?.createdIds ?? []), ...createdIds], resultsBytes};
}

/** The user a settled row made, if it made one. */
export function settledUserId(settled: SettledRows, row: number): string | undefined {
	const rows = settled.createdRows;
	let low = 0;
	let high = rows.length - 1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		const at = rows[middle]!;
		if (at === row) return settled.createdIds[middle];
		if (at < row) low = middle + 1;
		else high = middle - 1;
	}
	return undefined;
}

/** A whole run's counts: the settled rows' and those of the rows it read. */
export function withSettled(counts: RunCounts, settled: SettledRows | undefined): RunCounts {
	if (!settled) return counts;
	const before = settled.counts;
	return {
		...counts,
		rows: counts.rows + before.rows,
		created: counts.created + before.created,
		usersCreated: counts.usersCreated + before.usersCreated,
		skipped: counts.skipped + before.skipped,
		failed: counts.failed + before.failed,
		invalid: counts.invalid + before.invalid,
	};
}
