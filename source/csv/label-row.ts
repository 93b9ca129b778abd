import {isEmail, isPhone, isStructuredValue, looksLikeDate} from '../lib/value-shapes.js';
import {cleanCell} from './clean-cell.js';

/**
 * Whether the row under the header is a second header that relabels its columns, not data: SAP
 * SuccessFactors' user data file has system keys on row 1 (`USERID`, `FIRSTNAME`) and the labels
 * shown to people on row 2 (`USERID`, `First Name`); the import reads data from row 3 on.
 *
 * A label row names every named column, with distinct names that are no column's value. Then either
 * it echoes the header (half the names or more equal once case, spaces and punctuation are folded),
 * or the rows below hold emails, numbers, dates or phone numbers in two columns or more where it holds words.
 */
export function isLabelRow(header: readonly string[], candidate: readonly string[], below: ReadonlyArray<readonly string[]>): boolean {
	const names = header.map(cleanCell);
	const labels = names.map((_, index) => cleanCell(candidate[index] ?? ''));
	if (candidate.slice(names.length).some((cell) => cleanCell(cell) !== '')) return false;
	const named = names.flatMap((name, index) => (name === '' ? [] : [index]));
	if (named.length < 2 || named.some((index) => labels[index] === '')) return false;
	if (labels.some(looksLikeValue)) return false;
	if (new Set(labels.map((label) => label.toLowerCase())).size < labels.length) return false;

	const rows = below.filter((row) => row.some((cell) => cleanCell(cell) !== ''));
	const columnValues = (index: number) => rows.map((row) => cleanCell(row[index] ?? '')).filter((value) => value !== '');
	if (named.some((index) => columnValues(index).some((value) => value.toLowerCase() === labels[index]!.toLowerCase()))) return false;

	const echoes = named.filter((index) => folded(labels[index]!) === folded(names[index]!)).length;
	if (echoes * 2 >= named.length) return true;
	// Two such columns at least: one row of a text where a phone number goes (`ask reception`) is data.
	const typedColumns = named.filter((index) => {
		const values = columnValues(index);
		return values.length > 0 && values.filter(looksLikeValue).length >= 0.8 * values.length;
	});
	return typedColumns.length >= 2;
}

/** What a value looks like and a column name never does. */
function looksLikeValue(text: string): boolean {
	return isEmail(text) || looksLikeDate(text) || /^[+-]?\d[\d\s.,/()-]*$/.test(text) || isPhone(text) || /^(?:true|false)$/i.test(text) || isStructuredValue(text);
}

/** `First Name`, `FIRSTNAME` and `first_name` alike: lower case, no accents, letters and digits only. */
function folded(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');
}
