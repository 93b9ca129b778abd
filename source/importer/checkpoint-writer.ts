import {writeCheckpoint, type PlanState} from './checkpoint.js';
import type {ImportFolder, Manifest} from './import-store.js';
import type {Journal} from './journal.js';
import type {PlanFeed} from './plan-feed.js';
import type {ImportProgress, RowProgress} from './progress.js';
import {rowResults} from './report.js';
import {appendSettledResults} from './settled-results.js';
import {isSettled, settle, type SettledRows} from './settled-rows.js';

/** How often a running import writes its checkpoint, so a crash leaves one not far behind. */
export const checkpointEveryMs = 30_000;

/** Rows settled since the last checkpoint below which a periodic one is not worth its write. */
const worthRows = 1000;

export type CheckpointSource = {
	folder: ImportFolder;
	manifest: Manifest;
	feed: PlanFeed;
	progress: ImportProgress;
	journal: Journal;
	plan: PlanState;
};

/**
 * Writes a running import's checkpoints (checkpoint.ts): at a row K before which every row of
 * the plan is settled, what a resume needs to start at K. The rows settled are folded in as they
 * go (their results lines written once, to the settled results file), so each write costs the rows
 * since the last one and the in-file state, not the whole import.
 */
export class CheckpointWriter {
	private settled: SettledRows | undefined;
	/** Feed rows before this index are in `settled`. */
	private upTo = 0;

	constructor(private readonly source: CheckpointSource) {
		this.settled = source.feed.settled;
	}

	/**
	 * Writes one when rows settled since the last (`always`: one or more; else a thousand or more).
	 * A checkpoint only saves time, so one that cannot be written (a full disk) is given up quietly:
	 * the journal, written before it, holds everything.
	 */
	write(always = false): void {
		const {feed, progress} = this.source;
		const rows = feed.rows;
		let index = this.upTo;
		while (index < rows.length && isSettled(rows[index]!, progress.rows.get(rows[index]!.row))) index++;
		// Everything planned is settled: the last row is read again (a checkpoint needs a row to start at).
		if (index === rows.length) {
			if (feed.complete) return;
			index--;
		}
		if (index <= this.upTo || (!always && index - this.upTo < worthRows)) return;
		const next = rows[index]!;
		const settling = rows.slice(this.upTo, index);
		const {folder} = this.source;
		try {
			const resultsBytes = appendSettledResults(folder.settledResultsPath, this.settled?.resultsBytes ?? 0, rowResults(settling, progress));
			this.settled = settle(this.settled, settling, progress, {row: next.row, line: next.line, index: feed.first + index, digest: this.source.plan.digestAt(index)}, resultsBytes);
			this.upTo = index;
			const after = new Map<number, RowProgress>();
			for (const [row, state] of progress.rows) if (row >= next.row) after.set(row, state);
			writeCheckpoint(folder, this.source.manifest, this.source.journal.length, {settled: this.settled, state: this.source.plan.inFile(next.row), rows: after, runs: progress.runs});
		} catch {
			// No checkpoint (a full disk): the last one stands, or the next resume reads the journal whole.
		}
	}
}
