import {dateParts} from '../lib/value-shapes.js';

/** How a column writes its dates: decided by any value whose day cannot be a month (13–31). */
export type DateOrder = 'day-first' | 'month-first' | 'ambiguous';

/** Undefined when the column holds no written (non-ISO) dates. */
export function inferDateOrder(values: Iterable<string>): DateOrder | undefined {
	let seen = false;
	let dayFirst = false;
	let monthFirst = false;
	for (const value of values) {
		const date = dateParts(value.trim());
		if (!date || date.yearFirst) continue;
		seen = true;
		if (date.parts[0] > 12) dayFirst = true;
		if (date.parts[1] > 12) monthFirst = true;
	}
	if (!seen) return undefined;
	if (dayFirst === monthFirst) return 'ambiguous';
	return dayFirst ? 'day-first' : 'month-first';
}

/** A written date whose first two numbers could each be the month, in a column that does not say which. */
export function isAmbiguousDate(value: string, order: DateOrder | undefined): boolean {
	if (order !== 'ambiguous') return false;
	const date = dateParts(value.trim());
	return date !== undefined && !date.yearFirst && date.parts[0] <= 12 && date.parts[1] <= 12 && date.parts[0] !== date.parts[1];
}

/** The calendar date a cell names, read in the column's order; undefined when it cannot be told. */
export function readDate(value: string, order: DateOrder | undefined): Date | undefined {
	const date = dateParts(value.trim());
	if (!date) return undefined;
	let [year, month, day] = date.parts;
	if (!date.yearFirst) {
		const [first, second, third] = date.parts;
		const dayFirst = order === 'day-first' || first > 12;
		const monthFirst = order === 'month-first' || second > 12;
		if (dayFirst === monthFirst) return undefined;
		[day, month] = dayFirst ? [first, second] : [second, first];
		year = third < 100 ? 2000 + third : third;
	}
	const result = new Date(Date.UTC(year, month - 1, day));
	return result.getUTCMonth() === month - 1 && result.getUTCDate() === day ? result : undefined;
}
