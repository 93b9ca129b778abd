import {catalog, isMultiple, parseTarget, type Target} from './catalog.js';
import {derivations, type Derivation} from './derive.js';
import type {ColumnMapping, Mapping} from './mapping-types.js';

export type {ColumnMapping, Mapping} from './mapping-types.js';

/**
 * Points one column at a target (or at nothing). A single-valued target leaves the column that held
 * it, which becomes unmapped: two columns never feed one value.
 */
export function setTarget(mapping: Mapping, index: number, target: Target | null, reason: ColumnMapping['reason'] = 'manual'): Mapping {
	if (target !== null && !parseTarget(target)) throw new Error(`Unknown target ${target}`);
	const columns = mapping.columns.map((column): ColumnMapping => {
		if (column.index === index) return {...column, target, confidence: target === null ? 0 : 1, reason: target === null ? null : reason};
		if (target !== null && column.target === target && !isMultiple(target)) return {...column, target: null, confidence: 0, reason: null};
		return column;
	});
	return withDerivations(columns, mapping.derived);
}

export function setDerivationEnabled(mapping: Mapping, target: Derivation['target'], enabled: boolean): Mapping {
	return {...mapping, derived: mapping.derived.map((derivation) => (derivation.target === target ? {...derivation, enabled} : derivation))};
}

export function withDerivations(columns: ColumnMapping[], previous: readonly Derivation[]): Mapping {
	const mapped = new Set(columns.flatMap((column) => (column.target === null ? [] : [column.target])));
	return {columns, derived: derivations(mapped, previous)};
}

/** Required targets with neither a column nor an enabled derivation: the import cannot start. */
export function missingRequired(mapping: Mapping): Target[] {
	const provided = new Set<Target>([
		...mapping.columns.flatMap((column) => (column.target === null ? [] : [column.target])),
		...mapping.derived.filter((derivation) => derivation.enabled).map((derivation) => derivation.target),
	]);
	return catalog.filter((entry) => entry.required && !provided.has(entry.key)).map((entry) => entry.key);
}
