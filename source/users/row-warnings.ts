import type {SourceRow} from './built-row.js';
import type {CompiledMapping} from './compiled-mapping.js';
import type {RowDraft} from './row-draft.js';

/** What the CSV reader changed or dropped in a row: cleaned cells, and fields past the header. */
export function warnAboutReading(draft: RowDraft, source: SourceRow, compiled: CompiledMapping): void {
	const cells = source.cells;
	if (source.cleaned) {
		for (const index of source.cleaned) {
			const header = compiled.headerOfIndex.get(index);
			if (header === undefined) continue;
			const shown = compiled.passwordColumns.has(index) ? 'the password' : compiled.quietColumns.has(index) ? 'the value' : cells[index] === '' ? 'a blank value' : cells[index];
			if (source.controls?.includes(index)) draft.warn(header, `control characters removed: ${shown} is sent`);
			else draft.warn(header, `${shown} was cleaned of invisible characters or outer spaces`);
		}
	}
	if (source.fieldCount !== undefined && source.fieldCount > compiled.headerCount) {
		draft.warn(null, `the row has ${source.fieldCount} fields but the header has ${compiled.headerCount}; the extra ones are ignored`);
	}
}
