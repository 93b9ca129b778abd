import type {LookupField} from '../jumpcloud/types.js';
import {detached} from '../lib/detached-text.js';

type Seen = {row: number; line: number};

/**
 * Remembers each row's unique values (case-insensitively, as JumpCloud compares them) and names
 * the earlier row when one repeats. Keeps one small entry per value, not the rows: the value, its
 * hash and two numbers, so a large file leaves the collector few objects to trace.
 */
export class UniqueInFile {
	private readonly seen = new Map<LookupField, ValueTable>();
	/** Every row a value was claimed for, by the number the tables hold: plain numbers, no objects. */
	private readonly rows: number[] = [];
	private readonly lines: number[] = [];
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
			this.rows.push(at.row);
			this.lines.push(at.line);
		}
		values.add(lower && key !== value ? key : detached(key), this.rows.length - 1);
		return undefined;
	}
}

/**
 * A set of strings with a number each, open addressing over typed arrays: at 100,000s of values a
 * Map spends most of a file's check on its own upkeep. find() then add() for a value not there.
 */
class ValueTable {
	/** 1 + the entry's index, 0 for an empty slot; never more than half full. */
	private slots = new Int32Array(1024);
	private hashes = new Int32Array(512);
	private readonly keys: string[] = [];
	private readonly numbers: number[] = [];
	/** Where find() stopped: the slot and hash add() uses. */
	private slot = 0;
	private hash = 0;

	/** The value's number, or -1; `hash` is hashOf(key). */
	find(key: string, hash: number): number {
		const mask = this.slots.length - 1;
		let slot = hash & mask;
		for (let entry = this.slots[slot]!; entry !== 0; entry = this.slots[slot]!) {
			if (this.hashes[entry - 1] === hash && this.keys[entry - 1] === key) return this.numbers[entry - 1]!;
			slot = (slot + 1) & mask;
		}
		this.slot = slot;
		this.hash = hash;
		return -1;
	}

	/** Adds the key find() just missed. */
	add(key: string, number: number): void {
		const index = this.keys.length;
		this.keys.push(key);
		this.numbers.push(number);
		if (index === this.hashes.length) {
			const hashes = new Int32Array(index * 2);
			hashes.set(this.hashes);
			this.hashes = hashes;
		}
		this.hashes[index] = this.hash;
		this.slots[this.slot] = index + 1;
		if ((index + 1) * 2 > this.slots.length) this.grow();
	}

	private grow(): void {
		const slots = new Int32Array(this.slots.length * 2);
		const mask = slots.length - 1;
		for (let index = 0; index < this.keys.length; index++) {
			let slot = this.hashes[index]! & mask;
			while (slots[slot] !== 0) slot = (slot + 1) & mask;
			slots[slot] = index + 1;
		}
		this.slots = slots;
	}
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(text: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
	return hash;
}
