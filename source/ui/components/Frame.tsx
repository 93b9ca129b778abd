import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {sanitize} from '../../lib/sanitize.js';
import {fullMessage} from '../keymap.js';
import {useTerminalSize, type TerminalSize} from '../hooks/use-terminal-size.js';
import {useTheme} from '../hooks/use-theme.js';
import {truncate} from './SafeText.js';
import {wrapLines} from './wrap.js';

export const minimumSize = {columns: 60, rows: 15} as const;

export type Hint = {keys: string; label: string};

export type FrameProps = {
	title: string;
	/** The organisation being written to; shown on every screen so a live org is never a surprise. */
	target?: {label: string; sandbox: boolean};
	hints: ReadonlyArray<Hint>;
	status?: string;
	/** Ctrl+E: the status line (and where the users go) in full, in place of the body. The reducer's flag. */
	messageOpen?: boolean;
	children?: ReactNode;
};

// Lines the frame itself uses: header, rule under it, status line (always reserved so the body does
// not jump when a status appears), hints. Columns: one of padding on each side.
const chromeRows = 4;
const paddingColumns = 2;

/** The body's size inside a frame on a terminal of this size. Zero when the terminal is too small. */
export function bodySize(terminal: TerminalSize): TerminalSize {
	if (isTooSmall(terminal)) return {columns: 0, rows: 0};
	return {columns: terminal.columns - paddingColumns, rows: terminal.rows - 1 - chromeRows};
}

/** How many rows and columns a screen's body has, so it can window tables to fit. */
export function useBodySize(): TerminalSize {
	return bodySize(useTerminalSize());
}

function isTooSmall({columns, rows}: TerminalSize): boolean {
	return columns < minimumSize.columns || rows < minimumSize.rows;
}

/**
 * The full-screen frame every screen renders inside. Exactly rows-1 tall: when Ink's last frame is
 * as tall as the terminal it clears the whole screen and scrollback on every update (flicker).
 */
export function Frame({title, target, hints, status, messageOpen = false, children}: FrameProps) {
	const theme = useTheme();
	const size = useTerminalSize();
	const height = Math.max(1, size.rows - 1);
	if (isTooSmall(size)) {
		const times = theme.ascii ? 'x' : '×';
		return (
			<Box width={size.columns} height={height} overflow="hidden" alignItems="center" justifyContent="center">
				<Text>
					Terminal too small: need {minimumSize.columns}
					{times}
					{minimumSize.rows}, have {size.columns}
					{times}
					{size.rows}
				</Text>
			</Box>
		);
	}

	const inner = size.columns - paddingColumns;
	return (
		// overflowY only: a horizontal clip makes Ink re-slice every line of every frame (slice-ansi, a
		// third of its CPU during an import), and every line drawn is already cut to the width.
		<Box flexDirection="column" width={size.columns} height={height} overflowY="hidden" paddingX={1}>
			{/* Yoga shrinks every child of a full column, text too (lines drawn over each other): only the body gives way, and it clips. */}
			<Box flexShrink={0}>
				<Header title={title} target={target} width={inner} />
			</Box>
			<Box flexShrink={0}>
				<Text color={theme.colors.muted}>{theme.glyphs.rule.repeat(inner)}</Text>
			</Box>
			<Box flexDirection="column" flexGrow={1} overflowY="hidden">
				<Box flexDirection="column" flexShrink={0}>
					{messageOpen ? <FullMessage text={status} target={target} width={inner} rows={bodySize(size).rows} /> : children}
				</Box>
			</Box>
			<Box flexShrink={0} height={1}>
				<Text wrap="truncate-end">{statusLine(sanitize(status ?? ''), inner, theme.glyphs.ellipsis)}</Text>
			</Box>
			<Box flexShrink={0}>
				<Hints hints={hints} width={inner} />
			</Box>
		</Box>
	);
}

/** The status line, or when it does not fit, as much as fits and how to read it all. */
export function statusLine(text: string, width: number, ellipsis: string): string {
	if (stringWidth(text) <= width) return text;
	const more = ` (${fullMessage.shown} full text)`;
	// Too narrow for the note as well (never, from 60 columns): plainly cut.
	if (width - stringWidth(more) < 10) return truncate(text, width, ellipsis);
	return truncate(text, width - stringWidth(more), ellipsis) + more;
}

/**
 * Ctrl+E: the whole status line, wrapped (keeping its indent under the first word), in place of the
 * screen's body; any key closes it. A message taller than the body gives up the title and the
 * closing line (the footer says how to close) before any of its own lines.
 */
function FullMessage({text, target, width, rows}: {text: string | undefined; target: FrameProps['target']; width: number; rows: number}) {
	const theme = useTheme();
	const clean = sanitize(text ?? '');
	// Where the users go, whole: the header cuts a long label at 60 columns.
	const where = target ? wrapLines(sanitize(`Where: ${target.label}`), width, '  ') : [];
	const lines = [...wrapLines(clean === '' ? 'There is no message on this screen now.' : clean, width, '  '), ...where];
	const framed = lines.length + 2 <= rows;
	// Taller still (a page of validation details): as much as fits, the last line saying it goes on.
	const shown = lines.length <= rows ? lines : [...lines.slice(0, Math.max(0, rows - 1)), `${truncate(lines[Math.max(0, rows - 1)]!, width - 2, '')} ${theme.glyphs.ellipsis}`];
	return (
		<Box flexDirection="column" width={width}>
			{framed ? <Text bold={theme.color}>The message in full</Text> : null}
			{shown.map((line, index) => (
				<Text key={index}>{line}</Text>
			))}
			{framed ? <Text color={theme.colors.muted}>Any key closes this.</Text> : null}
		</Box>
	);
}

/** Title on the left, target on the right; the title gives way first, the SANDBOX badge never does. */
function Header({title, target, width}: {title: string; target: FrameProps['target']; width: number}) {
	const theme = useTheme();
	const sandbox = target?.sandbox === true;
	// The word carries the meaning; brackets stand in for the coloured background under NO_COLOR.
	const badge = sandbox ? (theme.color ? ' SANDBOX ' : '[SANDBOX]') : '';
	const badgeWidth = badge ? stringWidth(badge) + 1 : 0;
	const label = sanitize(target?.label ?? '');
	const gap = 2;
	const titleRoom = Math.max(0, width - badgeWidth - gap - Math.min(stringWidth(label), 20));
	const shownTitle = truncate(sanitize(title), titleRoom, theme.glyphs.ellipsis);
	const labelRoom = Math.max(0, width - stringWidth(shownTitle) - gap - badgeWidth);
	const shownLabel = truncate(label, labelRoom, theme.glyphs.ellipsis);
	const spaces = Math.max(0, width - stringWidth(shownTitle) - stringWidth(shownLabel) - badgeWidth);
	return (
		<Text wrap="truncate-end">
			<Text bold={theme.color}>{shownTitle}</Text>
			{' '.repeat(spaces)}
			<Text color={theme.colors.accent}>{shownLabel}</Text>
			{badge ? ' ' : ''}
			{badge ? (
				<Text bold={theme.color} inverse={theme.color} color={theme.colors.sandbox}>
					{badge}
				</Text>
			) : null}
		</Text>
	);
}

/** One line of key hints; hints that do not fit are dropped whole, then an ellipsis says so. */
function Hints({hints, width}: {hints: ReadonlyArray<Hint>; width: number}) {
	const theme = useTheme();
	const widths = hints.map((hint, index) => (index > 0 ? 2 : 0) + stringWidth(hint.keys) + 1 + stringWidth(hint.label));
	const total = widths.reduce((sum, w) => sum + w, 0);
	// Room for the ellipsis (and a space before it) only when something is dropped.
	const room = total <= width ? width : width - 1 - stringWidth(theme.glyphs.ellipsis);
	let count = 0;
	for (let used = 0; count < hints.length && used + widths[count]! <= room; count++) used += widths[count]!;
	const shown = hints.slice(0, count);
	const cut = count < hints.length;
	return (
		<Text wrap="truncate-end">
			{shown.map((hint, index) => (
				<Text key={index}>
					{index > 0 ? '  ' : ''}
					<Text bold={theme.color} color={theme.colors.accent}>
						{hint.keys}
					</Text>{' '}
					<Text color={theme.colors.muted}>{hint.label}</Text>
				</Text>
			))}
			{cut ? ` ${theme.glyphs.ellipsis}` : ''}
		</Text>
	);
}
