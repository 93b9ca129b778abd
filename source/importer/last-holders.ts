import {hashOf} from '../lib/value-table.js';

/** Values by hash, each with its last row: plain data, for a checkpoint. */
export type LastHolderEntries = {hashes: Int32Array; rows: Int32Array};

/**
 * For each value a row can be named by as a manager (its username, email, employee ID or display
 * name, as the resolver compares them), the last row of the file holding it. Kept by hash alone:
 * two values sharing a hash share the later row, so a manager named by one waits longer, never
 * less. Two typed arrays, so a worker hands them over without copying.
 */
export class LastHolders {
	private constructor(
		/** Open addressing: a value's hash, and 1 + its last row (0: an empty slot); at most half full. */
		private hashes: Int32Array<ArrayBuffer>,
		private rows: Int32Array<ArrayBuffer>,
		private size = 0,
	) {}

	static empty(): LastHolders {
		return new LastHolders(new Int32Array(1024), new Int32Array(1024));
	}

	/** The table a worker sent (`arrays`). */
	static of(arrays: {hashes: Int32Array<ArrayBuffer>; rows: Int32Array<ArrayBuffer>}): LastHolders {
		let size = 0;
		for (const row of arrays.rows) if (row !== 0) size++;
		return new LastHolders(arrays.hashes, arrays.rows, size);
	}

	/**
	 * Its values whose last row is `row` or later, as pairs of arrays (a checkpoint at that row keeps
	 * them: a resume from there needs no other, the rows before being its record's).
	 */
	entriesFrom(row: number): LastHolderEntries {
		let count = 0;
		for (const last of this.rows) if (last > row) count++;
		const hashes = new Int32Array(count);
		const rows = new Int32Array(count);
		let entry = 0;
		for (let slot = 0; slot < this.rows.length; slot++) {
			if (this.rows[slot]! <= row) continue;
			hashes[entry] = this.hashes[slot]!;
			rows[entry++] = this.rows[slot]! - 1;
		}
		return {hashes, rows};
	}

	/** The table of these entries (as `entriesFrom` gave them). */
	static restore(entries: LastHolderEntries): LastHolders {
		let length = 1024;
		while (entries.rows.length * 2 > length) length *= 2;
		const holders = new LastHolders(new Int32Array(length), new Int32Array(length), entries.rows.length);
		for (let entry = 0; entry < entries.rows.length; entry++) holders.place(entries.hashes[entry]!, entries.rows[entry]! + 1);
		return holders;
	}

	/** Its arrays, to hand to another thread. */
	get arrays(): {hashes: Int32Array<ArrayBuffer>; rows: Int32Array<ArrayBuffer>} {
		return {hashes: this.hashes, rows: this.rows};
	}

	/** `row` holds `value` (rows come in file order, so the last one noted is the last). */
	note(value: string, row: number): void {
		const hash = hashOf(value);
		const slot = this.slotOf(hash);
		if (this.rows[slot] === 0) {
			this.hashes[slot] = hash;
			this.size++;
		}
		this.rows[slot] = Math.max(this.rows[slot]!, row + 1);
		if (this.size * 2 > this.rows.length) this.grow();
	}

	/** The last row holding `value` (or a value with its hash), -1 when none does. */
	lastRow(value: string): number {
		return this.rows[this.slotOf(hashOf(value))]! - 1;
	}

	private slotOf(hash: number): number {
		const mask = this.rows.length - 1;
		let slot = hash & mask;
		while (this.rows[slot] !== 0 && this.hashes[slot] !== hash) slot = (slot + 1) & mask;
		return slot;
	}

	private grow(): void {
		const {hashes, rows} = this;
		this.hashes = new Int32Array(rows.length * 2);
		this.rows = new Int32Array(rows.length * 2);
		for (let slot = 0; slot < rows.length; slot++) if (rows[slot] !== 0) this.place(hashes[slot]!, rows[slot]!);
	}

	/** A hash not in the table, with its stored row (1 + the row), into its slot. */
	private place(hash: number, stored: number): void {
		const slot = this.slotOf(hash);
		this.hashes[slot] = hash;
		this.rows[slot] = stored;
	}
}
