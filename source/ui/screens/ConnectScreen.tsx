import {Box, Text} from 'ink';
import type {ScreenProps} from './screen-props.js';
import {TextField} from '../components/TextField.js';
import {useTheme} from '../hooks/use-theme.js';
import {Paragraph} from '../components/Paragraph.js';
import {useBodySize} from '../components/Frame.js';

/** Screen 1: the sandbox, or an org by API key (masked, never stored), org id and region. */
export function ConnectScreen({state}: ScreenProps) {
	const theme = useTheme();
	const form = state.connect;
	const row = (field: number, label: string, value: string, note?: string) => (
		<Text>
			<Text color={form.field === field ? theme.colors.accent : undefined}>{form.field === field ? theme.glyphs.pointer : ' '} {label} </Text>
			<Text bold={theme.color}>{value}</Text>
			{note ? <Text color={theme.colors.muted}>  {note}</Text> : null}
		</Text>
	);
	const sandbox = form.mode === 'sandbox';
	// A resume goes where its import went, whatever the form held: shown so, and not to be changed here.
	const resuming = state.resumeId ? state.unfinished.find((item) => item.id === state.resumeId) : undefined;
	const where = resuming
		? row(3, 'API URL:', resuming.target, `import ${resuming.id}${resuming.organization ? `, organization “${resuming.organization}”` : ''}`)
		: form.baseUrl
			? row(3, 'API URL:', form.baseUrl, `from ${form.baseUrlFrom ?? 'the command line'} (←→ for a region)`)
			: row(3, 'Region: ', `‹ ${form.region.toUpperCase()} ›`, '←→ US, EU or IN');
	return (
		<Box flexDirection="column" gap={0}>
			<Text>Where should the users go?</Text>
			<Text> </Text>
			{row(0, 'Target:', sandbox ? '‹ the sandbox ›' : '‹ a JumpCloud organization ›', '←→ to switch')}
			{sandbox ? (
				<Note color={theme.colors.muted}>A simulated JumpCloud on this machine: nothing real is touched, and it is gone when you quit.</Note>
			) : (
				<>
					<TextField label="API key:" value={form.apiKey} focused={form.field === 1 && form.editing} mask placeholder={state.envKey ? '(empty: JC_API_KEY is used)' : '(JumpCloud console › your name › API Settings)'} />
					<TextField label="Org id: " value={form.orgId} focused={form.field === 2 && form.editing} placeholder="(only for multi-tenant admins)" />
					{where}
					<Note color={theme.colors.muted}>The key is kept in memory only: never written to disk or shown.</Note>
				</>
			)}
			<Text> </Text>
			{row(4, '', '[ Connect ]')}
		</Box>
	);
}

/** A note under the fields: indented, and its wrapped lines keep the indent. */
function Note({color, children}: {color: string | undefined; children: string}) {
	const body = useBodySize();
	return (
		<Box paddingLeft={3}>
			<Paragraph width={body.columns - 3} color={color}>
				{children}
			</Paragraph>
		</Box>
	);
}
