import type {JournalRecord, RowStep} from './journal.js';
import {unknownOffsetMs} from '../jumpcloud/server-clock.js';
import {attemptWindow, type CreateAttempt, type TimeWindow} from './provenance.js';

/** What the journal says of one row. */
export type RowProgress = {
	row: number;
	/** The user this import created for the row (or found after a lost answer). */
	userId?: string;
	/** Steps with an outcome of done. */
	done: Set<RowStep>;
	/** Steps sent (intent written) with no outcome yet: the answer was lost, or the process died. */
	pending: Set<RowStep>;
	/** The last failure, while the row has not since succeeded. */
	failed?: {step: RowStep; error: string; kind?: string};
	skipped?: {reason: string; userId?: string};
	/** The username and email of the last create sent, to look the user up after a lost answer. */
	identity?: {username?: string; email?: string};
	/** The last create's fingerprint of the row's details (provenance compares a found user with it). */
	fingerprint?: string;
	/** Creates sent whose outcome is unknown (answer lost, process died), until the row has its user. */
	attempts: CreateAttempt[];
	/** How the user is known to be this import's: `created` as JumpCloud stamped it, or the span it was created in. */
	origin?: {created?: string; window?: TimeWindow; reconciled: boolean};
	/** A rollback deleted (or began to delete) this row's user. */
	rolledBack?: boolean;
};

export type ImportProgress = {rows: Map<number, RowProgress>; runs: number; finished: boolean; pid?: number};

/** Replays a journal, in order, into where every row stands. */
export function replay(records: readonly JournalRecord[]): ImportProgress {
	const progress = noProgress();
	for (const record of records) replayRecord(progress, record);
	return progress;
}

/** Where an import stands before its journal says anything. */
export function noProgress(): ImportProgress {
	return {rows: new Map(), runs: 0, finished: false};
}

/** The next journal record replayed into `progress`. */
export function replayRecord(progress: ImportProgress, record: JournalRecord): void {
	if (record.t === 'run') {
		if (record.event === 'started') Object.assign(progress, {runs: progress.runs + 1, finished: false, pid: record.pid});
		if (record.event === 'finished') progress.finished = true;
	} else applyRecord(progress.rows, record);
}

/**
 * What one journal line means for its row. Replay and the live run both go through here, so a
 * resume sees exactly what the run that wrote the journal saw.
 */
export function applyRecord(rows: Map<number, RowProgress>, record: Exclude<JournalRecord, {t: 'run'}>): RowProgress {
	let progress = rows.get(record.row);
	if (!progress) rows.set(record.row, (progress = newRowProgress(record.row)));
	switch (record.t) {
		case 'intent':
			progress.pending.add(record.step);
			if (record.step === 'create') {
				if (record.username || record.email) progress.identity = {username: record.username, email: record.email};
				if (record.fp) progress.fingerprint = record.fp;
				const [low, high] = record.clock ?? [-unknownOffsetMs, unknownOffsetMs];
				progress.attempts.push({sentAt: Date.parse(record.at), clock: {low, high}, state: 'in-flight'});
			}
			if (record.step === 'delete') progress.rolledBack = true;
			break;
		case 'done':
			progress.pending.delete(record.step);
			progress.done.add(record.step);
			if (record.step === 'create' && record.userId) {
				progress.userId = record.userId;
				// Answered directly, the user was made between the intent and this line.
				const last = progress.attempts.at(-1);
				const window = last && !record.reconciled ? attemptWindow({sentAt: last.sentAt, clock: last.clock, state: 'lost', lostAt: Date.parse(record.at), answered: true}) : undefined;
				progress.origin = {reconciled: record.reconciled === true, ...(record.created ? {created: record.created} : {}), ...(window ? {window} : {})};
				progress.attempts = [];
			}
			if (record.step === 'delete') {
				progress.done.delete('create');
				delete progress.userId;
				delete progress.origin;
			}
			if (progress.failed?.step === record.step) delete progress.failed;
			break;
		case 'lost': {
			// Any other step stays pending: its outcome is unknown until it is checked (an activation's
			// state is read before it is sent again, so a crash now never means a second email).
			if (record.step !== 'create') break;
			progress.pending.delete('create');
			const last = progress.attempts.at(-1);
			if (last?.state !== 'in-flight') break;
			if (record.kind === 'interrupted') last.state = 'interrupted';
			else Object.assign(last, {state: 'lost', lostAt: Date.parse(record.at), answered: record.status === 500 || record.status === 503});
			break;
		}
		case 'failed':
			progress.pending.delete(record.step);
			progress.failed = {step: record.step, error: record.error, ...(record.kind ? {kind: record.kind} : {})};
			if (record.step === 'create') dropAnswered(progress);
			break;
		case 'refused':
			progress.pending.delete(record.step);
			if (record.step === 'create') dropAnswered(progress);
			break;
		case 'not-ours':
			progress.pending.delete('create');
			progress.attempts = [];
			break;
		case 'skipped':
			progress.pending.delete('create');
			progress.skipped = {reason: record.reason, ...(record.userId ? {userId: record.userId} : {})};
			// Settled: the user there is someone else's, so none of this row's creates made one.
			progress.attempts = [];
			break;
	}
	return progress;
}

export function newRowProgress(row: number): RowProgress {
	return {row, done: new Set(), pending: new Set(), attempts: []};
}

/**
 * A create answered outright (refused with 429, or an error that says nothing was made) created
 * nothing: it is not an attempt to account for. One whose answer was lost stays one.
 */
function dropAnswered(progress: RowProgress) {
	if (progress.attempts.at(-1)?.state === 'in-flight') progress.attempts.pop();
}

/** Whether a rollback has touched this import: it is not to be resumed. */
export function wasRolledBack(progress: ImportProgress): boolean {
	for (const row of progress.rows.values()) if (row.rolledBack) return true;
	return false;
}

/** Stopped before its end and not rolled back: an import to offer for resume. */
export function isUnfinished(progress: ImportProgress): boolean {
	return !progress.finished && !wasRolledBack(progress);
}

/** Rows with creates whose outcome is unknown (answer lost, or cut off by a crash): the user may exist. */
export function unsettledCreates(progress: ImportProgress): RowProgress[] {
	const unsettled: RowProgress[] = [];
	for (const row of progress.rows.values()) if (row.attempts.length > 0 && !row.userId && !row.skipped) unsettled.push(row);
	return unsettled;
}

/** Rows whose user exists because of this import (and has not been rolled back). */
export function createdUsers(progress: ImportProgress): Array<{row: number; userId: string}> {
	const users: Array<{row: number; userId: string}> = [];
	for (const row of progress.rows.values()) if (row.userId !== undefined && row.done.has('create')) users.push({row: row.row, userId: row.userId});
	return users.sort((a, b) => a.row - b.row);
}
