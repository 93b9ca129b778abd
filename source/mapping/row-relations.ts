import {isEmail} from '../lib/value-shapes.js';
import {cnOf, isDistinguishedName} from '../lib/distinguished-name.js';
import {isFullName} from './value-evidence.js';

/** The sampled cells of a column, row by row (index i of every column is the same CSV row). */
export type RowCells = readonly string[];

/** Columns that name the row's own person: what another column's values are compared with. */
export type Identities = {emails: RowCells[]; usernames: RowCells[]; fullNames: RowCells[]};

/**
 * How a column's values relate to the people on the rows: `others` is the share of its values that
 * name the person on ANOTHER row (a manager, given by email, username, name or DN), `own` the share
 * that name the row's own person (a second copy of its own email or name).
 */
export function relationToRows(cells: RowCells, identities: Identities): {others: number; own: number; compared: number} {
	const owners = new Map<string, Set<number>>();
	const add = (value: string | undefined, row: number) => {
		const key = value?.trim().toLowerCase();
		if (!key) return;
		const rows = owners.get(key) ?? new Set<number>();
		rows.add(row);
		owners.set(key, rows);
	};
	for (const column of [...identities.emails, ...identities.usernames, ...identities.fullNames]) column.forEach((value, row) => add(value, row));
	let others = 0;
	let own = 0;
	let compared = 0;
	cells.forEach((cell, row) => {
		const value = cell.trim();
		if (value === '') return;
		compared++;
		const key = (isDistinguishedName(value) ? (cnOf(value) ?? value) : value).toLowerCase();
		const rows = owners.get(key);
		if (!rows) return;
		if (rows.has(row)) own++;
		else others++;
	});
	return compared === 0 ? {others: 0, own: 0, compared} : {others: others / compared, own: own / compared, compared};
}

/** Whether a column plausibly names people (emails, logins, full names, DNs) at all. */
export function namesPeople(cells: RowCells): boolean {
	const values = cells.map((value) => value.trim()).filter((value) => value !== '');
	if (values.length === 0) return false;
	const people = values.filter((value) => isEmail(value) || isDistinguishedName(value) || isFullName(value) || /^[\w.-]{2,}$/.test(value));
	return people.length / values.length >= 0.8;
}

/** `Ada` + `Lovelace` → `ada lovelace` and `lovelace, ada`, row by row: both ways a file writes a name. */
export function fullNamesOf(first: RowCells | undefined, last: RowCells | undefined): RowCells[] {
	if (!first || !last) return [];
	const forward = first.map((given, row) => (given.trim() && last[row]?.trim() ? `${given.trim()} ${last[row]!.trim()}` : ''));
	const backward = first.map((given, row) => (given.trim() && last[row]?.trim() ? `${last[row]!.trim()}, ${given.trim()}` : ''));
	return [forward, backward];
}
