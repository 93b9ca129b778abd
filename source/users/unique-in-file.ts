import type {LookupField} from '../jumpcloud/types.js';

type Seen = {row: number; line: number};

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
		const key = value.toLowerCase();
		const earlier = values.get(key);
		if (earlier) return earlier;
		values.set(key, at);
		return undefined;
	}
}
