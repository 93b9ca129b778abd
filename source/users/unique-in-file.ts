import type {LookupField} from '../jumpcloud/types.js';
import {detached} from '../lib/detached-text.js';
import {copied, firstAtLeast, hashOf, ValueTable, widened} from '../lib/value-table.js';

type Seen = {row: number; line: number};

/**
 * The values the rows before `beforeRow` claimed, as plain data (a resume's checkpoint writes it
 * with v8.serialize): each field's entries with their hashes, so restoring does not hash again.
 */
export type UniqueSnapshot = {
	beforeRow: number;
	/** Each row that claimed a value, in file order: the fields' `numbers` point into these. */
	rows: Int32Array;
	lines: Int32Array;
	fields: Array<{field: LookupField; keys: string[]; hashes: Int32Array; numbers: Int32Array}>;
};

/**
 * Remembers each row's unique values (case-insensitively, as JumpCloud compares them) and names
 * the earlier row when one repeats. Keeps one small entry per value, not the rows: the value, its
 * hash and two numbers, so a large file leaves the collector few objects to trace.
 */
export class UniqueInFile {
	private readonly seen = new Map<LookupField, ValueTable>();
	/** Every row a value was claimed for, by the number the tables hold: plain numbers, no objects. */
	private rows = new Int32Array(512);
	private lines = new Int32Array(512);
	private claimed = 0;
	private last: Seen | undefined;

	/** The earlier row holding this value, or undefined (and the value is remembered). */
	claim(field: LookupField, value: string, at: Seen): Seen | undefined {
		let values = this.seen.get(field);
		if (!values) this.seen.set(field, (values = new ValueTable()));
		// One pass hashes the value and sees whether lowercasing could change it (then the copy is hashed).
		let hash = 0x811c9dc5;
		let lower = false;
		for (let index = 0; index < value.length; index++) {
			const code = value.charCodeAt(index);
			if ((code >= 65 && code <= 90) || code > 127) {
				lower = true;
				break;
			}
			hash = Math.imul(hash ^ code, 0x01000193);
		}
		const key = lower ? value.toLowerCase() : value;
		const earlier = values.find(key, lower ? hashOf(key) : hash);
		if (earlier !== -1) return {row: this.rows[earlier]!, line: this.lines[earlier]!};
		// A row claims up to four values with one `at`: it is kept once.
		if (this.last !== at) {
			this.last = at;
			if (this.claimed === this.rows.length) {
				this.rows = widened(this.rows);
				this.lines = widened(this.lines);
			}
			this.rows[this.claimed] = at.row;
			this.lines[this.claimed++] = at.line;
		}
		values.add(lower && key !== value ? key : detached(key), this.claimed - 1);
		return undefined;
	}

	/** What the rows before `beforeRow` claimed. Rows claim in file order, so that is a prefix of each table. */
	snapshot(beforeRow: number): UniqueSnapshot {
		const count = firstAtLeast(this.rows, this.claimed, beforeRow);
		const fields = [...this.seen].map(([field, values]) => ({field, ...values.prefix(count)}));
		return {beforeRow, rows: this.rows.slice(0, count), lines: this.lines.slice(0, count), fields};
	}

	/** One that has claimed what the snapshot's rows claimed, in file order: later rows get the same answers. */
	static restore(snapshot: UniqueSnapshot): UniqueInFile {
		const unique = new UniqueInFile();
		unique.claimed = snapshot.rows.length;
		unique.rows = copied(snapshot.rows, Math.max(512, unique.claimed));
		unique.lines = copied(snapshot.lines, Math.max(512, unique.claimed));
		for (const {field, keys, hashes, numbers} of snapshot.fields) unique.seen.set(field, ValueTable.restore(keys, hashes, numbers));
		return unique;
	}
}
