import {useCallback, useEffect, useMemo} from 'react';
import stringWidth from 'string-width';
import {Box, Text} from 'ink';
import type {ScreenProps} from './screen-props.js';
import {SafeText} from '../components/SafeText.js';
import {Table} from '../components/Table.js';
import {useBodySize} from '../components/Frame.js';
import {useTheme} from '../hooks/use-theme.js';
import {useSnapshot} from '../hooks/use-snapshot.js';
import type {ProgressSnapshot, StepCounts} from '../../importer/progress-tracker.js';
import type {FailedList, Plan} from '../state/wizard-state.js';
import {wrapLines} from '../components/wrap.js';
import type {Theme} from '../theme.js';

/** Screen 8: counters, rate, ETA, throttled or paused, the latest rows and the failed ones. */
export function ProgressScreen({state, tasks, dispatch}: ScreenProps) {
	if (state.runKind === 'rollback') return <RollbackProgress tasks={tasks} />;
	return <ImportProgress tasks={tasks} plan={state.plan} failedList={state.failedList} dispatch={dispatch} />;
}

const progressIntervalMs = 500;
/** Body rows from which a blank line parts the numbers from the lists (a 21-row terminal). */
const spacerFrom = 16;

/** Which steps after a create the plan has (or that happened anyway): each gets its own count. */
type StepKinds = {memberships: boolean; bindings: boolean; activated: boolean};

function ImportProgress({tasks, plan, failedList, dispatch}: Pick<ScreenProps, 'tasks' | 'dispatch'> & {plan: Plan | undefined; failedList: FailedList | undefined}) {
	const theme = useTheme();
	const body = useBodySize();
	const read = useCallback(() => tasks.tracker.snapshot(), [tasks]);
	// Twice a second: each frame costs Ink ~10 ms of CPU, and the import is what the CPU is for.
	const snapshot = useSnapshot(read, sameSnapshot, progressIntervalMs);
	const {counts} = snapshot;
	const planned = useMemo<StepKinds>(
		() => ({
			memberships: (plan?.summary.memberships ?? 0) > 0,
			bindings: (plan?.summary.bindings ?? 0) > 0,
			activated: plan?.rows.some((row) => row.action === 'create' && row.finalState === 'ACTIVATED') ?? false,
		}),
		[plan],
	);
	// Rows finished (created with every step, skipped or failed) fill the bar.
	const done = counts.created + counts.skipped + counts.failed;
	const total = Math.max(1, done + counts.remaining);
	const n = (value: number) => value.toLocaleString('en-US');
	const steps = stepsLine(snapshot.steps, planned, n);
	const barWidth = Math.max(10, body.columns - 24);
	const filled = Math.round((Math.min(done, total) / total) * barWidth);
	const failedRows = snapshot.failed;
	// The reducer moves the cursor among the failed rows: it is told how many there are.
	useEffect(() => {
		if (failedRows.length !== (failedList?.count ?? 0)) dispatch({type: 'failed-seen', count: failedRows.length});
	}, [failedRows.length, failedList?.count, dispatch]);
	// The state line splits in two where it does not fit on one (a stop with requests in flight, at 60 columns).
	const rates = `${snapshot.rate > 0 ? `${snapshot.rate.toFixed(1)} users/s` : '– users/s'}   ETA ${formatEta(snapshot.etaSeconds)}   elapsed ${formatEta(snapshot.elapsedMs / 1000)}`;
	const stateText = stateLine(snapshot, theme);
	const stateLines = stringWidth(`${stateText}   ${rates}`) <= body.columns ? [`${stateText}   ${rates}`] : [stateText, `  ${rates}`];
	// Above the lists: the bar, the counts, the steps (when any), the state line(s), and a blank line when there is room.
	const spacer = body.rows >= spacerFrom;
	const free = body.rows - 2 - stateLines.length - (steps === undefined ? 0 : 1) - (spacer ? 1 : 0);
	// The selected failure (newest first on screen), and whether it is open in full.
	const cursor = failedList?.cursor === undefined || failedRows.length === 0 ? undefined : Math.min(failedList.cursor, failedRows.length - 1);
	const opened = failedList?.open && cursor !== undefined ? failedRows[cursor] : undefined;
	// Each list takes a title, a header, its rows and a position line: on a short terminal both do not fit, and the failed rows win.
	const room = free - 6;
	const showLatest = failedRows.length === 0 || room >= 2;
	// The failed rows take what they need, up to half; the latest rows the rest of the height.
	const failedHeight = failedRows.length === 0 ? 0 : showLatest ? Math.min(failedRows.length, Math.ceil(room / 2)) : Math.max(1, free - 3);
	const latestHeight = failedRows.length === 0 ? Math.max(1, free - 3) : Math.max(1, room - failedHeight);
	// The tracker keeps the last rows only: the newest that fit are drawn, and the line says how many are kept.
	const kept = snapshot.recent.length;
	const shown = Math.min(kept, latestHeight);
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
			{/* A user counts as created once JumpCloud created it; its memberships and activation are counted on their own. */}
			<Text wrap="truncate-end">{`${theme.glyphs.ok} ${n(counts.usersCreated)} created   ${theme.glyphs.skipped} ${n(counts.skipped)} skipped   ${theme.glyphs.error} ${n(counts.failed)} failed   ${n(counts.remaining)} remaining`}</Text>
			{steps === undefined ? null : <Text wrap="truncate-end">{steps}</Text>}
			{stateLines.map((line) => (
				<Text key={line} wrap="truncate-end">
					{line}
				</Text>
			))}
			{spacer ? <Text> </Text> : null}
			{opened ? (
				<FailureInFull failure={opened} index={cursor!} count={failedRows.length} total={snapshot.failedCount} width={body.columns} rows={free} theme={theme} />
			) : showLatest ? (
				<>
					<Text bold={theme.color}>Latest</Text>
					<Table
						width={body.columns}
						height={latestHeight}
						columns={[
							{key: 'row', header: 'Row', width: 6, align: 'right'},
							{key: 'username', header: 'Username', width: Math.min(24, Math.floor(body.columns * 0.3))},
							{key: 'detail', header: 'Result', grow: true},
						]}
						count={shown}
						rowAt={(index) => {
							const item = snapshot.recent[snapshot.recent.length - 1 - index]!;
							// A created row's detail is its new id: the word says more to a person.
							return {row: String(item.row), username: item.username, detail: item.outcome === 'created' ? 'created' : `${item.outcome}: ${item.detail}`};
						}}
						marker={(index) => outcomeMark(snapshot.recent[snapshot.recent.length - 1 - index]!.outcome, theme)}
					/>
					{shown < kept ? <Text color={theme.colors.muted}>{`  latest ${n(shown)} of ${n(kept)} kept`}</Text> : null}
				</>
			) : null}
			{failedRows.length > 0 && !opened ? (
				<>
					<Text wrap="truncate-end">
						<Text bold={theme.color} color={theme.colors.error}>{`Failed (${n(snapshot.failedCount)})`}</Text>
						{/* The footer has no room for these keys at 60 columns: said where they act. */}
						<Text color={theme.colors.muted}>{'   ↑↓ pick one, Enter reads it in full'}</Text>
					</Text>
					<Table
						width={body.columns}
						height={failedHeight}
						{...(cursor === undefined ? {} : {selected: failedRows.length - 1 - cursor})}
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

/** Enter on a failed row: its error in full, wrapped, in the room the lists had. */
function FailureInFull({failure, index, count, total, width, rows, theme}: {failure: ProgressSnapshot['failed'][number]; index: number; count: number; total: number; width: number; rows: number; theme: Theme}) {
	const n = (value: number) => value.toLocaleString('en-US');
	// Newest first, as the list shows them.
	const position = `failure ${n(count - index)} of ${n(total)}${count < total ? ` (the first ${n(count)} kept)` : ''}`;
	const lines = wrapLines(failure.error, width, '');
	const room = Math.max(1, rows - 2);
	const shown = lines.length > room ? [...lines.slice(0, room - 1), `${theme.glyphs.ellipsis} (${n(lines.length - room + 1)} more lines in failed.csv, written from the summary)`] : lines;
	return (
		<Box flexDirection="column">
			<SafeText width={width} bold={theme.color} color={theme.colors.error}>{`${theme.glyphs.error} Row ${failure.row} ${failure.username}`}</SafeText>
			<SafeText width={width} color={theme.colors.muted}>{`${position} · Esc closes · ↑↓ the next`}</SafeText>
			{shown.map((line, at) => (
				<SafeText key={at} width={width}>
					{line}
				</SafeText>
			))}
		</Box>
	);
}

function RollbackProgress({tasks}: Pick<ScreenProps, 'tasks'>) {
	const theme = useTheme();
	const body = useBodySize();
	const read = useCallback(() => ({...(tasks.rollback ?? {deleted: 0, gone: 0, kept: 0, failed: 0, total: 0})}), [tasks]);
	const progress = useSnapshot(read, (a, b) => a.deleted === b.deleted && a.gone === b.gone && a.kept === b.kept && a.failed === b.failed && a.total === b.total);
	// Gone (deleted by someone else) and kept (not provably this import's) are said only when there are any.
	const gone = progress.gone > 0 ? `   ${progress.gone} already gone` : '';
	const kept = progress.kept > 0 ? `   ${theme.glyphs.skipped} ${progress.kept} kept` : '';
	// Both wrap (keeping their indent) rather than lose their ends on a narrow terminal.
	const counts = wrapLines(`${theme.glyphs.ok} ${progress.deleted} deleted${gone}${kept}   ${theme.glyphs.error} ${progress.failed} failed   of ${progress.total}`, body.columns, '  ');
	const note = wrapLines('Every delete is journaled: Ctrl+C stops, and the rollback can be finished later.', body.columns);
	return (
		<Box flexDirection="column">
			{counts.map((line, index) => (
				<Text key={`c${index}`}>{line}</Text>
			))}
			{note.map((line, index) => (
				<SafeText key={`n${index}`} color={theme.colors.muted}>
					{line}
				</SafeText>
			))}
		</Box>
	);
}

/**
 * `  after create: 38 group memberships · 2 device bindings · 35 activated`: the kinds the plan has, or
 * that happened; undefined when there are none (the line is not drawn).
 */
function stepsLine(steps: StepCounts, planned: StepKinds, n: (value: number) => string): string | undefined {
	const parts: string[] = [];
	if (planned.memberships || steps.memberships > 0) parts.push(`${n(steps.memberships)} group membership${steps.memberships === 1 ? '' : 's'}`);
	if (planned.bindings || steps.bindings > 0) parts.push(`${n(steps.bindings)} device binding${steps.bindings === 1 ? '' : 's'}`);
	if (planned.activated || steps.activated > 0) parts.push(`${n(steps.activated)} activated`);
	return parts.length === 0 ? undefined : `  after create: ${parts.join(' · ')}`;
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
		a.counts.usersCreated === b.counts.usersCreated &&
		a.steps === b.steps &&
		a.counts.skipped === b.counts.skipped &&
		a.counts.failed === b.counts.failed &&
		a.inFlight === b.inFlight &&
		Math.round(a.elapsedMs / 1000) === Math.round(b.elapsedMs / 1000)
	);
}
