import {badRequest} from './errors.js';

/** JumpCloud's three filter languages: v1 `field:$op:value`, v2 `field:op:value`, and the `/search` body. */

export type Item = Record<string, unknown>;
export type Predicate = (item: Item) => boolean;

const matchAll: Predicate = () => true;

/** Reads `a.b.c` from nested objects. */
export function fieldValue(item: Item, path: string): unknown {
	let value: unknown = item;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Item)[key];
	}
	return value;
}

/** Splits `field:op:value` on its first two colons only: values (times, URLs) may hold colons. */
function splitFilter(filter: string, example: string): {field: string; op: string; value: string} {
	const first = filter.indexOf(':');
	const second = first < 0 ? -1 : filter.indexOf(':', first + 1);
	if (first <= 0 || second < 0) throw badRequest(`Invalid filter '${filter}': expected field:operator:value, e.g. ${example}`, 'filter');
	return {field: filter.slice(0, first), op: filter.slice(first + 1, second), value: filter.slice(second + 1)};
}

const scalarText = (value: unknown): string | undefined =>
	typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/** Compares numerically when both sides are numbers, else as text (which orders ISO dates right). */
function compare(actual: unknown, wanted: string): number | undefined {
	if (typeof actual === 'number' && wanted.trim() !== '' && Number.isFinite(Number(wanted))) return actual - Number(wanted);
	const text = scalarText(actual);
	if (text === undefined) return undefined;
	return text < wanted ? -1 : text > wanted ? 1 : 0;
}

/** Equality against a field that may be an array (any element matches), case-sensitive as JumpCloud documents. */
function equals(actual: unknown, wanted: string): boolean {
	if (Array.isArray(actual)) return actual.some((element) => scalarText(element) === wanted);
	return scalarText(actual) === wanted;
}

function ordered(test: (difference: number) => boolean): (actual: unknown, wanted: string) => boolean {
	return (actual, wanted) => {
		const difference = compare(actual, wanted);
		return difference !== undefined && test(difference);
	};
}

type Operator = (actual: unknown, wanted: string) => boolean;

const v1Operators: Record<string, Operator> = {
	$eq: equals,
	$ne: (actual, wanted) => !equals(actual, wanted),
	$gt: ordered((d) => d > 0),
	$gte: ordered((d) => d >= 0),
	$lt: ordered((d) => d < 0),
	$lte: ordered((d) => d <= 0),
};

const v2Operators: Record<string, Operator> = {
	eq: equals,
	ne: (actual, wanted) => !equals(actual, wanted),
	gt: ordered((d) => d > 0),
	ge: ordered((d) => d >= 0),
	lt: ordered((d) => d < 0),
	le: ordered((d) => d <= 0),
	search: (actual, wanted) => (scalarText(actual) ?? '').toLowerCase().includes(wanted.toLowerCase()),
	in: (actual, wanted) => wanted.split('|').some((option) => equals(actual, option)),
};

function parseFilters(filters: readonly string[], operators: Record<string, Operator>, example: string): Predicate {
	const tests = filters.map((filter) => {
		const {field, op, value} = splitFilter(filter, example);
		const operator = operators[op];
		if (!operator) {
			throw badRequest(`Invalid filter '${filter}': unknown operator '${op}' (use ${Object.keys(operators).join(' ')})`, 'filter');
		}
		return (item: Item) => operator(fieldValue(item, field), value);
	});
	return tests.length === 0 ? matchAll : (item) => tests.every((test) => test(item));
}

/** v1 query filters (`GET /api/systemusers?filter=department:$ne:Sales`), repeated filters meaning AND. */
export function parseV1Filters(filters: readonly string[]): Predicate {
	return parseFilters(filters, v1Operators, 'username:$eq:jdoe');
}

/** v2 query filters (`GET /api/v2/usergroups?filter=name:eq:Engineering`), repeated filters meaning AND. */
export function parseV2Filters(filters: readonly string[]): Predicate {
	return parseFilters(filters, v2Operators, 'name:eq:Engineering');
}

export const maxRegexLength = 500;

/**
 * A `$regex` as JavaScript runs it. JumpCloud's engine takes a leading `(?i)` for "ignore case";
 * JavaScript has no inline flags, so that prefix becomes the `i` flag. Long patterns are refused
 * so a client cannot make the sandbox spend its time backtracking.
 */
export function compileRegex(pattern: unknown): RegExp {
	if (typeof pattern !== 'string') throw badRequest('$regex must be a string', 'filter');
	if (pattern.length > maxRegexLength) throw badRequest(`$regex may be at most ${maxRegexLength} characters`, 'filter');
	const ignoreCase = pattern.startsWith('(?i)');
	try {
		return new RegExp(ignoreCase ? pattern.slice(4) : pattern, ignoreCase ? 'i' : '');
	} catch {
		throw badRequest(`Invalid $regex '${pattern.slice(0, 80)}'`, 'filter');
	}
}

function isPlainObject(value: unknown): value is Item {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Loose equality for search conditions: JSON values, with arrays matching when any element does. */
function sameValue(actual: unknown, wanted: unknown): boolean {
	if (Array.isArray(actual) && !Array.isArray(wanted)) return actual.some((element) => sameValue(element, wanted));
	if (wanted === null) return actual === null || actual === undefined;
	if (typeof wanted === 'object') return JSON.stringify(actual) === JSON.stringify(wanted);
	return actual === wanted;
}

function conditionTest(field: string, condition: unknown): Predicate {
	if (!isPlainObject(condition) || !Object.keys(condition).some((key) => key.startsWith('$'))) {
		return (item) => sameValue(fieldValue(item, field), condition);
	}
	const tests = Object.entries(condition).map(([op, operand]): ((actual: unknown) => boolean) => {
		switch (op) {
			case '$eq':
				return (actual) => sameValue(actual, operand);
			case '$ne':
				return (actual) => !sameValue(actual, operand);
			case '$in':
				if (!Array.isArray(operand)) throw badRequest('$in takes an array', 'filter');
				return (actual) => operand.some((option) => sameValue(actual, option));
			case '$exists':
				return (actual) => (actual !== undefined && actual !== null) === Boolean(operand);
			case '$regex': {
				const regex = compileRegex(operand);
				return (actual) => {
					const text = scalarText(actual);
					return text !== undefined && regex.test(text);
				};
			}
			case '$gt':
			case '$gte':
			case '$lt':
			case '$lte': {
				const test = v1Operators[op]!;
				return (actual) => test(actual, String(operand));
			}
			default:
				throw badRequest(`Unsupported filter operator '${op}' (use $eq $ne $in $exists $regex $gt $gte $lt $lte)`, 'filter');
		}
	});
	return (item) => {
		const actual = fieldValue(item, field);
		return tests.every((test) => test(actual));
	};
}

/** `{and: [...]}`, `{or: [...]}` and `{field: condition}` objects, nested as deep as the caller likes. */
export function compileFilter(filter: unknown): Predicate {
	if (filter === undefined || filter === null) return matchAll;
	if (!isPlainObject(filter)) throw badRequest('filter must be an object such as {"and": [{"username": "jdoe"}]}', 'filter');
	const tests = Object.entries(filter).map(([key, value]): Predicate => {
		if (key === 'and' || key === 'or') {
			if (!Array.isArray(value)) throw badRequest(`filter.${key} must be an array`, 'filter');
			const parts = value.map(compileFilter);
			return key === 'and' ? (item) => parts.every((part) => part(item)) : (item) => parts.some((part) => part(item));
		}
		if (key.startsWith('$')) throw badRequest(`Unsupported filter key '${key}'`, 'filter');
		return conditionTest(key, value);
	});
	return (item) => tests.every((test) => test(item));
}

/** `searchFilter: {searchTerm, fields}`: a case-insensitive substring of any listed field, for any term. */
export function compileSearchFilter(searchFilter: unknown, defaultFields: readonly string[]): Predicate {
	if (searchFilter === undefined || searchFilter === null) return matchAll;
	if (!isPlainObject(searchFilter)) throw badRequest('searchFilter must be an object {searchTerm, fields}', 'searchFilter');
	const {searchTerm, fields} = searchFilter;
	const terms = Array.isArray(searchTerm) ? searchTerm : [searchTerm ?? ''];
	if (!terms.every((term) => typeof term === 'string')) {
		throw badRequest('searchFilter.searchTerm must be a string or an array of strings', 'searchFilter.searchTerm');
	}
	if (fields !== undefined && !(Array.isArray(fields) && fields.every((field) => typeof field === 'string'))) {
		throw badRequest('searchFilter.fields must be an array of field names', 'searchFilter.fields');
	}
	const where = (fields as string[] | undefined) ?? defaultFields;
	const wanted = (terms as string[]).map((term) => term.toLowerCase());
	return (item) =>
		where.some((field) => {
			const text = scalarText(fieldValue(item, field))?.toLowerCase();
			return text !== undefined && wanted.some((term) => text.includes(term));
		});
}

/** A value some indexed field must hold (compared case-insensitively) for an item to match. */
export type IndexKey = {field: string; value: string};

const regexMeta = new Set('\\^$.|?*+()[]{}');
/** What JavaScript reads as a plain character after a backslash (the client's escapeRegex escapes these, `/` too). */
const escapable = new Set('\\^$.|?*+()[]{}/-');

/**
 * The one string a `$regex` matches whole, when it is an anchored literal such as the client's
 * `(?i)(^jane\.doe$)` or `^jdoe$`; undefined for anything else. A case-insensitive literal must
 * be ASCII: only then does every string it matches lower-case to the literal's lower case.
 */
export function anchoredLiteral(pattern: string): string | undefined {
	const ignoreCase = pattern.startsWith('(?i)');
	const body = ignoreCase ? pattern.slice(4) : pattern;
	let inner: string;
	if (body.startsWith('(^') && body.endsWith('$)')) inner = body.slice(2, -2);
	else if (body.startsWith('^(') && body.endsWith(')$')) inner = body.slice(2, -2);
	else if (body.startsWith('^') && body.endsWith('$') && body.length >= 2) inner = body.slice(1, -1);
	else return undefined;
	let literal = '';
	for (let i = 0; i < inner.length; i++) {
		const char = inner[i]!;
		if (char === '\\') {
			const next = inner[i + 1];
			if (next === undefined || !escapable.has(next)) return undefined;
			literal += next;
			i++;
		} else if (regexMeta.has(char)) {
			return undefined;
		} else {
			literal += char;
		}
	}
	if (ignoreCase && !/^[\x20-\x7e]*$/.test(literal)) return undefined;
	return literal;
}

/** The keys a condition on one indexed field narrows to: equality, `$eq`, `$in` of strings, an anchored literal `$regex`. */
function conditionKeys(field: string, condition: unknown): IndexKey[] | undefined {
	const keys = conditionValues(condition);
	// The indexes leave empty strings out, so a search for '' scans.
	return keys && !keys.includes('') ? keys.map((value) => ({field, value})) : undefined;
}

function conditionValues(condition: unknown): string[] | undefined {
	if (typeof condition === 'string') return [condition];
	if (!isPlainObject(condition)) return undefined;
	for (const [op, operand] of Object.entries(condition)) {
		// The conditions of one field are ANDed: any one that narrows will do.
		if (op === '$eq' && typeof operand === 'string') return [operand];
		if (op === '$in' && Array.isArray(operand) && operand.every((option) => typeof option === 'string')) return operand as string[];
		if (op === '$regex' && typeof operand === 'string') {
			const literal = anchoredLiteral(operand);
			if (literal !== undefined) return [literal];
		}
	}
	return undefined;
}

/**
 * Narrows a search `filter` (already accepted by `compileFilter`) to index lookups: every item it
 * matches holds one of the returned keys in that field, case-insensitively. Undefined when it
 * cannot be narrowed (scan instead). The keys only find candidates; the compiled filter still
 * decides, so an answer from the index is the scan's answer.
 */
export function indexKeys(filter: unknown, indexed: ReadonlySet<string>): IndexKey[] | undefined {
	if (!isPlainObject(filter)) return undefined;
	// The entries of one object are ANDed: the first that narrows will do.
	for (const [key, value] of Object.entries(filter)) {
		if (key === 'or' && Array.isArray(value)) {
			const parts = value.map((part) => indexKeys(part, indexed));
			if (parts.every((part) => part !== undefined)) return parts.flat() as IndexKey[];
		} else if (key === 'and' && Array.isArray(value)) {
			for (const part of value) {
				const keys = indexKeys(part, indexed);
				if (keys) return keys;
			}
		} else if (indexed.has(key)) {
			const keys = conditionKeys(key, value);
			if (keys) return keys;
		}
	}
	return undefined;
}
