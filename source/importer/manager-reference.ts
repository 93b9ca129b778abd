import type {UserCreate} from '../jumpcloud/types.js';
import {cnOf, dnValue, parseDn} from '../lib/distinguished-name.js';

/*
 * How a manager cell names someone, as HR exports give it: a username, an email, a JumpCloud user
 * id, a display name ("Marie Curie"), or an LDAP distinguished name ("CN=Marie Curie,OU=Staff,...",
 * "uid=mcurie,ou=People,..."). JumpCloud keeps no DN for its users, so a DN is matched by its parts:
 * its uid (else its CN) as a username, its CN as a display name.
 */

export type ManagerReference = {
	/** The cell as the file gives it (what warnings quote). */
	cell: string;
	/** Compared (lowercased) with usernames, emails and ids. */
	asUser: string;
	/** Compared with display names (see `nameKey`). */
	asName: string;
	/** `asUser` lowercased. */
	key: string;
	/** `asName` as compared. */
	name: string;
};

export function managerReference(cell: string): ManagerReference {
	const dn = /^\s*(cn|uid)\s*=/i.test(cell) && parseDn(cell) ? cell : undefined;
	const cn = dn ? cnOf(dn) : undefined;
	const asUser = (dn ? (dnValue(dn, 'uid') ?? cn) : undefined) ?? cell;
	const asName = cn ?? asUser;
	return {cell, asUser, asName, key: asUser.toLowerCase(), name: nameKey(asName)};
}

/**
 * A display name as it is compared: trimmed and case folded, nothing else, so a lookup of the directory (an
 * anchored case-insensitive search) and a listing of it give the same answers.
 */
export function nameKey(name: string): string {
	return name.trim().toLowerCase();
}

/** How a row to create can be named as a manager: its display name, else first and last name. */
export function displayNameOf(payload: UserCreate): string | undefined {
	if (payload.displayname) return payload.displayname;
	const full = [payload.firstname, payload.lastname].filter(Boolean).join(' ');
	return full === '' ? undefined : full;
}
