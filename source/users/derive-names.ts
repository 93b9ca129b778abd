import {joinName, splitFullName, usernameFromEmail} from '../mapping/derive.js';
import type {CompiledMapping} from './compiled-mapping.js';
import type {RowDraft} from './row-draft.js';

/**
 * Fills the names the row lacks from those it has, as the mapping's enabled derivations say: the
 * username from the email, the display name from first and last, first and last from the display name.
 */
export function deriveNames(draft: RowDraft, compiled: CompiledMapping, checkOnly: boolean): void {
	const {fields, derived} = draft;
	if (!fields.username && compiled.deriveUsername && fields.email) {
		const username = usernameFromEmail(fields.email);
		if (username) {
			fields.username = username;
			derived.push('username');
			draft.usernameDerived = true;
		}
	}
	// Checking only, a derived display name is never read: the names split from it below only when both are missing.
	if (!checkOnly && !fields.displayname && compiled.deriveDisplayname && (fields.firstname || fields.lastname)) {
		fields.displayname = fields.firstname && fields.lastname ? joinName(fields.firstname, fields.lastname) : (fields.firstname ?? fields.lastname)!;
		derived.push('displayname');
	}
	if (fields.displayname && !fields.firstname && !fields.lastname && (compiled.deriveFirstname || compiled.deriveLastname)) {
		const {firstname, lastname} = splitFullName(fields.displayname);
		if (compiled.deriveFirstname && firstname) (fields.firstname = firstname), derived.push('firstname');
		if (compiled.deriveLastname && lastname) (fields.lastname = lastname), derived.push('lastname');
	}
}
