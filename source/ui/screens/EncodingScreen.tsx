import {Box, Text} from 'ink';
import type {ScreenProps} from '../App.js';
import {SafeText} from '../components/SafeText.js';
import {useBodySize} from '../components/Frame.js';
import {useTheme} from '../hooks/use-theme.js';

const names: Record<string, string> = {
	'windows-1252': 'Windows-1252 (Western Europe, Excel on Windows)',
	'windows-1250': 'Windows-1250 (Central Europe)',
	macintosh: 'Mac Roman (old Mac Excel)',
	'utf-8': 'UTF-8',
};

/** Screen 3, only for a file that is not UTF-8: the same names decoded each way; pick the one that reads right. */
export function EncodingScreen({state}: ScreenProps) {
	const theme = useTheme();
	const body = useBodySize();
	return (
		<Box flexDirection="column">
			<Text>This file is not UTF-8. Which line shows the names correctly?</Text>
			<Text> </Text>
			{state.encodingChoices.map((choice, index) => {
				const selected = index === state.encodingCursor;
				return (
					<Box key={choice.encoding} flexDirection="column">
						<Text color={selected ? theme.colors.accent : undefined} bold={selected && theme.color}>
							{selected ? theme.glyphs.pointer : ' '} {names[choice.encoding] ?? choice.encoding}
						</Text>
						<SafeText width={body.columns - 4}>{`    ${choice.samples.join(' · ')}`}</SafeText>
					</Box>
				);
			})}
		</Box>
	);
}
