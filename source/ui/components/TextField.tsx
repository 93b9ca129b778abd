import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';
import {sanitize} from '../../lib/sanitize.js';
import {useTheme} from '../hooks/use-theme.js';

export type TextFieldProps = {
	label: string;
	value: string;
	/** Typing goes here only while focused; the wizard's key handler takes Enter, Esc and arrows. */
	focused: boolean;
	onChange: (value: string) => void;
	mask?: boolean;
	placeholder?: string;
	width?: number;
};

/** A labelled one-line field (ink-text-input): masked for secrets, sanitized when not being typed in. */
export function TextField({label, value, focused, onChange, mask, placeholder, width}: TextFieldProps) {
	const theme = useTheme();
	return (
		<Box width={width}>
			<Text color={focused ? theme.colors.accent : undefined}>{focused ? theme.glyphs.pointer : ' '} {label} </Text>
			{focused ? (
				<TextInput value={value} onChange={(next) => onChange(sanitize(next))} focus showCursor {...(mask ? {mask: '*'} : {})} {...(placeholder ? {placeholder} : {})} />
			) : (
				<Text wrap="truncate-end" color={value ? undefined : theme.colors.muted}>{value ? (mask ? '*'.repeat(Math.min(value.length, 24)) : sanitize(value)) : (placeholder ?? '')}</Text>
			)}
		</Box>
	);
}
