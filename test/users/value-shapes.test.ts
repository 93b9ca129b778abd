import {describe, expect, it} from 'vitest';
import {isEmail, isPhone, isScientificNotation, parseBoolean} from '../../source/lib/value-shapes.js';
import {inferDateOrder, isAmbiguousDate, readDate} from '../../source/users/date-order.js';

describe('value shapes', () => {
	it('reads booleans in every spelling the catalog allows, and no others', () => {
		for (const word of ['true', 'TRUE', 'yes', 'Y', '1', '$true', '$True', 'ja', 'oui', 'sí']) expect(parseBoolean(word)).toBe(true);
		for (const word of ['false', 'No', 'n', '0', '$false', 'nein', 'non']) expect(parseBoolean(word)).toBe(false);
		for (const word of ['maybe', '2', '', 'truee']) expect(parseBoolean(word)).toBeUndefined();
	});

	it('tells emails, phones and Excel damage', () => {
		expect(isEmail('jane.doe+it@example.co.uk')).toBe(true);
		expect(isEmail('jane@localhost')).toBe(false);
		expect(isEmail('jane doe@example.com')).toBe(false);
		expect(isPhone('+49 (0)171 234-5678')).toBe(true);
		expect(isPhone('0171 2345678 ext. 12')).toBe(true);
		expect(isPhone('12')).toBe(false);
		expect(isScientificNotation('4.41E+11')).toBe(true);
		expect(isScientificNotation('4,41E+11')).toBe(true);
		expect(isScientificNotation('441000000000')).toBe(false);
	});
});

describe('dates', () => {
	it('infers the order of a column from any value that decides it', () => {
		expect(inferDateOrder(['03/04/2024', '25/12/2024'])).toBe('day-first');
		expect(inferDateOrder(['03/04/2024', '12/25/2024'])).toBe('month-first');
		expect(inferDateOrder(['03/04/2024', '05/06/2024'])).toBe('ambiguous');
		expect(inferDateOrder(['2024-03-04', 'Sales'])).toBeUndefined();
	});

	it('flags only values that could be read both ways in an undecided column', () => {
		expect(isAmbiguousDate('03/04/2024', 'ambiguous')).toBe(true);
		expect(isAmbiguousDate('04/04/2024', 'ambiguous')).toBe(false);
		expect(isAmbiguousDate('03/04/2024', 'day-first')).toBe(false);
	});

	it('reads dates in the column order', () => {
		expect(readDate('03/04/2024', 'day-first')?.toISOString()).toBe('2024-04-03T00:00:00.000Z');
		expect(readDate('9/15/2022 2:20:25 PM', undefined)?.toISOString()).toBe('2022-09-15T00:00:00.000Z');
		expect(readDate('03/04/2024', 'ambiguous')).toBeUndefined();
		expect(readDate('31/02/2024', 'day-first')).toBeUndefined();
	});
});
