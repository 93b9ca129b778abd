import type {Journal, JournalRecord, RowStep} from './journal.js';
import type {RowPlan} from './row-plan.js';
import {applyRecord, newRowProgress, type RowProgress} from './progress.js';
import {redact} from '../lib/redact.js';
import type {RunnerEvent} from './runner-events.js';

/**
 * Where a run writes what happens to its rows: every line to the journal first, then to the row's
 * progress (as a replay would read it), then to the listeners. Passwords never reach either.
 */
export class RunRecorder {
	constructor(
		private readonly file: Journal,
		private readonly progress: Map<number, RowProgress>,
		private readonly onEvent: ((event: RunnerEvent) => void) | undefined,
	) {}

	/** Every line goes to the journal first, then means for the row what it means on replay. */
	journal(record: JournalRecord): void {
		this.file.append(record);
		if (record.t !== 'run') applyRecord(this.progress, record);
	}

	emit(event: RunnerEvent): void {
		this.onEvent?.(event);
	}

	/** The row's progress, begun now when the journal has none. */
	rowProgress(row: number): RowProgress {
		let progress = this.progress.get(row);
		if (!progress) this.progress.set(row, (progress = newRowProgress(row)));
		return progress;
	}

	markDone(row: RowPlan, step: RowStep, note?: string): void {
		this.journal({t: 'done', row: row.row, step, at: now(), ...(note ? {note} : {})});
		this.emit({type: 'step-done', row: row.row, step});
	}

	fail(row: RowPlan, step: RowStep, text: string, kind?: string): undefined {
		// Any answer may quote the row's password back (not only the create's): it never reaches the journal.
		const error = redact(text, [row.body?.password]);
		this.journal({t: 'failed', row: row.row, step, at: now(), error, ...(kind ? {kind} : {})});
		this.emit({type: 'row-failed', row: row.row, username: row.username ?? '', step, error});
		return undefined;
	}

	skip(row: RowPlan, userId: string | undefined, reason: string): void {
		const why = redact(reason, [row.body?.password]);
		this.journal({t: 'skipped', row: row.row, at: now(), reason: 'exists', ...(userId ? {userId} : {}), note: why});
		this.emit({type: 'row-skipped', row: row.row, username: row.username ?? '', reason: why});
	}
}

export const now = (): string => new Date().toISOString();
