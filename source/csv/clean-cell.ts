/** Zero-width space, joiners, word joiner and a stray byte-order mark: invisible, never meant. */
const invisible = /[\u200B-\u200D\u2060\uFEFF]/g;
/** No-break and other odd spaces that Excel and web forms leave behind, made plain spaces. */
const oddSpaces = /[\u00A0\u2007\u202F\u3000]/g;
/** Whether a cell needs any of it: most do not, and one test is cheaper than three passes. */
const needsCleaning = /^\s|\s$|[\u200B-\u200D\u2060\uFEFF\u00A0\u2007\u202F\u3000]/;

/**
 * A cell as it was meant: invisible characters removed, odd spaces made plain, outer whitespace
 * trimmed. Inner line breaks stay (addresses); the caller counts the cells this changed.
 */
export function cleanCell(value: string): string {
	if (value === '' || !needsCleaning.test(value)) return value;
	return value.replace(invisible, '').replace(oddSpaces, ' ').trim();
}
