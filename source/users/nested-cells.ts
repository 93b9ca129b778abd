/**
 * Nested objects written into one cell, read back as flat records: JumpCloud's `Get-JCBackup`
 * writes addresses and phone numbers as (indented) JSON, and PowerShell's `Export-Csv` prints any
 * other nested object as a hashtable, `@{type=work; number=+1 303 555 0100}`.
 */

/** One nested object, its values as text (numbers and booleans as JSON writes them, null as ''). */
export type NestedRecord = Record<string, string>;

/**
 * The records a cell holds: one for an object or a hashtable, one per object for a JSON array;
 * undefined when the cell holds none (plain text, a JSON scalar, an array of scalars).
 */
export function readNestedRecords(cell: string): NestedRecord[] | undefined {
	const text = cell.trim();
	if (text.startsWith('@{') && text.endsWith('}')) return [readHashtable(text.slice(2, -1))];
	if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return undefined;
	}
	const items = Array.isArray(parsed) ? parsed : [parsed];
	if (!items.every(isPlainObject)) return undefined;
	return items.map((item) => Object.fromEntries(Object.entries(item).map(([key, value]) => [key, asText(value)])));
}

/** The first record of that `type` (`work`, `home`, `mobile`), types compared in any case. */
export function recordOfType(records: readonly NestedRecord[], type: string): NestedRecord | undefined {
	const wanted = type.toLowerCase();
	return records.find((record) => (record.type ?? '').toLowerCase() === wanted);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/**
 * `key=value; key=value` as PowerShell prints a hashtable. A value runs to the next `; name=`, so
 * one holding `; ` (a street with a semicolon) stays whole unless a name and `=` follow it.
 */
function readHashtable(body: string): NestedRecord {
	const record: NestedRecord = {};
	const pairs = body.split(/; (?=[A-Za-z_][\w-]*=)/);
	for (const pair of pairs) {
		const equals = pair.indexOf('=');
		if (equals <= 0) continue;
		record[pair.slice(0, equals).trim()] = pair.slice(equals + 1);
	}
	return record;
}
