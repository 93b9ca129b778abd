import type {JournalRecord, Step} from './journal.js';

/** What the journal says of one row. */
export type RowProgress = {
	row: number;
	/** The user this import created for the row (or found after a lost answer). */
	userId?: string;
	/** Steps with an outcome of done. */
	done: Set<Step>;
	/** Steps sent (intent written) with no outcome yet: the answer was lost, or the process died. */
	pending: Set<Step>;
	/** The last failure, while the row has not since succeeded. */
	failed?: {step: Step; error: string; kind?: string};
	skipped?: {reason: string; userId?: string};
	/** The username and email of the last create sent, to look the user up after a lost answer. */
	identity?: {username?: string; email?: string};
	/** A rollback deleted (or began to delete) this row's user. */
	rolledBack?: boolean;
};

export type ImportProgress = {rows: Map<number, RowProgress>; runs: number; finished: boolean; pid?: number};

/** Replays a journal, in order, into where every row stands. */
export function replay(records: readonly JournalRecord[]): ImportProgress {
	const rows = new Map<number, RowProgress>();
	const at = (row: number) => {
		let progress = rows.get(row);
		if (!progress) rows.set(row, (progress = {row, done: new Set(), pending: new Set()}));
		return progress;
	};
	let runs = 0;
	let finished = false;
	let pid: number | undefined;
	for (const record of records) {
		switch (record.t) {
			case 'run':
				if (record.event === 'started') (runs++, (finished = false), (pid = record.pid));
				if (record.event === 'finished') finished = true;
				break;
			case 'intent': {
				const progress = at(record.row);
				progress.pending.add(record.step);
				if (record.step === 'create' && (record.username || record.email)) progress.identity = {username: record.username, email: record.email};
				if (record.step === 'delete') progress.rolledBack = true;
				break;
			}
			case 'done': {
				const progress = at(record.row);
				progress.pending.delete(record.step);
				progress.done.add(record.step);
				if (record.step === 'create' && record.userId) progress.userId = record.userId;
				if (record.step === 'delete') {
					progress.done.delete('create');
					delete progress.userId;
				}
				if (progress.failed?.step === record.step) delete progress.failed;
				break;
			}
			case 'failed': {
				const progress = at(record.row);
				progress.pending.delete(record.step);
				progress.failed = {step: record.step, error: record.error, ...(record.kind ? {kind: record.kind} : {})};
				break;
			}
			case 'refused':
				at(record.row).pending.delete(record.step);
				break;
			case 'skipped':
				at(record.row).skipped = {reason: record.reason, ...(record.userId ? {userId: record.userId} : {})};
				break;
		}
	}
	return {rows, runs, finished, ...(pid !== undefined ? {pid} : {})};
}

/** Whether a rollback has touched this import: it is not to be resumed. */
export function wasRolledBack(progress: ImportProgress): boolean {
	return [...progress.rows.values()].some((row) => row.rolledBack);
}

/** Stopped before its end and not rolled back: an import to offer for resume. */
export function isUnfinished(progress: ImportProgress): boolean {
	return !progress.finished && !wasRolledBack(progress);
}

/** Rows whose create was sent with no answer recorded: the user may exist. */
export function pendingCreates(progress: ImportProgress): RowProgress[] {
	return [...progress.rows.values()].filter((row) => row.pending.has('create') && !row.userId);
}

/** Rows whose user exists because of this import (and has not been rolled back). */
export function createdUsers(progress: ImportProgress): Array<{row: number; userId: string}> {
	return [...progress.rows.values()]
		.filter((row) => row.userId !== undefined && row.done.has('create'))
		.map((row) => ({row: row.row, userId: row.userId!}))
		.sort((a, b) => a.row - b.row);
}
