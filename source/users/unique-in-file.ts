import type {LookupField} from '../jumpcloud/types.js';

type Seen = {row: number; line: number};

/**
 * Remembers each row's unique values (case-insensitively, as JumpCloud compares them) and names
 * the earlier row when one repeats. Keeps one small entry per value, not the rows: the value and
 * a number (where its row is kept), so a large file leaves the collector few objects to trace.
 */
export class UniqueInFile {
	private readonly seen = new Map<LookupField, Map<string, number>>();
	/** Every row a value was claimed for, by the number the maps hold: plain numbers, no objects. */
	private readonly rows: number[] = [];
	private readonly lines: number[] = [];
	private last: Seen | undefined;

	/** The earlier row holding this value, or undefined (and the value is remembered). */
	claim(field: LookupField, value: string, at: Seen): Seen | undefined {
		let values = this.seen.get(field);
		if (!values) this.seen.set(field, (values = new Map()));
		// Detached first, so the one string is hashed once for both the look-up and the insert.
		const key = needsLowercase(value) ? lowercased(value) : detached(value);
		const earlier = values.get(key);
		if (earlier !== undefined) return {row: this.rows[earlier]!, line: this.lines[earlier]!};
		// A row claims up to four values with one `at`: it is kept once.
		if (this.last !== at) {
			this.last = at;
			this.rows.push(at.row);
			this.lines.push(at.line);
		}
		values.set(key, this.rows.length - 1);
		return undefined;
	}
}

/**
 * Whether lowercasing can change the text: it holds an ASCII capital or any non-ASCII character.
 * Usernames, emails and ids mostly hold neither, and lowercasing them again costs a copy each.
 */
function needsLowercase(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if ((code >= 65 && code <= 90) || code > 127) return true;
	}
	return false;
}

/**
 * A copy of the text that holds no reference to the chunk it was cut from. V8 keeps substrings as
 * views into their parent string, so keeping one value per row would otherwise keep the whole file.
 * (A lowercased copy is new text already.)
 */
function lowercased(text: string): string {
	const lower = text.toLowerCase();
	return lower === text ? detached(text) : lower;
}

function detached(text: string): string {
	return ` ${text}`.slice(1);
}
