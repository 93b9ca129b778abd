import {Box, Text} from 'ink';
import {useBodySize} from './Frame.js';
import {wrapLines} from './wrap.js';

/**
 * Text wrapped to the body's width (or `width`) at spaces, a path longer than a line broken where it
 * falls, sanitized, each wrapped line starting under the first: Ink's own wrapping keeps the space a line broke at, so a word ending exactly at
 * the edge pushed the next line one column in.
 */
export function Paragraph({children, width, indent = '', color}: {children: string; width?: number; indent?: string; color?: string | undefined}) {
	const body = useBodySize();
	const lines = wrapLines(children, Math.max(1, width ?? body.columns), indent, {fill: true});
	return (
		<Box flexDirection="column">
			{lines.map((line, index) => (
				<Text key={index} {...(color ? {color} : {})}>
					{line}
				</Text>
			))}
		</Box>
	);
}
