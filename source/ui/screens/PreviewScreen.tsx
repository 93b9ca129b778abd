import {Box, Text} from 'ink';
import type {ScreenProps} from './screen-props.js';
import {SafeText} from '../components/SafeText.js';
import {Table} from '../components/Table.js';
import {TextField} from '../components/TextField.js';
import {wrapLines} from '../components/wrap.js';
import {useBodySize} from '../components/Frame.js';
import {useTheme} from '../hooks/use-theme.js';
import {targetLabel} from '../../mapping/catalog.js';
import {rowStatus, shownRows} from '../state/steps/preview.js';
import {previewCells} from './preview-cells.js';
import type {Theme} from '../theme.js';
import type {RowPlan} from '../../importer/row-plan.js';
import type {Plan} from '../state/wizard-state.js';

/** Screen 6: every row as it will be sent (never a password), errors and warnings marked. */
export function PreviewScreen({state}: ScreenProps) {
	const theme = useTheme();
	const body = useBodySize();
	const plan = state.plan;
	const {preview} = state;
	// Kept per plan and query (preview-search.ts): a key typed at 100,000 rows searches only what the last one found.
	const shown = shownRows(state);
	if (!plan) return null;

	if (preview.detail) {
		const row = plan.rows.find((candidate) => candidate.row === preview.detail!.row);
		if (!row) return null;
		return <RowDetail row={row} state={state} width={body.columns} height={body.rows} theme={theme} />;
	}

	const n = (value: number) => value.toLocaleString('en-US');
	const filters = [preview.errorsOnly ? 'errors only' : '', preview.search ? `search “${preview.search}”` : ''].filter(Boolean).join(', ');
	return (
		<Box flexDirection="column">
			<SafeText width={body.columns}>{planCounts(plan, n)}</SafeText>
			{preview.searching ? <TextField label="Search:" value={preview.search} focused /> : <SafeText width={body.columns} color={theme.colors.muted}>{filters ? `Showing ${filters}: ${n(shown.length)} ${shown.length === 1 ? 'row' : 'rows'} (Esc shows all)` : ' '}</SafeText>}
			<Table
				width={body.columns}
				height={Math.max(1, body.rows - 5)}
				selected={preview.cursor}
				columns={[
					{key: 'row', header: 'Row', width: Math.max(3, String(plan.rows.at(-1)?.row ?? 0).length), align: 'right'},
					{key: 'username', header: 'Username', width: Math.min(20, Math.floor(body.columns * 0.17))},
					{key: 'email', header: 'Email', width: Math.min(30, Math.floor(body.columns * 0.26))},
					{key: 'name', header: 'Name', width: Math.min(20, Math.floor(body.columns * 0.16))},
					{key: 'note', header: 'Issues / groups', grow: true},
				]}
				count={shown.length}
				rowAt={(index) => previewCells(plan.rows[shown[index]!]!)}
				marker={(index) => statusMark(plan.rows[shown[index]!]!, theme)}
			/>
			<Text color={theme.colors.muted}>{`${theme.glyphs.ok} create  ${theme.glyphs.warning} warning  ${theme.glyphs.error} error (not sent)  ${theme.glyphs.skipped} exists (skipped)`}</Text>
		</Box>
	);
}

/**
 * What will happen to the rows, as the plan says: a row the directory checks refused is an error
 * too. Warnings are rows to create that carry one; the legend below says errors are not sent.
 */
function planCounts(plan: Plan, n: (value: number) => string): string {
	const {creates, invalid, skips} = plan.summary;
	const count = (value: number, one: string, many: string) => `${n(value)} ${value === 1 ? one : many}`;
	return `${n(creates)} to create · ${count(plan.warnings, 'warning', 'warnings')} · ${count(invalid, 'error', 'errors')} · ${count(skips, 'exists', 'exist')}`;
}

export function statusMark(row: RowPlan, theme: Theme): {glyph: string; color?: string} {
	const status = rowStatus(row);
	if (status === 'error') return {glyph: theme.glyphs.error, ...(theme.colors.error ? {color: theme.colors.error} : {})};
	if (status === 'warning') return {glyph: theme.glyphs.warning, ...(theme.colors.warning ? {color: theme.colors.warning} : {})};
	if (status === 'skip') return {glyph: theme.glyphs.skipped, ...(theme.colors.muted ? {color: theme.colors.muted} : {})};
	return {glyph: theme.glyphs.ok, ...(theme.colors.ok ? {color: theme.colors.ok} : {})};
}

/** One row: each mapped cell (editable, passwords withheld), then its issues. */
function RowDetail({row, state, width, height, theme}: {row: RowPlan; state: ScreenProps['state']; width: number; height: number; theme: Theme}) {
	const detail = state.preview.detail!;
	const edit = state.preview.edit;
	const cells = detail.cells;
	const selectedHeader = cells?.[detail.cursor]?.header;
	const roomBeside = (tableRows: number) => Math.max(1, height - 4 - tableRows);
	const kept = issueLines(row, selectedHeader, width, roomBeside(Math.min(cells?.length ?? 1, 3)), theme);
	// The issue of the cell the cursor is on is never cut: the cells give up rows (down to one) first.
	const issues = kept.some((line) => line.cut) ? issueLines(row, selectedHeader, width, roomBeside(1), theme) : kept;
	const status = rowStatus(row);
	const verdict = status === 'error' ? 'not sent: it has errors' : status === 'skip' ? 'skipped: already in JumpCloud' : status === 'warning' ? 'will be created (with warnings)' : 'will be created';
	return (
		<Box flexDirection="column">
			<SafeText width={width}>{`Row ${row.row} (line ${row.line}): ${verdict}`}</SafeText>
			{cells === undefined ? (
				<Text color={theme.colors.muted}>Reading the row…</Text>
			) : (
				<Table
					width={width}
					height={Math.max(1, height - 4 - issues.length)}
					selected={detail.cursor}
					columns={[
						{key: 'header', header: 'Column', width: Math.min(22, Math.floor(width * 0.3))},
						{key: 'target', header: 'Attribute', width: Math.min(20, Math.floor(width * 0.25))},
						{key: 'value', header: 'Value', grow: true},
					]}
					count={cells.length}
					rowAt={(index) => {
						const cell = cells[index]!;
						const edited = state.edits.some((known) => known.row === row.row && known.column === cell.column);
						return {header: cell.header, target: cell.target === null ? '— ignored' : targetLabel(cell.target), value: cell.secret ? '(hidden)' : `${cell.value}${edited ? '  (edited)' : ''}`};
					}}
				/>
			)}
			{edit ? <TextField label={`New value for ${edit.header}:`} value={edit.value} focused /> : null}
			{issues.map((line, index) => (
				<SafeText key={index} width={width} {...(line.color ? {color: line.color} : {})}>
					{line.text}
				</SafeText>
			))}
		</Box>
	);
}

/** `cut`: the line saying the first issue shown did not fit whole. */
type IssueLine = {text: string; color?: string | undefined; cut?: boolean};

/**
 * A row's issues wrapped in full (each keeps its indent), in at most `room` lines. When they do not
 * all fit, the list starts at the issues of the cell the cursor is on (↑↓ through the cells shows
 * each one's), and the last line says how many more there are.
 */
function issueLines(row: RowPlan, selectedHeader: string | undefined, width: number, room: number, theme: Theme): IssueLine[] {
	const wrapped = row.issues.map((issue) => {
		const color = issue.severity === 'error' ? theme.colors.error : theme.colors.warning;
		const text = `${issue.severity === 'error' ? theme.glyphs.error : theme.glyphs.warning} ${issue.column ?? 'row'}: ${issue.message}`;
		return wrapLines(text, width, '  ').map((line) => ({text: line, color}));
	});
	const total = wrapped.reduce((sum, lines) => sum + lines.length, 0);
	if (total <= room) return wrapped.flat();
	const selected = row.issues.findIndex((issue) => issue.column === selectedHeader);
	const order = selected > 0 ? [...wrapped.slice(selected), ...wrapped.slice(0, selected)] : wrapped;
	// One line kept for saying what is left out.
	const lines: IssueLine[] = [];
	let shown = 0;
	for (const issue of order) {
		if (lines.length + issue.length > room - 1) {
			// An issue longer than all the room is drawn as far as it goes (the rest is on its cell, one line each).
			if (shown === 0) lines.push(...issue.slice(0, Math.max(1, room - 1)));
			break;
		}
		lines.push(...issue);
		shown++;
	}
	const more = row.issues.length - Math.max(shown, 1);
	const cut = shown === 0 ? ' (cut)' : '';
	lines.push({text: `  +${more} more ${more === 1 ? 'issue' : 'issues'}${cut}: ↑↓ to a cell shows its own`, color: theme.colors.muted, cut: shown === 0});
	return lines;
}
