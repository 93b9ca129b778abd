/**
 * Zero-width space and joiners, left-to-right and right-to-left marks (Outlook and Excel leave them
 * in copied text), word joiner, soft hyphen and a stray byte-order mark: invisible, never meant.
 */
const invisible = /[\u200B-\u200F\u2060\uFEFF\u00AD]/g;
/** No-break and other odd spaces that Excel and web forms leave behind, made plain spaces. */
const oddSpaces = /[\u00A0\u2007\u202F\u3000]/g;
/** Whether a cell needs any of it: most do not, and one test is cheaper than three passes. */
const needsCleaning = /^\s|\s$|[\u200B-\u200F\u2060\uFEFF\u00AD\u00A0\u2007\u202F\u3000]/;
/** Whether a stretch of text holds any invisible or odd character at all. */
export const hasOddCharacters = (text: string) => /[\u200B-\u200F\u2060\uFEFF\u00AD\u00A0\u2007\u202F\u3000]/.test(text);

/**
 * A cell as it was meant: invisible characters removed, odd spaces made plain, outer whitespace
 * trimmed. Inner line breaks stay (addresses); the caller counts the cells this changed.
 */
export function cleanCell(value: string): string {
	if (value === '' || !needsCleaning.test(value)) return value;
	return value.replace(invisible, '').replace(oddSpaces, ' ').trim();
}

/**
 * cleanCell for text known to hold no invisible or odd character: only outer whitespace can need
 * trimming, and looking at the two ends tells.
 */
export function trimCell(value: string): string {
	const last = value.length - 1;
	if (last < 0 || (!isSpace(value.charCodeAt(0)) && !isSpace(value.charCodeAt(last)))) return value;
	return value.trim();
}

/** What String.prototype.trim removes: ASCII whitespace, and the Unicode spaces (U+2003 …) above it. */
function isSpace(code: number): boolean {
	if (code <= 32) return true;
	// Between DEL and U+1680 only the no-break space is one: accented letters need no pattern.
	if (code < 0x1680) return code === 0xa0;
	return /\s/.test(String.fromCharCode(code));
}
