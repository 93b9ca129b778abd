import {badRequest} from './errors.js';
import {fieldValue, type Item} from './filters.js';

/** Paging, sorting and field projection, shared by every list and search answer. */

export type Paging = {limit: number; skip: number};

function whole(raw: string | number | undefined, name: string): number | undefined {
	if (raw === undefined || raw === '') return undefined;
	const value = typeof raw === 'number' ? raw : Number(raw);
	if (!Number.isInteger(value) || value < 0 || (typeof raw === 'string' && !/^\d+$/.test(raw.trim()))) {
		throw badRequest(`${name} must be a whole number >= 0, not '${String(raw).slice(0, 40)}'`, name);
	}
	return value;
}

/** `limit` (default 10, at most `maxLimit`) and `skip` (default 0), as JumpCloud documents them. */
export function parsePaging(limitRaw: unknown, skipRaw: unknown, maxLimit: number): Paging {
	const check = (raw: unknown, name: string) => {
		if (raw !== undefined && typeof raw !== 'string' && typeof raw !== 'number') throw badRequest(`${name} must be a whole number`, name);
		return whole(raw as string | number | undefined, name);
	};
	const limit = check(limitRaw, 'limit') ?? 10;
	const skip = check(skipRaw, 'skip') ?? 0;
	if (limit > maxLimit) throw badRequest(`limit must be at most ${maxLimit}, not ${limit}`, 'limit');
	return {limit, skip};
}

export function page<T>(items: readonly T[], {limit, skip}: Paging): T[] {
	return items.slice(skip, skip + limit);
}

/** `fields` as JumpCloud takes it: space-separated names (an array is accepted too). */
export function parseFields(raw: unknown): string[] | undefined {
	if (raw === undefined || raw === null) return undefined;
	const names = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/\s+/) : undefined;
	if (!names) throw badRequest('fields must be a space-separated list of field names', 'fields');
	const kept = names.map((name) => name.trim()).filter(Boolean);
	return kept.length === 0 ? undefined : kept;
}

/** Keeps only the named top-level fields, and always the id. */
export function project<T extends object>(item: T, fields: readonly string[] | undefined, idField: string): Partial<T> {
	if (!fields) return item;
	const source = item as Item;
	const kept: Item = {};
	for (const name of [idField, ...fields]) if (name in source) kept[name] = source[name];
	return kept as Partial<T>;
}

const missing = (value: unknown) => value === undefined || value === null;

function compareValues(a: unknown, b: unknown): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const x = String(a);
	const y = String(b);
	return x < y ? -1 : x > y ? 1 : 0;
}

function sortKeys(spec: string | undefined): Array<{field: string; direction: number}> {
	return (spec ?? '')
		.split(/[\s,]+/)
		.filter(Boolean)
		.map((key) => (key.startsWith('-') ? {field: key.slice(1), direction: -1} : {field: key, direction: 1}));
}

/** Whether items already in id order (by `idField`) are in the order `spec` asks for: no sort, or `idField` first (ids are unique). */
export function keepsIdOrder(spec: string | undefined, idField: string): boolean {
	const [first] = sortKeys(spec);
	return first === undefined || (first.field === idField && first.direction === 1);
}

/**
 * `sort=username -created`: space-separated keys, `-` for descending. Stable, so ties keep insertion (= id) order.
 * `inIdOrder` says the items are in id order already: a sort by id then leaves them as they are.
 */
export function sortItems<T extends object>(items: readonly T[], spec: string | undefined, inIdOrder?: {idField: string}): readonly T[] {
	const keys = sortKeys(spec);
	if (keys.length === 0) return items;
	if (inIdOrder && keepsIdOrder(spec, inIdOrder.idField)) return items;
	return [...items].sort((a, b) => {
		for (const {field, direction} of keys) {
			const x = fieldValue(a as Item, field);
			const y = fieldValue(b as Item, field);
			// Missing values go last whichever way up, so a descending sort still leads with real values.
			if (missing(x) || missing(y)) {
				if (missing(x) !== missing(y)) return missing(x) ? 1 : -1;
				continue;
			}
			const order = compareValues(x, y);
			if (order !== 0) return order * direction;
		}
		return 0;
	});
}
