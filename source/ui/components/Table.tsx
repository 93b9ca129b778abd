import {useRef} from 'react';
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {sanitize} from '../../lib/sanitize.js';
import {useTheme} from '../hooks/use-theme.js';
import {formatNumber} from './count.js';
import {truncate} from './SafeText.js';

export type TableColumn = {
	key: string;
	header: string;
	/** Fixed width in terminal columns. */
	width?: number;
	/** Never shrink below this when space is short. */
	minWidth?: number;
	/** Take a share of the space left after the other columns. */
	grow?: boolean;
	align?: 'left' | 'right';
};

export type TableRow = Readonly<Record<string, string | undefined>>;

/** Rows either as an array, or as count + rowAt so a 100,000-row preview never builds every row. */
export type TableSource =
	| {rows: ReadonlyArray<TableRow>; count?: undefined; rowAt?: undefined}
	| {count: number; rowAt: (index: number) => TableRow; rows?: undefined};

export type TableProps = TableSource & {
	columns: ReadonlyArray<TableColumn>;
	selected?: number;
	/** Visible data rows. The table draws at most height + 2 lines: header, rows, position line. */
	height: number;
	width: number;
	/** A status glyph before each row, e.g. ✔ or ✖ (always a glyph: colour is only an extra). */
	marker?: (index: number) => {glyph: string; color?: string} | undefined;
};

const gap = '  ';

/**
 * First visible row: scrolls only as far as needed to keep `selected` in view, so the cursor moves
 * inside a still window instead of dragging every row with it.
 */
export function windowStart(selected: number | undefined, count: number, height: number, previousStart = 0): number {
	const lastStart = Math.max(0, count - Math.max(1, height));
	let start = Math.min(Math.max(0, previousStart), lastStart);
	if (selected === undefined || count === 0) return start;
	const cursor = Math.min(Math.max(0, selected), count - 1);
	if (cursor < start) start = cursor;
	else if (cursor >= start + height) start = cursor - Math.max(1, height) + 1;
	return Math.min(Math.max(0, start), lastStart);
}

/** Fixed widths stay; others fit the visible content; too wide shrinks the widest; grow columns share what is left. */
function columnWidths(columns: ReadonlyArray<TableColumn>, cells: string[][], available: number): number[] {
	const natural = columns.map((column, i) => Math.max(stringWidth(column.header), ...cells.map(row => stringWidth(row[i] ?? ''))));
	const widths = columns.map((column, i) => {
		if (column.width !== undefined) return column.width;
		if (column.grow) return column.minWidth ?? stringWidth(column.header);
		return Math.max(column.minWidth ?? 0, natural[i] ?? 0);
	});
	const sum = () => widths.reduce((total, w) => total + w, 0);
	const shrinkWidest = (candidates: number[], floor: (i: number) => number) => {
		while (sum() > available) {
			const open = candidates.filter(i => widths[i]! > floor(i));
			if (open.length === 0) return;
			const widest = open.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
			widths[widest]!--;
		}
	};
	const indexes = columns.map((_, i) => i);
	shrinkWidest(indexes.filter(i => columns[i]!.width === undefined), i => columns[i]!.minWidth ?? 1);
	shrinkWidest(indexes, () => 1);
	const growing = indexes.filter(i => columns[i]!.grow);
	const extra = available - sum();
	if (extra > 0 && growing.length > 0) {
		growing.forEach((i, n) => {
			widths[i]! += Math.floor(extra / growing.length) + (n < extra % growing.length ? 1 : 0);
		});
	}
	return widths;
}

/** Pads or cuts to exactly `width` columns, measured with string-width so CJK and emoji stay aligned. */
function fit(text: string, width: number, align: 'left' | 'right' | undefined, ellipsis: string): string {
	const cut = truncate(text, width, ellipsis);
	const pad = ' '.repeat(Math.max(0, width - stringWidth(cut)));
	return align === 'right' ? pad + cut : cut + pad;
}

/** A windowed table: only the visible rows are read, sanitized and drawn. */
export function Table(props: TableProps) {
	const {columns, selected, height, width, marker} = props;
	const theme = useTheme();
	const count = props.rows ? props.rows.length : props.count;
	const rowAt = props.rows ? (index: number) => props.rows[index] ?? {} : props.rowAt;
	// Remembered between renders so moving the cursor inside the window does not scroll it.
	const startRef = useRef(0);
	const start = windowStart(selected, count, height, startRef.current);
	startRef.current = start;
	const end = Math.min(count, start + Math.max(0, height));

	const indexes = Array.from({length: end - start}, (_, n) => start + n);
	const cells = indexes.map(index => {
		const row = rowAt(index);
		return columns.map(column => sanitize(row[column.key] ?? ''));
	});
	const marks = indexes.map(index => {
		const mark = marker?.(index);
		return mark && {glyph: sanitize(mark.glyph), color: mark.color};
	});
	const markWidth = marker ? Math.max(1, ...marks.map(mark => stringWidth(mark?.glyph ?? ''))) : 0;
	// No pointer column when nothing can be selected (e.g. a progress list).
	const pointerWidth = selected === undefined ? 0 : stringWidth(theme.glyphs.pointer);
	const prefixWidth = (pointerWidth ? pointerWidth + 1 : 0) + (marker ? markWidth + 1 : 0);
	const available = width - prefixWidth - gap.length * Math.max(0, columns.length - 1);
	const widths = columnWidths(columns, cells, Math.max(0, available));
	// Trailing spaces are work for Ink on every frame and bytes on the wire: only a selected row,
	// whose highlight spans the width, keeps them.
	const line = (values: string[], padded = false) => {
		const text = values.map((value, i) => fit(value, widths[i] ?? 0, columns[i]?.align, theme.glyphs.ellipsis)).join(gap);
		return padded ? text : text.trimEnd();
	};
	const dash = theme.ascii ? '-' : '–';

	return (
		<Box flexDirection="column" width={width} overflowY="hidden">
			<Text wrap="truncate-end" bold={theme.color} color={theme.colors.muted}>
				{' '.repeat(prefixWidth)}
				{line(columns.map(column => sanitize(column.header)))}
			</Text>
			{indexes.map((index, n) => {
				const isSelected = index === selected;
				const mark = marks[n];
				return (
					<Text key={index} wrap="truncate-end">
						{pointerWidth ? <Text color={theme.colors.accent}>{isSelected ? theme.glyphs.pointer : ' '.repeat(pointerWidth)} </Text> : null}
						{marker ? (
							<Text color={theme.color ? mark?.color : undefined}>{fit(mark?.glyph ?? '', markWidth, 'left', '')} </Text>
						) : null}
						<Text inverse={isSelected && theme.color}>{line(cells[n] ?? [], isSelected)}</Text>
					</Text>
				);
			})}
			{count === 0 ? <Text color={theme.colors.muted}>{' '.repeat(prefixWidth)}No rows</Text> : null}
			{count > end - start && end > start ? (
				<Text color={theme.colors.muted}>
					{' '.repeat(prefixWidth)}
					{/* One row shown: 'row 3 of 40', not 'rows 3–3 of 40'. */}
					{end - start === 1 ? `row ${formatNumber(end)}` : `rows ${formatNumber(start + 1)}${dash}${formatNumber(end)}`} of {formatNumber(count)}
				</Text>
			) : null}
		</Box>
	);
}
