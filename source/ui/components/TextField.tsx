import {Box, Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import {useTheme} from '../hooks/use-theme.js';

export type TextFieldProps = {
	label: string;
	value: string;
	/** Focused: typing goes here (the reducer edits the value) and a cursor shows at its end. */
	focused: boolean;
	mask?: boolean;
	placeholder?: string;
	width?: number;
};

/**
 * A labelled one-line field. It only draws: the wizard's reducer takes the typing, against its
 * newest state, so keys that arrive faster than frames are never lost or misplaced (ink-text-input
 * edits from its last rendered value and scrambled fast typing). Label and value may come from a
 * CSV (a header, a cell being edited), so both are sanitized.
 */
export function TextField({label, value, focused, mask, placeholder, width}: TextFieldProps) {
	const theme = useTheme();
	const shown = mask ? '*'.repeat(Math.min(value.length, 32)) : sanitize(value);
	return (
		<Box width={width}>
			<Text wrap="truncate-end">
				<Text color={focused ? theme.colors.accent : undefined}>
					{focused ? theme.glyphs.pointer : ' '} {sanitize(label)}{' '}
				</Text>
				{shown}
				{focused ? <Text inverse={theme.color}>{theme.color ? ' ' : '_'}</Text> : null}
				{value === '' && placeholder ? <Text color={theme.colors.muted}>{` ${placeholder}`}</Text> : null}
			</Text>
		</Box>
	);
}
