/**
 * Characters JSON.stringify leaves as they are but a terminal acts on or hides: DEL and the C1
 * controls (U+009B is a one-byte CSI), bidi overrides and isolates, invisible format characters,
 * and the line and paragraph separators.
 */
const unsafe = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** JSON for stdout: the same value, with every such character written as a `\uXXXX` escape. */
export function terminalJson(value: unknown): string {
	return JSON.stringify(value).replace(unsafe, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
