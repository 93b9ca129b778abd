import {Box, Text} from 'ink';
import type {ScreenProps} from './screen-props.js';
import {SafeText} from '../components/SafeText.js';
import {useBodySize} from '../components/Frame.js';
import {useTheme} from '../hooks/use-theme.js';
import {resumableHere} from '../state/resumable.js';
import {RolledBackSummary} from './RolledBackSummary.js';
import type {Outcome} from '../state/wizard-state.js';
import {Paragraph} from '../components/Paragraph.js';

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
			{outcome.fatal ? <Paragraph color={theme.colors.error}>{`${theme.glyphs.error} ${outcome.fatal}`}</Paragraph> : null}
			{outcome.stopped ? (
				// Wrapped, not cut: the resume command is no use without the whole import id.
				<Paragraph color={theme.colors.warning}>{`${theme.glyphs.warning} ${stoppedSentence(outcome, state.target?.sandbox === true)}`}</Paragraph>
			) : null}
			<Text> </Text>
			<SafeText width={body.columns}>{`Import ${outcome.importId}`}</SafeText>
			{/* Paths wrap: one cut short names no file (the results path alone is ~75 columns). */}
			<Paragraph color={theme.colors.muted}>{`Results: ${outcome.resultsPath}`}</Paragraph>
			{outcome.failedPath ? <Paragraph color={theme.colors.muted}>{`Failed rows (fix and import again): ${outcome.failedPath}`}</Paragraph> : null}
			{outcome.written.map((file) => (
				<Paragraph key={file} color={theme.colors.ok}>{`${theme.glyphs.ok} written ${file}`}</Paragraph>
			))}
			<Text> </Text>
			<Text>The same import in a script:</Text>
			<Paragraph>{outcome.headless}</Paragraph>
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
