import type {LookupField} from '../jumpcloud/types.js';

type Seen = {row: number; line: number};

/** Usernames, emails and ids are mostly this already; lowercasing them again costs a copy each. */
const plainLowercase = /^[a-z0-9@._+-]*$/;

/**
 * Remembers each row's unique values (case-insensitively, as JumpCloud compares them) and names
 * the earlier row when one repeats. Keeps one small entry per value, not the rows.
 */
export class UniqueInFile {
	private readonly seen = new Map<LookupField, Map<string, Seen>>();

	/** The earlier row holding this value, or undefined (and the value is remembered). */
	claim(field: LookupField, value: string, at: Seen): Seen | undefined {
		let values = this.seen.get(field);
		if (!values) this.seen.set(field, (values = new Map()));
		const key = plainLowercase.test(value) ? value : value.toLowerCase();
		const earlier = values.get(key);
		if (earlier) return earlier;
		values.set(detached(key), at);
		return undefined;
	}
}

/**
 * A copy of the text that holds no reference to the chunk it was cut from. V8 keeps substrings as
 * views into their parent string, so keeping one value per row would otherwise keep the whole file.
 */
function detached(text: string): string {
	return ` ${text}`.slice(1);
}
