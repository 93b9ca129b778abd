import type {LastHolderEntries} from './last-holders.js';

/*
 * What planning did to the manager resolver, row by row, so that its state after the rows before K
 * can be rebuilt without planning them again (a resume's checkpoint). A resolve is kept by its
 * outcome, not its call: it depended on the directory as it was then (a manager pending then is
 * left by a restore to `finish`: that row ran as planned, and only the cycles it may close matter). What `finish` does
 * later is not in it, nor the directory's users: the resuming side adds those itself. The values
 * rows to create hold are not in it either: the resolver's table of them is restored whole.
 *
 * Parallel arrays of numbers and strings (the strings the resolver's maps hold anyway), not an
 * object per change: at 100,000 rows that would be 200,000 objects for the collector to trace.
 */

/** The resolver's plan-time state before a row, as plain data (a checkpoint writes it with v8.serialize). */
export type ManagerSnapshot = {
	beforeRow: number;
	/** The rows to create by the values they hold (`ValueTable.prefix`): restored as they are, not hashed again. */
	fileRows: {keys: string[]; hashes: Int32Array; numbers: Int32Array};
	/** Off when the file names no manager: nothing was recorded, and a restored resolver indexes nothing either. */
	indexing: boolean;
	/** Each change: its kind and row, in the order they were made. */
	kinds: Uint8Array;
	rows: Int32Array;
	/** The changes' texts and numbers, each kind taking its own count of them in turn (see `kept`). */
	texts: Array<string | null>;
	numbers: Int32Array;
	/** The manager columns' headers, which `numbers` name by place (a file has one, mostly). */
	columns: Array<string | null>;
	/** The read ahead's last holders from this row on, when it was in (a resume then needs none of its own). */
	ahead?: LastHolderEntries;
};

/**
 * The changes, as the resolver makes them (positional: one is made for each row planned, and a
 * plan of 100,000 rows need not build an object for each).
 */
export type ManagerChanges = {
	/** A row to create, with its display name as compared (none: null); the values it holds are in `fileRows`. */
	created(row: number, name: string | null): void;
	/** A row skipped because `userId` exists: named by `name`, it is that user. */
	skipped(row: number, userId: string, name: string): void;
	/** A row with errors, by lowercased username and email. */
	invalid(row: number, username: string | null, email: string | null): void;
	/** A row's manager: an earlier row (`manager`), or one a later row or the whole file will tell (undefined). */
	managed(row: number, manager: number | undefined, index: number, line: number, column: string | null, cell: string): void;
};

const created = 0;
const skipped = 1;
const invalid = 2;
const edge = 3;
const pending = 4;
/** How many texts and numbers each kind keeps. */
const kept = [
	{texts: 1, numbers: 0},
	{texts: 2, numbers: 0},
	{texts: 2, numbers: 0},
	{texts: 1, numbers: 4},
	{texts: 1, numbers: 3},
] as const;

export class ManagerHistory implements ManagerChanges {
	private readonly kinds = new NumberList();
	private readonly rows = new NumberList();
	private readonly texts: Array<string | null> = [];
	private readonly numbers = new NumberList();
	private readonly columns: Array<string | null> = [];

	/** A history that begins with the snapshot's changes (its arrays taken over, not recorded again). */
	static of(snapshot: ManagerSnapshot): ManagerHistory {
		const history = new ManagerHistory();
		history.kinds.adopt(snapshot.kinds);
		history.rows.adopt(snapshot.rows);
		history.numbers.adopt(snapshot.numbers);
		// Not push(...texts): 400,000 arguments overflow the stack.
		for (const text of snapshot.texts) history.texts.push(text);
		history.columns.push(...snapshot.columns);
		return history;
	}

	created(row: number, name: string | null): void {
		this.add(created, row);
		this.texts.push(name);
	}

	skipped(row: number, userId: string, name: string): void {
		this.add(skipped, row);
		this.texts.push(userId, name);
	}

	invalid(row: number, username: string | null, email: string | null): void {
		this.add(invalid, row);
		this.texts.push(username, email);
	}

	managed(row: number, manager: number | undefined, index: number, line: number, column: string | null, cell: string): void {
		this.add(manager === undefined ? pending : edge, row);
		this.texts.push(cell);
		let place = this.columns.indexOf(column);
		if (place === -1) place = this.columns.push(column) - 1;
		if (manager !== undefined) this.numbers.push(manager);
		this.numbers.push(index);
		this.numbers.push(line);
		this.numbers.push(place);
	}

	private add(kind: number, row: number): void {
		this.kinds.push(kind);
		this.rows.push(row);
	}

	/** The changes made by the rows before `beforeRow`: rows are planned in file order, so the first ones. */
	snapshot(beforeRow: number, indexing: boolean): Omit<ManagerSnapshot, 'fileRows'> {
		let count = 0;
		let high = this.rows.length;
		while (count < high) {
			const middle = (count + high) >>> 1;
			if (this.rows.at(middle) < beforeRow) count = middle + 1;
			else high = middle;
		}
		let texts = 0;
		let numbers = 0;
		let columns = 0;
		for (let index = 0; index < count; index++) {
			const kind = kept[this.kinds.at(index)]!;
			texts += kind.texts;
			numbers += kind.numbers;
			// A manager's last number is its column's place; places are given as columns are first seen.
			if (kind.numbers > 0) columns = Math.max(columns, this.numbers.at(numbers - 1) + 1);
		}
		return {
			beforeRow,
			indexing,
			kinds: new Uint8Array(this.kinds.first(count)),
			rows: this.rows.first(count),
			texts: this.texts.slice(0, texts),
			numbers: this.numbers.first(numbers),
			columns: this.columns.slice(0, columns),
		};
	}

	/**
	 * Each display name a row holds, with its holder: the row (to create), or the user a skipped row
	 * found. Names are asked for only by a read ahead or once the plan is whole, so no map is kept before.
	 */
	names(each: (name: string, holder: number | string) => void): void {
		let text = 0;
		for (let index = 0; index < this.kinds.length; index++) {
			const kind = this.kinds.at(index);
			if (kind === created) {
				const name = this.texts[text];
				if (name) each(name, this.rows.at(index));
			} else if (kind === skipped) each(this.texts[text + 1]!, this.texts[text]!);
			text += kept[kind]!.texts;
		}
	}

	/** Makes the snapshot's changes again, in their order. */
	static replay(snapshot: Omit<ManagerSnapshot, 'fileRows'>, into: ManagerChanges): void {
		const {kinds, rows, texts, numbers, columns} = snapshot;
		let text = 0;
		let number = 0;
		for (let index = 0; index < kinds.length; index++) {
			const row = rows[index]!;
			const kind = kinds[index]!;
			// Texts are null where a change had none; the kinds say which can be.
			const first = texts[text] ?? null;
			const second = texts[text + 1] ?? null;
			if (kind === created) into.created(row, first);
			else if (kind === skipped) into.skipped(row, first!, second!);
			else if (kind === invalid) into.invalid(row, first, second);
			else {
				const manager = kind === edge ? numbers[number++] : undefined;
				into.managed(row, manager, numbers[number]!, numbers[number + 1]!, columns[numbers[number + 2]!] ?? null, first!);
				number += 3;
			}
			text += kept[kind]!.texts;
		}
	}
}

/** Numbers in a typed array that doubles when full: four bytes each, where a plain array's slot takes eight. */
class NumberList {
	private array = new Int32Array(1024);
	length = 0;

	push(value: number): void {
		if (this.length === this.array.length) {
			const wider = new Int32Array(this.length * 2);
			wider.set(this.array);
			this.array = wider;
		}
		this.array[this.length++] = value;
	}

	at(index: number): number {
		return this.array[index]!;
	}

	/** Begins with these numbers (an empty list only). */
	adopt(numbers: ArrayLike<number>): void {
		this.array = new Int32Array(Math.max(1024, numbers.length * 2));
		this.array.set(numbers);
		this.length = numbers.length;
	}

	/** A copy of the first `count`. */
	first(count: number): Int32Array {
		return this.array.slice(0, count);
	}
}
