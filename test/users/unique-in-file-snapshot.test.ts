import {deserialize, serialize} from 'node:v8';
import {describe, expect, it} from 'vitest';
import type {LookupField} from '../../source/jumpcloud/types.js';
import {UniqueInFile, type UniqueSnapshot} from '../../source/users/unique-in-file.js';
import {seededRandom} from '../support/seeded-random.js';

const fields: LookupField[] = ['username', 'email', 'employeeIdentifier', 'alternateEmail'];
/** Few enough that values repeat, in other cases, with letters lowercasing changes, and one value in several fields. */
const pool = ['ada', 'ADA', 'Zoë', 'ZOË', 'zoë.ångström', 'straße', 'José', 'jose', 'E-1', 'e-1', 'shared@example.com', 'Shared@Example.com', 'a-long-value-of-thirty-characters', 'Ωμέγα', 'ωμέγα'];

type Row = {row: number; line: number; values: Array<[LookupField, string]>};

/** Rows numbered with gaps (as rows a reader skipped leave), each with up to four values: some none, some all repeats. */
function rowsOf(count: number, seed: number, distinct: number): Row[] {
	const next = seededRandom(seed);
	const rows: Row[] = [];
	let row = 1;
	for (let index = 0; index < count; index++) {
		row += next() < 0.2 ? 2 : 1;
		const values: Array<[LookupField, string]> = [];
		for (const field of fields) {
			if (next() < 0.3) continue;
			const fromPool = next() < 0.5;
			values.push([field, fromPool ? pool[Math.floor(next() * pool.length)]! : `value-${Math.floor(next() * distinct)}${next() < 0.5 ? 'X' : 'x'}`]);
		}
		rows.push({row, line: row + 3, values});
	}
	return rows;
}

/** Each row's answers, as checkIdentity asks: one `at` per row, its values in field order. */
function claimAll(unique: UniqueInFile, rows: readonly Row[]) {
	return rows.map(({row, line, values}) => {
		const at = {row, line};
		return values.map(([field, value]) => unique.claim(field, value, at));
	});
}

const roundTrip = (snapshot: UniqueSnapshot): UniqueSnapshot => deserialize(serialize(snapshot)) as UniqueSnapshot;

describe('a snapshot of the values claimed before a row', () => {
	it('restored, answers every later row as the instance that claimed them all does, for every cut', () => {
		const rows = rowsOf(80, 7, 40);
		const whole = new UniqueInFile();
		const answers = claimAll(whole, rows);
		// The rows do repeat: without any earlier row named, the test would hold nothing.
		expect(answers.flat().filter(Boolean).length).toBeGreaterThan(40);
		const cuts = [1, ...rows.map((row) => row.row), rows.at(-1)!.row + 1, rows[10]!.row + 1];
		for (const beforeRow of cuts) {
			const later = rows.filter((row) => row.row >= beforeRow);
			const expected = answers.slice(rows.length - later.length);
			const snapshot = whole.snapshot(beforeRow);
			const untouched = structuredClone(snapshot);
			expect(claimAll(UniqueInFile.restore(snapshot), later), `before row ${beforeRow}`).toEqual(expected);
			expect(snapshot).toEqual(untouched);
			expect(claimAll(UniqueInFile.restore(roundTrip(snapshot)), later), `before row ${beforeRow}, through v8.serialize`).toEqual(expected);
			// Restoring copies what it grows: the snapshot serves again, as it was.
			expect(claimAll(UniqueInFile.restore(snapshot), later), `before row ${beforeRow}, restored again`).toEqual(expected);
		}
	});

	it('holds what the earlier rows claimed, nothing later, and restores past the tables’ first sizes', () => {
		// Over 512 values a field: the restored tables must be sized for them and grow as later rows claim more.
		const rows = rowsOf(3000, 11, 5000);
		const whole = new UniqueInFile();
		const answers = claimAll(whole, rows);
		for (const index of [0, 700, 1400, 2999]) {
			const beforeRow = rows[index]!.row;
			const snapshot = roundTrip(whole.snapshot(beforeRow));
			expect(snapshot.beforeRow).toBe(beforeRow);
			expect([...snapshot.rows].every((row) => row < beforeRow)).toBe(true);
			expect(claimAll(UniqueInFile.restore(snapshot), rows.slice(index)), `before row ${beforeRow}`).toEqual(answers.slice(index));
		}
	});

	it('taken again from a restored one, is the same as the whole one’s', () => {
		const rows = rowsOf(200, 23, 100);
		const whole = new UniqueInFile();
		claimAll(whole, rows);
		const restored = UniqueInFile.restore(whole.snapshot(rows[50]!.row));
		claimAll(restored, rows.slice(50));
		for (const index of [20, 50, 120]) expect(restored.snapshot(rows[index]!.row)).toEqual(whole.snapshot(rows[index]!.row));
	});
});
