import type {CompiledMapping} from './compiled-mapping.js';
import type {RowDraft} from './row-draft.js';
import type {UniqueInFile} from './unique-in-file.js';
import {usernamePattern, usernameProblem} from './username-rules.js';

const printableAscii = /^[\x21-\x7e]+$/;

/**
 * The row's username and email (present and well formed), then each unique field against the
 * earlier rows of the file. A derived username's problems are reported on the email's column.
 */
export function checkIdentity(draft: RowDraft, compiled: CompiledMapping, unique: UniqueInFile): void {
	const {fields, row} = draft;
	const {emailHeader} = compiled;
	const username = fields.username;
	const usernameHeader = draft.usernameDerived ? emailHeader : (compiled.headerOf.get('username') ?? null);
	if (!username) draft.error(usernameHeader, 'username is missing');
	else if (!usernamePattern.test(username)) draft.error(usernameHeader, usernameProblem(username));
	else if (username.length > 20) draft.warn(usernameHeader, `username ${username} is over 20 characters: too long to sign in to Windows devices`);
	const emailRejected = draft.hasErrorIn(emailHeader);
	if (!fields.email && !emailRejected) draft.error(emailHeader, 'email is missing');
	else if (fields.email && !printableAscii.test(fields.email)) draft.warn(emailHeader, `${fields.email} has non-ASCII characters, which many mail systems refuse`);

	let at: {row: number; line: number} | undefined;
	for (const {field, header} of compiled.uniqueChecks) {
		const value = fields[field];
		if (!value || draft.hasErrorIn(header)) continue;
		const earlier = unique.claim(field, value, (at ??= {row: row.row, line: row.line}));
		if (earlier) draft.error(field === 'username' ? usernameHeader : (header ?? null), `${field} ${value} is also on row ${earlier.row} (line ${earlier.line})`);
	}
}

/**
 * The username and email a row with errors had, for reports: the value read, or else the cell
 * as written (an email refused as one is still what the row had). None from a column headed password.
 */
export function identityOfFailedRow(draft: RowDraft, compiled: CompiledMapping): {username?: string; email?: string} {
	if (compiled.identityQuiet) return {};
	const username = had(draft, draft.fields.username, compiled.usernameIndex);
	const email = had(draft, draft.fields.email, compiled.emailIndex);
	return {...(username ? {username} : {}), ...(email ? {email} : {})};
}

function had(draft: RowDraft, value: string | undefined, index: number | undefined): string {
	return value || (index === undefined ? '' : (draft.row.cells[index] ?? ''));
}
