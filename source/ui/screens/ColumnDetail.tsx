import {Box, Text} from 'ink';
import {targetLabel} from '../../mapping/catalog.js';
import type {ColumnMapping} from '../../mapping/mapping.js';
import {SafeText} from '../components/SafeText.js';
import {wrapLines} from '../components/wrap.js';
import type {Theme} from '../theme.js';

export type ColumnDetailProps = {
	column: ColumnMapping;
	/** Its place among the file's columns, and how many there are. */
	position: number;
	count: number;
	samples: readonly string[];
	/** A password column: neither its values nor anything quoting them is shown. */
	secret: boolean;
	/** The first reason shown (↑↓ move it). */
	scroll: number;
	width: number;
	height: number;
	theme: Theme;
};

/** How the matcher found a target, said when it gave no reasons of its own. */
const reasonWords: Record<string, string> = {
	exact: 'its header is the attribute’s own name.',
	synonym: 'its header is a known name for the attribute.',
	hint: 'a hint in brackets in its header names the attribute.',
	pattern: 'its header follows a known pattern.',
	fuzzy: 'its header is spelt close to a known name.',
	values: 'its values look like the attribute’s.',
	manual: 'you chose it.',
	preset: 'the mapping saved for these headers says so.',
};

/**
 * One column in full (the `d` key on Map columns): its target and confidence, samples, the
 * matcher's reasons one per item (each wrapped under its bullet) and the custom attribute offered,
 * if any. Reasons that do not fit are reached with ↑↓, the lines above and below saying how many.
 */
export function ColumnDetail({column, position, count, samples, secret, scroll, width, height, theme}: ColumnDetailProps) {
	// Longest first, so a sample inside another is not left half shown.
	const quoted = [...samples].filter((sample) => sample !== '').sort((a, b) => b.length - a.length);
	const hidden = (text: string) => (secret ? quoted.reduce((line, sample) => line.split(sample).join('********'), text) : text);
	const header = column.header || `(column ${column.index + 1})`;
	const chosenByUser = column.reason === 'manual' || column.reason === 'preset';
	const target =
		column.target === null ? 'not imported' : `${targetLabel(column.target)}${chosenByUser ? '' : ` · ${Math.round(column.confidence * 100)}% sure`}`;
	const head = [
		...wrapLines(`Column ${position + 1} of ${count}: “${header}” → ${target}`, width, '  '),
		...wrapLines(`Sample values: ${samples.length === 0 ? '(none)' : secret ? samples.map(() => '********').join(', ') : samples.join(', ')}`, width, '  '),
	];
	// A preset's or the user's choice is theirs: the matcher's old reasons no longer speak for it.
	const evidence = chosenByUser ? [] : (column.evidence ?? []);
	const said = evidence.length > 0 ? 'Why:' : `Why: ${column.reason ? reasonWords[column.reason] : 'no attribute fits its header or values.'}`;
	// Each reason under its bullet, its wrapped lines indented to the bullet's text.
	const items = evidence.map((line) => wrapLines(`• ${hidden(line)}`, Math.max(1, width - 2), '  ').map((text) => `  ${text}`));
	const suggestion =
		column.target === null && column.proposal ? wrapLines(`Suggestion: ${targetLabel(column.proposal)} (not applied; s takes it)`, width, '  ') : [];

	// Room for reasons: what the head, the title line, the suggestion and the two scroll lines leave.
	const room = Math.max(1, height - head.length - 1 - suggestion.length - 2);
	const first = Math.max(0, Math.min(scroll, items.length - 1));
	const shown: string[] = [];
	let next = first;
	while (next < items.length && shown.length + items[next]!.length <= room) shown.push(...items[next++]!);
	if (next === first && next < items.length) shown.push(...items[next++]!.slice(0, room));
	const above = first;
	const below = items.length - next;
	return (
		<Box flexDirection="column">
			{head.map((line, index) => (
				<SafeText key={`h${index}`} width={width}>
					{line}
				</SafeText>
			))}
			<SafeText width={width}>{hidden(said)}</SafeText>
			{above > 0 ? <Text color={theme.colors.muted}>{`  ↑ ${above} more above`}</Text> : null}
			{shown.map((line, index) => (
				<SafeText key={`e${index}`} width={width}>
					{line}
				</SafeText>
			))}
			{below > 0 ? <Text color={theme.colors.muted}>{`  ↓ ${below} more below`}</Text> : null}
			{suggestion.map((line, index) => (
				<SafeText key={`s${index}`} width={width} color={theme.colors.muted}>
					{line}
				</SafeText>
			))}
		</Box>
	);
}
