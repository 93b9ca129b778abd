import {withProposals} from './custom-proposals.js';
import {withDerivations, type Mapping} from './mapping.js';
import {matchColumns, type ColumnSample, type DirectoryNames} from './match-columns.js';

/**
 * The mapping the matcher suggests for these columns, with custom attributes offered (not applied)
 * for unmapped per-user ones. Apart from mapping.ts, which edits a mapping: the matcher and its
 * lexicons load only where a mapping is suggested, never for a resume running its recorded one.
 */
export function autoMap(columns: readonly ColumnSample[], directory?: DirectoryNames): Mapping {
	return withDerivations(withProposals(matchColumns(columns, directory), columns), []);
}
