import type {Mapping} from '../mapping/mapping.js';
import {createUserBuilder, type BuildOptions, type BuiltRow, type SourceRow} from './build-user.js';
import {applyEdits, indexEdits, type CellEdit} from './cell-edits.js';
import type {RowIssue} from './row-issue.js';

/** Rows by outcome: no issue, warnings only, at least one error. */
export type RowSummary = {valid: number; warnings: number; errors: number};

/**
 * Builds every row of a file, streaming: only the issues are kept (and whatever `onRow` keeps),
 * so a large file costs memory for its problems, not its rows. The admin's cell edits are laid
 * over each row first; an edit of a password column throws CellEditError before any row is read.
 */
export async function checkRows(
	batches: AsyncIterable<readonly SourceRow[]>,
	mapping: Mapping,
	options: BuildOptions & {onRow?: (built: BuiltRow) => void; edits?: readonly CellEdit[]},
): Promise<{issues: RowIssue[]; summary: RowSummary}> {
	const edits = indexEdits(options.edits ?? [], mapping);
	const build = createUserBuilder(mapping, options);
	const issues: RowIssue[] = [];
	const summary: RowSummary = {valid: 0, warnings: 0, errors: 0};
	// Batches, not single rows: one await per chunk of the file instead of one per row.
	for await (const batch of batches) {
		for (const row of batch) {
			const built = build(edits.size > 0 ? applyEdits(row, edits) : row);
			if (built.issues.length === 0) summary.valid++;
			else {
				let error = false;
				for (const issue of built.issues) {
					issues.push(issue);
					if (issue.severity === 'error') error = true;
				}
				if (error) summary.errors++;
				else summary.warnings++;
			}
			options.onRow?.(built);
		}
	}
	return {issues, summary};
}
