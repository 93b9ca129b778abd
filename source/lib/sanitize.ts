import stripAnsi from 'strip-ansi';

// C0 and C1 controls, DEL, and the bidirectional marks, overrides and isolates that can make text
// read differently than it is.
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Escape sequences strip-ansi leaves behind: lone ESC-letter pairs and unterminated OSC/DCS strings.
const leftoverEscapes = /\u001b[\]P^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]/g;

/**
 * Makes a string from a CSV or a server safe to draw on one terminal line: escape sequences
 * (window title, clear screen, colours, hyperlinks) removed, line breaks and tabs turned into
 * spaces, every other control character shown as U+FFFD.
 */
export function sanitize(text: string): string {
	return stripAnsi(text)
		.replace(leftoverEscapes, '')
		.replace(/\r\n|[\r\n\t\v\f]/g, ' ')
		.replace(unsafe, '\uFFFD');
}
