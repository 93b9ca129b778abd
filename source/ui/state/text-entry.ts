import type {Key} from 'ink';
import stripAnsi from 'strip-ansi';
import {sanitize} from '../../lib/sanitize.js';
import {noKey} from '../key-names.js';

/**
 * A key applied to a field's text: typed or pasted characters are appended (control characters
 * and escape sequences dropped), Backspace removes the last one, Ctrl+U clears. Undefined when the
 * key does not edit text.
 */
export function editText(value: string, input: string, key: Key): string | undefined {
	// Ink 6 reports the Backspace key (DEL) as `delete`.
	if (key.backspace || key.delete) return [...value].slice(0, -1).join('');
	if (key.ctrl && input === 'u') return '';
	if (key.ctrl || key.meta || key.escape || key.return || key.tab) return undefined;
	// A paste arrives as one chunk: its line breaks become spaces, like a one-line field takes them.
	const typed = sanitize(input);
	return typed === '' ? undefined : value + typed;
}

/**
 * Keys that arrived together in one read (fast typing, a slow SSH link, `y` then Ctrl+C), one
 * by one, so each acts on the screen the one before it led to. Escape sequences (arrows and the
 * like) are single keys and stay whole.
 */
export function splitKeys(input: string, key: Key): Array<{input: string; key: Key}> {
	if ([...input].length <= 1 || input.startsWith('\u001b')) return [{input, key}];
	// A pasted escape sequence is not keys: it goes before the chunk is taken apart.
	return [...stripAnsi(input)].filter((char) => char !== '\u001b').map((char) => {
		if (char === '\r' || char === '\n') return {input: '\r', key: {...noKey, return: true}};
		if (char === '\t') return {input: '', key: {...noKey, tab: true}};
		if (char === '\u007f' || char === '\b') return {input: '', key: {...noKey, delete: true}};
		const code = char.charCodeAt(0);
		// Ctrl+letter arrives as 1–26; Ink names it by the letter.
		if (code >= 1 && code <= 26) return {input: String.fromCharCode(code + 96), key: {...noKey, ctrl: true}};
		return {input: char, key: noKey};
	});
}
