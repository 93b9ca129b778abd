import {parseBoolean} from '../lib/value-shapes.js';
import {catalogEntry} from './catalog.js';
import type {Mapping} from './mapping-types.js';
import {normalizeHeader} from './normalize-header.js';
import {synonyms} from './synonyms.js';

const passwordNames = new Set(['password', ...(synonyms.password ?? [])].map(normalizeHeader));
const passwordWords = /pass(?:word|wort)?|kennwort|mot de passe|contrasena|pwd|secret/;

/** A header that names a password, whatever the column is mapped to (or if it is ignored). */
function namesPassword(header: string): boolean {
	const name = normalizeHeader(header);
	return passwordNames.has(name) || passwordWords.test(name);
}

/** A yes/no value (true/false, yes/no, 1/0 …): what a password setting holds, never a password. */
export const isYesNoValue = (value: string) => parseBoolean(value) !== undefined;

/** Values of a setting: at least one filled in, and every filled-in one yes/no. */
function yesNoValues(values: readonly string[]): boolean {
	let filled = false;
	for (const value of values) {
		if (value.trim() === '') continue;
		if (!isYesNoValue(value)) return false;
		filled = true;
	}
	return filled;
}

/**
 * A header that names a password, whatever the column is mapped to (or if it is ignored), unless
 * its sample values are all yes/no: "Password never expires", "Password reset required" are
 * settings about a password, not one.
 */
export function isSecretHeader(header: string, samples?: readonly string[]): boolean {
	return namesPassword(header) && !(samples && yesNoValues(samples));
}

/**
 * Columns whose cells are never shown, edited or written back: those mapped to a password, and
 * those whose header says password even when ignored or mapped elsewhere, unless their values are
 * yes/no (judged by `samples` when given, else by the column feeding a yes/no attribute).
 */
export function secretColumns(mapping: Mapping, samples?: (index: number) => readonly string[] | undefined): Set<number> {
	const secret = new Set<number>();
	for (const column of mapping.columns) {
		const kind = column.target === null ? undefined : catalogEntry(column.target)?.kind;
		if (kind === 'password') {
			secret.add(column.index);
			continue;
		}
		if (!namesPassword(column.header)) continue;
		const values = samples?.(column.index);
		const setting = values ? yesNoValues(values) : kind === 'boolean';
		if (!setting) secret.add(column.index);
	}
	return secret;
}

/**
 * Cell by cell, for what goes to memory or to disk a row at a time: true when the cell is withheld.
 * A column mapped to a password withholds every cell; one whose header says password withholds
 * every cell but a yes/no value (a setting's cell is kept, a password's never).
 */
export function secretCells(mapping: Mapping): (index: number, value: string) => boolean {
	const passwords = new Set<number>();
	const named = new Set<number>();
	for (const column of mapping.columns) {
		if (column.target !== null && catalogEntry(column.target)?.kind === 'password') passwords.add(column.index);
		else if (namesPassword(column.header)) named.add(column.index);
	}
	return (index, value) => passwords.has(index) || (named.has(index) && !isYesNoValue(value));
}
