import stripAnsi from 'strip-ansi';

/**
 * Control characters: C0 except tab and line breaks, DEL, C1, and the bidirectional embeddings,
 * overrides and isolates (and the Arabic letter mark) that make text read differently than it is.
 * The screen could only hide them (sanitize); they are removed from the cell, so what is shown is
 * what is sent. Tabs and line breaks stay inside a cell, as whitespace (addresses span lines).
 */
const controlClass = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u202A-\\u202E\\u2066-\\u2069';
/**
 * Zero-width space and joiners, left-to-right and right-to-left marks (Outlook and Excel leave them
 * in copied text), word joiner, soft hyphen and a stray byte-order mark: invisible, never meant.
 */
const invisibleClass = '\\u200B-\\u200F\\u2060\\uFEFF\\u00AD';
/** No-break and other odd spaces that Excel and web forms leave behind, made plain spaces. */
const oddSpaceClass = '\\u00A0\\u2007\\u202F\\u3000';

/** Control and invisible characters, removed in one pass. */
const removed = new RegExp(`[${controlClass}${invisibleClass}]`, 'g');
const oddSpaces = new RegExp(`[${oddSpaceClass}]`, 'g');
const controls = new RegExp(`[${controlClass}]`);
const odd = new RegExp(`[${controlClass}${invisibleClass}${oddSpaceClass}]`);
/** Whether a cell needs any of it: most do not, and one test is cheaper than three passes. */
const needsCleaning = new RegExp(`^\\s|\\s$|[${controlClass}${invisibleClass}${oddSpaceClass}]`);

/** Whether a stretch of text holds any control, invisible or odd character at all. */
export const hasOddCharacters = (text: string) => odd.test(text);

/** Whether a value holds a control character (cleanCell removes them; the row says so). */
export const hasControlCharacters = (value: string) => controls.test(value);

/**
 * A cell as it was meant: control and invisible characters removed, odd spaces made plain, outer
 * whitespace trimmed. Inner line breaks and tabs stay; the caller counts the cells this changed.
 */
export function cleanCell(value: string): string {
	if (value === '' || !needsCleaning.test(value)) return value;
	// A terminal escape sequence goes whole (its payload too: a title, a link), not only its ESC.
	const text = value.includes('\u001B') || value.includes('\u009B') ? stripAnsi(value) : value;
	return text.replace(removed, '').replace(oddSpaces, ' ').trim();
}

/**
 * cleanCell for text known to hold no control, invisible or odd character: only outer whitespace
 * can need trimming, and looking at the two ends tells.
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
