import {Box, Text} from 'ink';
import {helpFor, type KeyContext} from '../keymap.js';
import {useTheme} from '../hooks/use-theme.js';

/** `?`: every key of the screen underneath, from the same table that runs them. */
export function HelpView({context}: {context: KeyContext}) {
	const theme = useTheme();
	const hints = helpFor(context);
	const width = Math.max(...hints.map((hint) => hint.keys.length));
	return (
		<Box flexDirection="column">
			<Text bold={theme.color}>Keys on this screen</Text>
			{hints.map((hint) => (
				<Text key={hint.label}>
					<Text color={theme.colors.accent}>{hint.keys.padEnd(width)}</Text>  {hint.label}
				</Text>
			))}
			<Text color={theme.colors.muted}>Ctrl+C leaves the wizard (during an import: stops it, resumable). ? or Esc closes this.</Text>
		</Box>
	);
}
