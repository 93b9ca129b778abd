import {Box, Text} from 'ink';
import type {ScreenProps} from './screen-props.js';
import {count, formatNumber} from '../components/count.js';
import {SafeText} from '../components/SafeText.js';
import {useBodySize} from '../components/Frame.js';
import {useTheme} from '../hooks/use-theme.js';
import {mfaSummary} from '../state/steps/defaults.js';
import {Paragraph} from '../components/Paragraph.js';

/** Screen 7: the blast radius on one screen, and `y` to go. */
export function ConfirmScreen({state, tasks}: ScreenProps) {
	const theme = useTheme();
	const body = useBodySize();
	const where = state.target ? (state.target.sandbox ? 'the SANDBOX (simulated; nothing real is touched)' : `${state.target.label}${state.directory ? `, organization “${state.directory.organization}”` : ''}`) : '';
	if (state.runKind === 'rollback') {
		const created = state.outcome?.counts?.usersCreated ?? tasks.tracker.snapshot().counts.usersCreated;
		return (
			<Box flexDirection="column">
				<Text color={theme.colors.error} bold={theme.color}>{`${theme.glyphs.warning} Delete the ${count(created, 'user')} import ${state.outcome?.importId ?? ''} created?`}</Text>
				<SafeText width={body.columns}>{`In ${where}. Only users this import created are deleted; every delete is journaled.`}</SafeText>
				<Paragraph>Users outside the import who report to one of them lose their manager (JumpCloud clears it).</Paragraph>
				<Paragraph>JumpCloud bills every user that is not removed within 48 hours of being created.</Paragraph>
				<Text> </Text>
				<Text>Press y to delete them, Esc to go back.</Text>
			</Box>
		);
	}
	const plan = state.plan;
	if (!plan) return null;
	// The plan is being checked against the directory again: a count not yet true is not shown.
	if (state.busy) return <SafeText width={body.columns}>{state.busy.line}</SafeText>;
	const {summary} = plan;
	const options = state.options;
	const n = formatNumber;
	const lines: Array<[string, string]> = [
		['Where', where],
		['Create', `${count(summary.creates, 'user')}, ending ${options.state === 'STAGED' ? 'staged' : 'activated'}`],
		['Skip', `${count(summary.skips, 'row')} already in JumpCloud${options.existing === 'fail' ? ' (counted as failed)' : ''}`],
		['Not sent', `${count(summary.invalid, 'row')} with errors`],
		['Groups', count(summary.memberships, 'membership')],
		['Devices', count(summary.bindings, 'device binding')],
		['Emails', summary.emails.length === 0 ? 'none sent' : summary.emails.map((email) => `${n(email.users)} ${email.kind} to ${email.to}`).join('; ')],
		['MFA', mfaSummary(options, plan.rows, new Date())],
	];
	// A retry runs only the failed rows of this import: the first plan's counts would mislead.
	if (state.runKind === 'retry') lines.splice(1, lines.length - 1, ['Retry', `the ${count(state.outcome?.counts?.failed ?? 0, 'row')} that failed; a row whose user was made after all is looked up, never created twice`]);
	if (state.runKind === 'resume') {
		const resumed = state.unfinished.find((item) => item.id === state.resumeId);
		lines.splice(1, 1, ['Resume', `import ${state.resumeId ?? ''}: ${resumed ? `${count(resumed.done, 'user')} created before, ` : ''}${resumed?.left !== undefined ? `${n(resumed.left)} left to create` : 'the rest of the rows'}; nothing is created twice`]);
	}
	return (
		<Box flexDirection="column">
			{lines.map(([label, value]) => (
				// Where the users go, what a resume still creates and what users meet of MFA are never cut
				// short: they wrap, under their own column rather than under the label.
				<Box key={label}>
					<Box width={10} flexShrink={0}>
						<Text color={theme.colors.muted}>{label}</Text>
					</Box>
					<Text wrap={label === 'Where' || label === 'Resume' || label === 'MFA' ? 'wrap' : 'truncate-end'}>
						<SafeText bold={label === 'Where' && theme.color} color={label === 'Where' && state.target?.sandbox ? theme.colors.sandbox : undefined}>{value}</SafeText>
					</Text>
				</Box>
			))}
			<Text> </Text>
			<Text>Press y to start. Ctrl+C during the import stops it cleanly; it can be resumed.</Text>
		</Box>
	);
}
