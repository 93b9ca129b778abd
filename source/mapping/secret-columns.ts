import {catalogEntry} from './catalog.js';
import type {Mapping} from './mapping.js';
import {normalizeHeader} from './normalize-header.js';
import {synonyms} from './synonyms.js';

const passwordNames = new Set(['password', ...(synonyms.password ?? [])].map(normalizeHeader));
const passwordWords = /pass(?:word|wort)?|kennwort|mot de passe|contrasena|pwd|secret/;

/** A header that names a password, whatever the column is mapped to (or if it is ignored). */
export function isSecretHeader(header: string): boolean {
	const name = normalizeHeader(header);
	return passwordNames.has(name) || passwordWords.test(name);
}

/**
 * Columns whose cells are never shown, edited or written back: those mapped to a password, and
 * those whose header says password even when ignored or mapped elsewhere.
 */
export function secretColumns(mapping: Mapping): Set<number> {
	const secret = new Set<number>();
	for (const column of mapping.columns) {
		if (isSecretHeader(column.header) || (column.target !== null && catalogEntry(column.target)?.kind === 'password')) secret.add(column.index);
	}
	return secret;
}
