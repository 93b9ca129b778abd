import stringWidth from 'string-width';
import {sanitize} from '../../lib/sanitize.js';

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/**
 * Plain text (sanitized here) wrapped to lines of at most `width` columns, at spaces where it can
 * and inside a word longer than a line (a URL); lines after the first start with `indent`, so a
 * wrapped item keeps its indent under its first word.
 */
export function wrapLines(text: string, width: number, indent = '', {fill = false}: {fill?: boolean} = {}): string[] {
	const lines: string[] = [];
	let line = '';
	const room = () => Math.max(1, width - (lines.length > 0 ? stringWidth(indent) : 0));
	const push = () => {
		lines.push((lines.length > 0 ? indent : '') + line.trimEnd());
		line = '';
	};
	for (const word of sanitize(text).split(/(?<= )/)) {
		// With `fill`, a word longer than any line (a path) starts where it is and breaks inside, as a
		// terminal would, saving a line; otherwise it starts on a line of its own (a URL reads whole).
		const longerThanALine = fill && stringWidth(word.trimEnd()) > Math.max(1, width - stringWidth(indent));
		if (line !== '' && stringWidth(line + word.trimEnd()) > room() && !longerThanALine) push();
		for (const {segment} of graphemes.segment(line === '' ? word.trimStart() : word)) {
			if (line !== '' && stringWidth(line + segment) > room() && segment !== ' ') push();
			line += segment;
		}
	}
	if (line.trim() !== '' || lines.length === 0) push();
	return lines;
}
