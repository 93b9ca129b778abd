import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {helpFor, type KeyContext} from '../keymap.js';
import {useTheme} from '../hooks/use-theme.js';
import {useBodySize} from './Frame.js';
import {truncate} from './SafeText.js';

const closing = 'Ctrl+C leaves the wizard (during an import: stops it, resumable). ? or Esc closes this. Ctrl+L redraws the screen. Ctrl+E shows a cut message in full.';

/** `?`: every key of the screen underneath, from the same table that runs them. */
export function HelpView({context}: {context: KeyContext}) {
	const theme = useTheme();
	const body = useBodySize();
	const hints = helpFor(context);
	const width = Math.max(...hints.map((hint) => stringWidth(hint.keys)));
	// Two columns when one would push the last keys (and how to close) off a small terminal.
	const closingRows = Math.ceil(stringWidth(closing) / Math.max(1, body.columns));
	const columns = 1 + hints.length + closingRows > body.rows ? 2 : 1;
	const cell = Math.floor(body.columns / columns);
	return (
		<Box flexDirection="column">
			<Text bold={theme.color}>Keys on this screen</Text>
			<Box flexWrap="wrap" width={body.columns}>
				{hints.map((hint) => (
					<Box key={hint.label} width={cell}>
						<Text wrap="truncate-end">
							<Text color={theme.colors.accent}>{hint.keys + ' '.repeat(width - stringWidth(hint.keys))}</Text>
							{`  ${truncate(hint.label, Math.max(0, cell - width - 3), theme.glyphs.ellipsis)}`}
						</Text>
					</Box>
				))}
			</Box>
			<Text color={theme.colors.muted}>{closing}</Text>
		</Box>
	);
}
