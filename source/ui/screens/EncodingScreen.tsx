import {Box, Text} from 'ink';
import type {ScreenProps} from './screen-props.js';
import {SafeText} from '../components/SafeText.js';
import {useBodySize} from '../components/Frame.js';
import {useTheme} from '../hooks/use-theme.js';

const names: Record<string, string> = {
	'windows-1252': 'Windows-1252 (Western Europe, Excel on Windows)',
	'windows-1250': 'Windows-1250 (Central Europe)',
	'iso-8859-2': 'ISO-8859-2 (Central Europe, older Unix tools)',
	macintosh: 'Mac Roman (old Mac Excel)',
	shift_jis: 'Shift_JIS (Japanese Windows)',
	'utf-8': 'UTF-8',
};

/**
 * Only for a file that is not UTF-8 whose code page was guessed without certainty: the same names
 * decoded each way, the guess first (and selected) with its confidence; pick the one that reads right.
 */
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
							{choice.confidence === undefined ? '' : `  guessed, confidence ${choice.confidence.toFixed(2)}`}
						</Text>
						<SafeText width={body.columns - 4}>{`    ${choice.samples.join(' · ')}`}</SafeText>
					</Box>
				);
			})}
		</Box>
	);
}
