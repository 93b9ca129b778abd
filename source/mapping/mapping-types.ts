import type {Target} from './catalog.js';
import type {Derivation} from './derive.js';
import type {MatchReason} from './match-columns.js';

/**
 * The shape of a mapping, on its own so modules the mapping functions use (secret-columns) can
 * name it without importing them back: no import circle. mapping.ts re-exports it.
 */

export type ColumnMapping = {
	index: number;
	header: string;
	target: Target | null;
	/** 0–1; 1 for a preset or the user's own choice. */
	confidence: number;
	/** How the target was found: by matching, from a preset, or set by the user. */
	reason: MatchReason | 'preset' | 'manual' | null;
	/** Why the matcher chose it (empty for a preset or the user's choice): shown in the column's detail and `inspect --json`. */
	evidence?: string[];
	/** A custom attribute the matcher offers for an unmapped per-user column; applied only when the user takes it. */
	proposal?: Target;
};

export type Mapping = {columns: ColumnMapping[]; derived: Derivation[]};
