import {openCsv, type CsvOverrides, type CsvRow} from '../csv/index.js';
import {catalogEntry} from '../mapping/catalog.js';
import type {Mapping} from '../mapping/mapping.js';
import {secretCells} from '../mapping/secret-columns.js';
import {applyEdits, indexEdits, type CellEdit} from '../users/cell-edits.js';
import type {WizardState} from './state/wizard-state.js';

export type DetailCell = NonNullable<NonNullable<WizardState['preview']['detail']>['cells']>[number];

/**
 * Every row's cells as the file held them while it was planned, so the row detail opens at once
 * without reading the file again (at 100,000 rows, finding the last row meant reading them all).
 * One JSON string per row; password cells are never kept.
 */
export class RowCells {
	private constructor(private readonly rows: ReadonlyMap<number, string>) {}

	/** Kept as rows go by (planning's own read of the file: `add` is its `onSourceRow`), then `done`. */
	static collect(mapping: Mapping): {add: (row: CsvRow) => void; done: () => RowCells} {
		// A yes/no cell of a column headed "password…" is a setting and is kept; the screen still hides
		// the column when its values are not all yes/no.
		const withheld = secretCells(mapping);
		const rows = new Map<number, string>();
		return {
			add: (source) => rows.set(source.row, JSON.stringify(source.cells.map((cell, column) => (withheld(column, cell) ? '' : cell)))),
			done: () => new RowCells(rows),
		};
	}

	/** Reads the file once, for a plan made without collecting them (a resume's). */
	static async read(file: string, overrides: CsvOverrides, mapping: Mapping): Promise<RowCells> {
		const cells = RowCells.collect(mapping);
		const csv = await openCsv(file, overrides);
		for await (const batch of csv.batches()) for (const source of batch) cells.add(source);
		return cells.done();
	}

	/** One row as the detail shows it, edits applied and passwords withheld; undefined when the file had no such row. */
	detail(row: number, mapping: Mapping, edits: readonly CellEdit[], secret: ReadonlySet<number>): DetailCell[] | undefined {
		const kept = this.rows.get(row);
		if (kept === undefined) return undefined;
		const edited = applyEdits({row, line: 0, cells: JSON.parse(kept) as string[]}, indexEdits(edits, mapping));
		return mapping.columns.map((column) => {
			const hidden = secret.has(column.index) || (column.target !== null && catalogEntry(column.target)?.kind === 'password');
			return {column: column.index, header: column.header, target: column.target, value: hidden ? '' : (edited.cells[column.index] ?? ''), secret: hidden};
		});
	}
}
