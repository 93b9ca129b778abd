import {Box, Text} from 'ink';
import type {ScreenProps} from '../App.js';
import {TextField} from '../components/TextField.js';
import {useTheme} from '../hooks/use-theme.js';

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
	return (
		<Box flexDirection="column" gap={0}>
			<Text>Where should the users go?</Text>
			<Text> </Text>
			{row(0, 'Target:', sandbox ? '‹ the sandbox ›' : '‹ a JumpCloud organization ›', '←→ to switch')}
			{sandbox ? (
				<Text color={theme.colors.muted}>   A simulated JumpCloud on this machine: nothing real is touched, and it is gone when you quit.</Text>
			) : (
				<>
					<TextField label="API key:" value={form.apiKey} focused={form.field === 1 && form.editing} mask placeholder={state.envKey ? '(empty: JC_API_KEY is used)' : '(JumpCloud console › your name › API Settings)'} />
					<TextField label="Org id: " value={form.orgId} focused={form.field === 2 && form.editing} placeholder="(only for multi-tenant admins)" />
					{row(3, form.baseUrl ? 'API URL:' : 'Region: ', form.baseUrl ? form.baseUrl : `‹ ${form.region.toUpperCase()} ›`, form.baseUrl ? 'from JC_API_URL (←→ for a region)' : '←→ US, EU or IN')}
					<Text color={theme.colors.muted}>   The key is kept in memory only: never written to disk or shown.</Text>
				</>
			)}
			<Text> </Text>
			{row(4, '', '[ Connect ]')}
		</Box>
	);
}
