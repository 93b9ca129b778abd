/**
 * A set of strings with a number each, open addressing over typed arrays: at 100,000s of values a
 * Map spends most of a file's check on its own upkeep. find() then add() for a value not there.
 */
export class ValueTable {
	/** 1 + the entry's index, 0 for an empty slot; never more than half full. */
	private slots = new Int32Array(1024);
	private hashes = new Int32Array(512);
	private numbers = new Int32Array(512);
	private keys: string[] = [];
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

	/** The key's number, or -1 (hashed here). */
	get(key: string): number {
		return this.find(key, hashOf(key));
	}

	/** Adds the key find() just missed. */
	add(key: string, number: number): void {
		const index = this.keys.length;
		this.keys.push(key);
		if (index === this.hashes.length) {
			this.hashes = widened(this.hashes);
			this.numbers = widened(this.numbers);
		}
		this.hashes[index] = this.hash;
		this.numbers[index] = number;
		this.slots[this.slot] = index + 1;
		if ((index + 1) * 2 > this.slots.length) this.grow();
	}

	/** Its entries numbered below `count`: numbers only grow as keys are added, so they come first. */
	prefix(count: number): {keys: string[]; hashes: Int32Array; numbers: Int32Array} {
		const entries = firstAtLeast(this.numbers, this.keys.length, count);
		return {keys: this.keys.slice(0, entries), hashes: this.hashes.slice(0, entries), numbers: this.numbers.slice(0, entries)};
	}

	/** A table holding these entries (as prefix() gave them), placed by their stored hashes. */
	static restore(keys: readonly string[], hashes: Int32Array, numbers: Int32Array): ValueTable {
		const table = new ValueTable();
		let size = table.slots.length;
		while (keys.length * 2 > size) size *= 2;
		table.slots = new Int32Array(size);
		table.hashes = copied(hashes, size / 2);
		table.numbers = copied(numbers, size / 2);
		// A copy: the snapshot stays as it was, to be restored again.
		table.keys = keys.slice();
		table.place(table.slots);
		return table;
	}

	private grow(): void {
		const slots = new Int32Array(this.slots.length * 2);
		this.place(slots);
		this.slots = slots;
	}

	/** Every entry into empty `slots`, by its hash. */
	private place(slots: Int32Array): void {
		const mask = slots.length - 1;
		for (let index = 0; index < this.keys.length; index++) {
			let slot = this.hashes[index]! & mask;
			while (slots[slot] !== 0) slot = (slot + 1) & mask;
			slots[slot] = index + 1;
		}
	}
}

/** The first of the first `length` numbers that is at least `bound` (they never decrease), else `length`. */
export function firstAtLeast(numbers: Int32Array, length: number, bound: number): number {
	let low = 0;
	let high = length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (numbers[middle]! < bound) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** Twice the room, the numbers kept. */
export function widened(numbers: Int32Array): Int32Array<ArrayBuffer> {
	return copied(numbers, numbers.length * 2);
}

export function copied(numbers: Int32Array, room: number): Int32Array<ArrayBuffer> {
	const copy = new Int32Array(room);
	copy.set(numbers);
	return copy;
}

/** FNV-1a over the UTF-16 code units. */
export function hashOf(text: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
	return hash;
}
