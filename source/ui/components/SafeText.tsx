import {Text, type TextProps} from 'ink';
import stringWidth from 'string-width';
import {sanitize} from '../../lib/sanitize.js';
import {useTheme} from '../hooks/use-theme.js';

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/**
 * Cuts plain text to at most `width` terminal columns, ending with `ellipsis` when cut. Written by
 * hand because cli-truncate 5 overshoots on wide characters ('日本語' to 4 columns gives 5).
 */
export function truncate(text: string, width: number, ellipsis: string): string {
	if (stringWidth(text) <= width) return text;
	let mark = ellipsis;
	// A mark wider than one column ('...' in ASCII mode) gives way in a narrow cell: one character
	// of the value stays, the mark takes what is left ('a..' in three columns, not '...').
	if (width >= 2 && width - stringWidth(mark) < 1) mark = [...mark].slice(0, width - 1).join('');
	const room = width - stringWidth(mark);
	if (room < 0) return [...mark].slice(0, Math.max(0, width)).join('');
	let result = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		const w = stringWidth(segment);
		if (used + w > room) break;
		result += segment;
		used += w;
	}
	return result + mark;
}

type Printable = string | number | null | undefined;

export type SafeTextProps = Omit<TextProps, 'children' | 'wrap'> & {
	children?: Printable | ReadonlyArray<Printable>;
	/** Truncate to this many columns with the theme's ellipsis (Ink's own truncation always uses '…'). */
	width?: number;
};

/**
 * One line of text that may come from a CSV or the server: escape sequences and control characters
 * are removed (Ink passes OSC sequences, colours, \r and \b straight through) and it never wraps.
 */
export function SafeText({children, width, ...props}: SafeTextProps) {
	const theme = useTheme();
	const parts: ReadonlyArray<Printable> = Array.isArray(children) ? children : [children as Printable];
	let text = sanitize(parts.map(part => (part === null || part === undefined ? '' : String(part))).join(''));
	if (width !== undefined) text = truncate(text, Math.max(0, width), theme.glyphs.ellipsis);
	return (
		<Text wrap="truncate-end" {...props}>
			{text}
		</Text>
	);
}
