import {Box, Text} from 'ink';
import type {ScreenProps} from './screen-props.js';
import {SafeText} from '../components/SafeText.js';
import {useBodySize} from '../components/Frame.js';
import {useTheme} from '../hooks/use-theme.js';
import {sanitize} from '../../lib/sanitize.js';
import {resumableHere} from '../state/resumable.js';
import {RolledBackSummary} from './RolledBackSummary.js';
import type {Outcome} from '../state/wizard-state.js';

/** Screen 9: counts, the report files, and what to do next — retry, roll back, or the same in a script. */
export function SummaryScreen({state}: ScreenProps) {
	const theme = useTheme();
	const body = useBodySize();
	const outcome = state.outcome;
	if (!outcome) return null;
	const n = (value: number) => value.toLocaleString('en-US');
	if (outcome.rolledBack) return <RolledBackSummary rolledBack={outcome.rolledBack} importId={outcome.importId} cursor={state.clearedCursor} />;
	const counts = outcome.counts!;
	return (
		<Box flexDirection="column">
			<Text>{`${theme.glyphs.ok} ${n(counts.created)} created   ${theme.glyphs.skipped} ${n(counts.skipped)} skipped   ${theme.glyphs.error} ${n(counts.failed)} failed   ${n(counts.invalid)} not sent (errors)   ${n(counts.remaining)} left`}</Text>
			{outcome.fatal ? <Text wrap="wrap" color={theme.colors.error}>{sanitize(`${theme.glyphs.error} ${outcome.fatal}`)}</Text> : null}
			{outcome.stopped ? (
				// Wrapped, not cut: the resume command is no use without the whole import id.
				<Text wrap="wrap" color={theme.colors.warning}>
					{sanitize(`${theme.glyphs.warning} ${stoppedSentence(outcome, state.target?.sandbox === true)}`)}
				</Text>
			) : null}
			<Text> </Text>
			<SafeText width={body.columns}>{`Import ${outcome.importId}`}</SafeText>
			{/* Paths wrap: one cut short names no file (the results path alone is ~75 columns). */}
			<Text wrap="wrap" color={theme.colors.muted}>{sanitize(`Results: ${outcome.resultsPath}`)}</Text>
			{outcome.failedPath ? <Text wrap="wrap" color={theme.colors.muted}>{sanitize(`Failed rows (fix and import again): ${outcome.failedPath}`)}</Text> : null}
			{outcome.written.map((file) => (
				<Text key={file} wrap="wrap" color={theme.colors.ok}>{sanitize(`${theme.glyphs.ok} written ${file}`)}</Text>
			))}
			<Text> </Text>
			<Text>The same import in a script:</Text>
			<Text wrap="wrap">{sanitize(outcome.headless)}</Text>
		</Box>
	);
}

/**
 * What a stopped import leaves, and the key that resumes it here: a sandbox import only here (the
 * sandbox ends with the wizard), an org's also later by command; nothing when no row is left.
 */
function stoppedSentence(outcome: Outcome, sandbox: boolean): string {
	if (!resumableHere(outcome)) return 'Stopped, with no row left to create: there is nothing to resume.';
	if (sandbox) return 'Stopped. u resumes it here (no user is created twice); the sandbox ends when you quit, so it cannot be resumed later.';
	return `Stopped: nothing is lost. u resumes it here (no user is created twice), or later: jc-import resume ${outcome.importId}`;
}
