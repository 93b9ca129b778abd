import {cleanCell} from '../csv/clean-cell.js';
import {ExpectedError} from '../lib/exit-codes.js';
import {catalogEntry} from '../mapping/catalog.js';
import type {Mapping} from '../mapping/mapping.js';
import type {SourceRow} from './build-user.js';

/**
 * One cell the admin changed in the preview. `row` is the reader's row number (1-based, blank rows
 * not counted: the `row` of a RowIssue), `column` the header's index. Kept in the manifest, so
 * never a password.
 */
export type CellEdit = {row: number; column: number; value: string};

/** Edits by row, then by column: what is looked up for every row of the file. */
export type CellEdits = ReadonlyMap<number, ReadonlyMap<number, string>>;

/** An edit that may not be kept: a cell of a password column (edits are saved to disk), or of no column. */
export class CellEditError extends ExpectedError {
	override name = 'CellEditError';
}

/** Whether a column's cells may be edited: it exists, and it does not feed a password (edits go to disk). */
export function canEditColumn(mapping: Mapping, column: number): boolean {
	const mapped = mapping.columns.find((each) => each.index === column);
	if (!mapped) return false;
	return mapped.target === null || catalogEntry(mapped.target)?.kind !== 'password';
}

/** The edits with this one added; an earlier edit of the same cell is replaced. */
export function withEdit(edits: readonly CellEdit[], edit: CellEdit): CellEdit[] {
	return [...withoutEdit(edits, edit.row, edit.column), {row: edit.row, column: edit.column, value: edit.value}];
}

/** The edits without the one of this cell: the file's own value comes back. */
export function withoutEdit(edits: readonly CellEdit[], row: number, column: number): CellEdit[] {
	return edits.filter((each) => each.row !== row || each.column !== column);
}

/**
 * Indexes edits for `applyEdits`, the last edit of a cell winning. Throws CellEditError for an
 * edit of a password column or of a column the file does not have.
 */
export function indexEdits(edits: readonly CellEdit[], mapping: Mapping): CellEdits {
	const byRow = new Map<number, Map<number, string>>();
	for (const edit of edits) {
		if (!canEditColumn(mapping, edit.column)) {
			const header = mapping.columns.find((each) => each.index === edit.column)?.header;
			throw new CellEditError(
				header === undefined ? `Row ${edit.row}: the file has no column ${edit.column + 1} to edit.` : `Row ${edit.row}: column ${header} holds passwords, which are never edited (edits are saved with the import).`,
			);
		}
		let columns = byRow.get(edit.row);
		if (!columns) byRow.set(edit.row, (columns = new Map()));
		columns.set(edit.column, edit.value);
	}
	return byRow;
}

/**
 * The row with its edits: the same object when it has none, else a copy with its own cells (the
 * reader's arrays are left alone). An edited value is cleaned like a cell read from the file, and
 * is no longer reported as cleaned.
 */
export function applyEdits<T extends SourceRow>(row: T, edits: CellEdits): T {
	const columns = edits.get(row.row);
	if (!columns) return row;
	const cells = [...row.cells];
	for (const [column, value] of columns) if (column < cells.length) cells[column] = cleanCell(value);
	const cleaned = row.cleaned?.filter((column) => !columns.has(column));
	const controls = row.controls?.filter((column) => !columns.has(column));
	const edited: T = {...row, cells};
	if (cleaned && cleaned.length > 0) edited.cleaned = cleaned;
	else delete edited.cleaned;
	if (controls && controls.length > 0) edited.controls = controls;
	else delete edited.controls;
	return edited;
}
