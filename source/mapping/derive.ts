import type {Target} from './catalog.js';

export type DerivedTarget = 'username' | 'displayname' | 'firstname' | 'lastname';

/** A value filled in from other columns when its own column is missing; the user can switch it off. */
export type Derivation = {target: DerivedTarget; from: Target[]; rule: string; enabled: boolean};

/**
 * What can be derived given the targets that have columns: username from the email's local part,
 * display name from first + last, first and last from a single full-name column.
 * `enabled` carries over the user's earlier choice for the same target.
 */
export function derivations(mapped: ReadonlySet<Target>, previous: readonly Derivation[] = []): Derivation[] {
	const result: Array<Omit<Derivation, 'enabled'>> = [];
	if (!mapped.has('username') && mapped.has('email')) {
		result.push({target: 'username', from: ['email'], rule: "the email's local part, cleaned to JumpCloud's username rules"});
	}
	if (!mapped.has('displayname') && mapped.has('firstname') && mapped.has('lastname')) {
		result.push({target: 'displayname', from: ['firstname', 'lastname'], rule: 'first name, a space, last name (family name first in Chinese, Japanese and Korean names)'});
	}
	if (!mapped.has('firstname') && !mapped.has('lastname') && mapped.has('displayname')) {
		result.push({target: 'firstname', from: ['displayname'], rule: 'the full name but its last word ("Last, First" read as such)'});
		result.push({target: 'lastname', from: ['displayname'], rule: 'the last word of the full name ("Last, First" read as such)'});
	}
	return result.map((derivation) => ({
		...derivation,
		enabled: previous.find((earlier) => earlier.target === derivation.target)?.enabled ?? true,
	}));
}

/** `jane.o'neil+it@example.com` → `jane.oneil-it`: letters, digits, `.` `_` `-`, starting with a letter. */
export function usernameFromEmail(email: string): string {
	const local = email.split('@')[0] ?? '';
	return local
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/ß/g, 'ss')
		.replace(/\+/g, '-')
		.replace(/[^A-Za-z0-9._-]/g, '')
		.replace(/^[^A-Za-z]+/, '')
		.replace(/[._-]+$/, '');
}

const eastAsian = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** `Ada` + `Lovelace` → `Ada Lovelace`; `花子` + `山田` → `山田 花子`, as Japanese, Chinese and Korean write a name. */
export function joinName(firstname: string, lastname: string): string {
	return eastAsian.test(firstname) && eastAsian.test(lastname) ? `${lastname} ${firstname}` : `${firstname} ${lastname}`;
}

/** `Ada Lovelace` → Ada / Lovelace; `Lovelace, Ada` → Ada / Lovelace; `Ada` → Ada / ''. */
export function splitFullName(fullName: string): {firstname: string; lastname: string} {
	const name = fullName.trim().replace(/\s+/g, ' ');
	const comma = name.indexOf(',');
	if (comma > 0) return {firstname: name.slice(comma + 1).trim(), lastname: name.slice(0, comma).trim()};
	const space = name.lastIndexOf(' ');
	if (space < 0) return {firstname: name, lastname: ''};
	return {firstname: name.slice(0, space), lastname: name.slice(space + 1)};
}
