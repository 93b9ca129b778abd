import type {Mapping} from '../mapping/mapping.js';
import {warnAboutUnsentExclusion} from './account-settings.js';
import {assembleUser} from './assemble-user.js';
import type {BuildOptions, BuiltRow, SourceRow} from './built-row.js';
import {readCell} from './cell-readers.js';
import {compileMapping} from './compiled-mapping.js';
import {finishAttributes, readAttribute, readAttributePairPart} from './custom-attributes.js';
import {isAmbiguousDate} from './date-order.js';
import {deriveNames} from './derive-names.js';
import {checkIdentity, identityOfFailedRow} from './identity-checks.js';
import {RowDraft} from './row-draft.js';
import {warnAboutReading} from './row-warnings.js';
import {UniqueInFile} from './unique-in-file.js';

export type {BuildOptions, BuiltRow, PlannedUser, SourceRow} from './built-row.js';

/**
 * Compiles a mapping once into a function that turns each row into the create payload, or into
 * issues located by row, line and column. Blocking errors leave `user` undefined.
 *
 * Every cell is checked against the rule its attribute has in JumpCloud, so the payload meets
 * `userCreateSchema` by construction (the tests hold it to that); the schema itself is applied
 * again just before a user is sent, where its cost is nothing beside a request. Here it would
 * triple the time to check a 100,000-row file.
 *
 * The row being built lives in one draft, reset for each row, so building one allocates only what
 * the row keeps (no closures per row): the function is synchronous and never re-entered. The steps
 * run in this order: what reading the file changed, each cell, custom attributes, derived names,
 * identity checks, MFA settings, then the payload.
 */
export function createUserBuilder(mapping: Mapping, options: BuildOptions): (row: SourceRow) => BuiltRow {
	const checkOnly = options.checkOnly === true;
	const compiled = compileMapping(mapping, options);
	const {columns} = compiled;
	const unique = options.unique ?? new UniqueInFile();
	const draft = new RowDraft();

	return (source) => {
		draft.start(source);
		warnAboutReading(draft, source, compiled);

		const cells = source.cells;
		for (const column of columns) {
			const value = cells[column.index] ?? '';
			if (value === '') continue;
			const {header, target} = column;
			if (column.ambiguousDates && isAmbiguousDate(value, 'ambiguous')) {
				draft.warn(header, `ambiguous date ${value}: day and month could be either way round; sent as written`);
			}
			if (target.type === 'attribute') {
				readAttribute(draft, target.name, value);
				continue;
			}
			if (target.type === 'attribute-pair') {
				readAttributePairPart(draft, target.pair, target.part, value, header);
				continue;
			}
			const {entry} = target;
			if (entry.maxLength !== undefined && value.length > entry.maxLength) {
				draft.error(header, `${entry.label} is ${value.length} characters long; JumpCloud allows at most ${entry.maxLength}`);
				continue;
			}
			readCell(draft, entry, value, column, options);
		}
		finishAttributes(draft);

		deriveNames(draft, compiled, checkOnly);
		checkIdentity(draft, compiled, unique);
		warnAboutUnsentExclusion(draft, compiled, options.defaults);

		const {issues} = draft;
		if (checkOnly) return {row: source.row, line: source.line, issues};
		if (draft.hasError()) return {row: source.row, line: source.line, issues, ...identityOfFailedRow(draft, compiled)};
		return {row: source.row, line: source.line, user: assembleUser(draft, options.defaults), issues};
	};
}
