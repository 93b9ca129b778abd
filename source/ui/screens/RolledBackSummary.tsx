import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {Table} from '../components/Table.js';
import {useBodySize} from '../components/Frame.js';
import {wrapLines} from '../components/wrap.js';
import {useTheme} from '../hooks/use-theme.js';
import type {Outcome} from '../state/wizard-state.js';

type RolledBack = NonNullable<Outcome['rolledBack']>;

/**
 * The summary of a rollback: its counts, why it stopped, and every user outside the import whose
 * manager JumpCloud cleared, in a list ↑↓ go through (they can be hundreds: none is cut off).
 * Sentences are wrapped here, not by Ink, so the list knows exactly how many lines are left to it.
 */
export function RolledBackSummary({rolledBack, importId, cursor}: {rolledBack: RolledBack; importId: string; cursor: number | undefined}) {
	const theme = useTheme();
	const body = useBodySize();
	const n = (value: number) => value.toLocaleString('en-US');
	const {deleted, gone, kept, failed, left, clearedManagerOf: cleared, failure} = rolledBack;
	const wrapped = (text: string) => wrapLines(text, body.columns, '  ');
	const failureLines = failure ? wrapped(`${theme.glyphs.error} ${failure}`) : [];
	const clearedLines = cleared.length > 0 ? wrapped(`${theme.glyphs.warning} ${cleared.length === 1 ? '1 user' : `${n(cleared.length)} users`} outside this import reported to a deleted user; JumpCloud cleared their manager:`) : [];
	const keptLines = kept > 0 ? wrapped(`${theme.glyphs.skipped} ${n(kept)} kept: this import cannot prove it made them (another import holds them, or they were made at another time).`) : [];
	// Wrapped, not cut: the command is no use without the whole import id.
	const finishLines = left + failed > 0 ? wrapped(`To finish: jc-import rollback ${importId}`) : [];
	// Counts and sentences; the list has the rest, its header and position line too. With a list the
	// closing line gives way: the hints say the same.
	const used = 1 + failureLines.length + clearedLines.length + keptLines.length + finishLines.length;
	const selected = Math.min(cursor ?? 0, Math.max(0, cleared.length - 1));
	// A name wider than the list (an id, a long username) is cut there: the selected one is also drawn whole under it.
	const whole = cleared.length > 0 && stringWidth(cleared[selected]!) > body.columns - stringWidth(theme.glyphs.pointer) - 1 ? wrapped(cleared[selected]!) : [];
	const listRows = Math.max(1, body.rows - used - 2 - whole.length);
	return (
		<Box flexDirection="column">
			<Text>{`${theme.glyphs.ok} ${n(deleted)} deleted   ${n(gone)} already gone   ${theme.glyphs.error} ${n(failed)} failed   ${n(left)} left`}</Text>
			{failureLines.map((line, index) => (
				<Text key={`failure${index}`} color={theme.colors.error}>
					{line}
				</Text>
			))}
			{clearedLines.map((line, index) => (
				<Text key={`cleared${index}`}>{line}</Text>
			))}
			{cleared.length > 0 ? (
				<Table width={body.columns} height={listRows} selected={selected} columns={[{key: 'name', header: 'Username', grow: true}]} count={cleared.length} rowAt={(index) => ({name: cleared[index]})} />
			) : null}
			{whole.map((line, index) => (
				<Text key={`whole${index}`} color={theme.colors.accent}>
					{line}
				</Text>
			))}
			{[...keptLines, ...finishLines].map((line, index) => (
				<Text key={`after${index}`}>{line}</Text>
			))}
			{cleared.length > 0 ? null : <Text> </Text>}
			{cleared.length > 0 ? null : <Text color={theme.colors.muted}>n starts a new import, q quits.</Text>}
		</Box>
	);
}
