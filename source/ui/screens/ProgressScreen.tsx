import {useCallback} from 'react';
import {Box, Text} from 'ink';
import type {ScreenProps} from '../App.js';
import {SafeText} from '../components/SafeText.js';
import {Table} from '../components/Table.js';
import {useBodySize} from '../components/Frame.js';
import {useTheme} from '../hooks/use-theme.js';
import {useSnapshot} from '../hooks/use-snapshot.js';
import type {ProgressSnapshot} from '../../importer/progress-tracker.js';
import type {Theme} from '../theme.js';

/** Screen 8: counters, rate, ETA, throttled or paused, the latest rows and the failed ones. */
export function ProgressScreen({state, tasks}: ScreenProps) {
	if (state.confirm === 'rollback') return <RollbackProgress tasks={tasks} />;
	return <ImportProgress tasks={tasks} />;
}

const progressIntervalMs = 500;
const latestRows = 6;

function ImportProgress({tasks}: Pick<ScreenProps, 'tasks'>) {
	const theme = useTheme();
	const body = useBodySize();
	const read = useCallback(() => tasks.tracker.snapshot(), [tasks]);
	// Twice a second: each frame costs Ink ~10 ms of CPU, and the import is what the CPU is for.
	const snapshot = useSnapshot(read, sameSnapshot, progressIntervalMs);
	const {counts} = snapshot;
	const done = counts.created + counts.skipped + counts.failed;
	const total = Math.max(1, done + counts.remaining);
	const n = (value: number) => value.toLocaleString('en-US');
	const barWidth = Math.max(10, body.columns - 24);
	const filled = Math.round((Math.min(done, total) / total) * barWidth);
	const failedRows = snapshot.failed;
	// The latest rows are a sign of life, not a log: a few are enough, and every row drawn costs.
	const listHeight = Math.min(latestRows, Math.max(1, Math.floor((body.rows - 7) / (failedRows.length > 0 ? 2 : 1)) - 2));
	// Each list takes a title, a header, its rows and a position line: on a short terminal both do not fit, and the failed rows win.
	const showLatest = failedRows.length === 0 || 6 + 2 * (listHeight + 2) <= body.rows;
	const failedHeight = showLatest ? listHeight : Math.max(1, body.rows - 7);
	return (
		<Box flexDirection="column">
			<Text>
				{/* In colour the bar is coloured spaces: plain ASCII is the cheap path of Ink's width measuring, redone every frame. */}
				{theme.color ? (
					<>
						<Text backgroundColor={theme.colors.ok}>{' '.repeat(filled)}</Text>
						<Text backgroundColor={theme.colors.muted}>{' '.repeat(barWidth - filled)}</Text>
					</>
				) : (
					`${theme.glyphs.barFull.repeat(filled)}${theme.glyphs.barEmpty.repeat(barWidth - filled)}`
				)}
				{` ${n(done)}/${n(done + counts.remaining)}`}
			</Text>
			<Text wrap="truncate-end">{`${theme.glyphs.ok} ${n(counts.created)} created   ${theme.glyphs.skipped} ${n(counts.skipped)} skipped   ${theme.glyphs.error} ${n(counts.failed)} failed   ${n(counts.remaining)} remaining`}</Text>
			<Text wrap="truncate-end">{`${stateLine(snapshot, theme)}   ${snapshot.rate > 0 ? `${snapshot.rate.toFixed(1)} users/s` : '– users/s'}   ETA ${formatEta(snapshot.etaSeconds)}   elapsed ${formatEta(snapshot.elapsedMs / 1000)}`}</Text>
			<Text> </Text>
			{showLatest ? (
				<>
					<Text bold={theme.color}>Latest</Text>
					<Table
						width={body.columns}
						height={listHeight}
						columns={[
							{key: 'row', header: 'Row', width: 6, align: 'right'},
							{key: 'username', header: 'Username', width: Math.min(24, Math.floor(body.columns * 0.3))},
							{key: 'detail', header: 'Result', grow: true},
						]}
						count={snapshot.recent.length}
						rowAt={(index) => {
							const item = snapshot.recent[snapshot.recent.length - 1 - index]!;
							// A created row's detail is its new id: the word says more to a person.
							return {row: String(item.row), username: item.username, detail: item.outcome === 'created' ? 'created' : `${item.outcome}: ${item.detail}`};
						}}
						marker={(index) => outcomeMark(snapshot.recent[snapshot.recent.length - 1 - index]!.outcome, theme)}
					/>
				</>
			) : null}
			{failedRows.length > 0 ? (
				<>
					<Text bold={theme.color} color={theme.colors.error}>{`Failed (${n(snapshot.failedCount)})`}</Text>
					<Table
						width={body.columns}
						height={failedHeight}
						columns={[
							{key: 'row', header: 'Row', width: 6, align: 'right'},
							{key: 'username', header: 'Username', width: Math.min(24, Math.floor(body.columns * 0.3))},
							{key: 'error', header: 'Error', grow: true},
						]}
						count={failedRows.length}
						rowAt={(index) => {
							const item = failedRows[failedRows.length - 1 - index]!;
							return {row: String(item.row), username: item.username, error: item.error};
						}}
						marker={() => outcomeMark('failed', theme)}
					/>
				</>
			) : null}
		</Box>
	);
}

function RollbackProgress({tasks}: Pick<ScreenProps, 'tasks'>) {
	const theme = useTheme();
	const read = useCallback(() => ({...(tasks.rollback ?? {deleted: 0, gone: 0, kept: 0, failed: 0, total: 0})}), [tasks]);
	const progress = useSnapshot(read, (a, b) => a.deleted === b.deleted && a.gone === b.gone && a.kept === b.kept && a.failed === b.failed && a.total === b.total);
	// Gone (deleted by someone else) and kept (not provably this import's) are said only when there are any.
	const gone = progress.gone > 0 ? `   ${progress.gone} already gone` : '';
	const kept = progress.kept > 0 ? `   ${theme.glyphs.skipped} ${progress.kept} kept` : '';
	return (
		<Box flexDirection="column">
			<Text>{`${theme.glyphs.ok} ${progress.deleted} deleted${gone}${kept}   ${theme.glyphs.error} ${progress.failed} failed   of ${progress.total}`}</Text>
			<SafeText color={theme.colors.muted}>Every delete is journaled: Ctrl+C stops, and the rollback can be finished later.</SafeText>
		</Box>
	);
}

function stateLine(snapshot: ProgressSnapshot, theme: Theme): string {
	switch (snapshot.state) {
		case 'paused':
			return `${theme.glyphs.warning} PAUSED (p resumes)`;
		case 'throttled':
			return `${theme.glyphs.warning} throttled by JumpCloud, slowing down`;
		case 'stopping':
			return `${theme.glyphs.warning} STOPPING: ${snapshot.inFlight} in flight (Ctrl+C: at once)`;
		case 'stopping-hard':
			return `${theme.glyphs.error} STOPPING now`;
		default:
			return `${theme.glyphs.ok} running`;
	}
}

function outcomeMark(outcome: string, theme: Theme): {glyph: string; color?: string} {
	if (outcome === 'failed') return {glyph: theme.glyphs.error, ...(theme.colors.error ? {color: theme.colors.error} : {})};
	if (outcome === 'skipped') return {glyph: theme.glyphs.skipped, ...(theme.colors.muted ? {color: theme.colors.muted} : {})};
	return {glyph: theme.glyphs.ok, ...(theme.colors.ok ? {color: theme.colors.ok} : {})};
}

function formatEta(seconds: number | undefined): string {
	if (seconds === undefined || !Number.isFinite(seconds)) return '–';
	const whole = Math.round(seconds);
	const minutes = Math.floor(whole / 60);
	return minutes > 0 ? `${minutes}m${String(whole % 60).padStart(2, '0')}s` : `${whole}s`;
}

/** Unchanged progress draws nothing: the terminal gets bytes only when a number moved. */
function sameSnapshot(a: ProgressSnapshot, b: ProgressSnapshot): boolean {
	return (
		a.state === b.state &&
		a.counts.created === b.counts.created &&
		a.counts.skipped === b.counts.skipped &&
		a.counts.failed === b.counts.failed &&
		a.inFlight === b.inFlight &&
		Math.round(a.elapsedMs / 1000) === Math.round(b.elapsedMs / 1000)
	);
}
