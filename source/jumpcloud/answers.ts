/**
 * The shapes of JumpCloud's answers that the client relies on. A check returns what is wrong,
 * worded to follow "GET /api/… answered", or undefined when the answer will do; the HTTP core turns
 * a problem into a 'not-api' error naming the route. Only what the code reads is checked: JumpCloud
 * may add fields, and a trimmed answer (`fields=`) leaves others out.
 */
export type Shape = (data: unknown) => string | undefined;

/** v1 lists and searches: `{results: [...], totalCount}`, every item with its `_id`. */
export const v1List: Shape = (data) => {
	if (!isRecord(data) || !Array.isArray(data.results)) return `without a results list (${kindOf(data)})`;
	if (!Number.isSafeInteger(data.totalCount) || (data.totalCount as number) < 0) return 'without a totalCount';
	if (!data.results.every((item) => hasId(item, '_id'))) return 'a results list with items that have no _id';
	return undefined;
};

/** v2 lists: a bare array (the total is in X-Total-Count), every item with its `id`. */
export const v2List: Shape = (data) => {
	if (!Array.isArray(data)) return `without a list (${kindOf(data)})`;
	if (!data.every((item) => hasId(item, 'id'))) return 'a list with items that have no id';
	return undefined;
};

/** One v1 object (a user, an organization, a system): it has its `_id`. */
export const v1Object: Shape = (data) => (hasId(data, '_id') ? undefined : `without an _id (${kindOf(data)})`);

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasId(value: unknown, key: '_id' | 'id'): boolean {
	return isRecord(value) && typeof value[key] === 'string' && value[key] !== '';
}

function kindOf(data: unknown): string {
	if (data === undefined) return 'got an empty answer';
	if (data === null) return 'got null';
	if (Array.isArray(data)) return 'got an array';
	return `got ${typeof data === 'object' ? 'an object' : `a ${typeof data}`}`;
}
