import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {sanitize} from '../../lib/sanitize.js';
import type {ScreenProps} from './screen-props.js';
import {SafeText} from '../components/SafeText.js';
import {Table} from '../components/Table.js';
import {TextField} from '../components/TextField.js';
import {wrapLines} from '../components/wrap.js';
import {useBodySize} from '../components/Frame.js';
import {useTheme} from '../hooks/use-theme.js';
import {catalogEntry, targetLabel} from '../../mapping/catalog.js';
import {missingRequired} from '../../mapping/mapping.js';
import {targetChoices} from '../state/steps/mapping.js';
import type {MappingForm} from '../state/wizard-state.js';
import {ColumnDetail} from './ColumnDetail.js';

/** Screen 4: every column with its header, sample values, target and confidence; Enter changes a target. */
export function MappingScreen({state}: ScreenProps) {
	const theme = useTheme();
	const body = useBodySize();
	const form = state.mapping;
	if (!form) return null;
	const samplesOf = new Map(state.csv?.columns.map((column) => [column.index, column.samples]) ?? []);

	if (form.picker) {
		const choices = targetChoices(form.picker.query);
		const header = form.mapping.columns.find((column) => column.index === form.picker!.column)?.header ?? '';
		return (
			<Box flexDirection="column">
				<SafeText width={body.columns}>{`Column “${header}” becomes:`}</SafeText>
				<TextField label="Search:" value={form.picker.query} focused placeholder="type to narrow the list" />
				<Table
					width={body.columns}
					height={Math.max(1, body.rows - 4)}
					selected={form.picker.cursor}
					columns={[
						{key: 'label', header: 'Attribute', grow: true},
						{key: 'hint', header: 'Key', width: 28},
					]}
					count={choices.length}
					rowAt={(index) => ({label: choices[index]!.label, hint: choices[index]!.hint})}
				/>
			</Box>
		);
	}

	const isSecret = (column: MappedColumn) => state.csv?.secret.includes(column.index) === true || (column.target !== null && catalogEntry(column.target)?.kind === 'password');
	if (form.detail) {
		const position = form.mapping.columns.findIndex((column) => column.index === form.detail!.column);
		const column = form.mapping.columns[position];
		if (!column) return null;
		return (
			<ColumnDetail
				column={column}
				position={position}
				count={form.mapping.columns.length}
				samples={samplesOf.get(column.index) ?? []}
				secret={isSecret(column)}
				scroll={form.detail.scroll}
				width={body.columns}
				height={body.rows}
				theme={theme}
			/>
		);
	}

	const missing = missingRequired(form.mapping);
	const derived = form.mapping.derived.filter((derivation) => derivation.enabled);
	const notes: string[] = [];
	if (form.source.kind === 'saved') notes.push(`Using the mapping you saved for these headers${form.source.savedAt ? ` on ${form.source.savedAt.slice(0, 10)}` : ''}.`);
	if (derived.length > 0) notes.push(`Filled in when empty: ${derived.map((derivation) => `${targetLabel(derivation.target)} from ${derivation.from.map(targetLabel).join(' + ')}`).join('; ')}.`);
	const missingLine = missing.length > 0 ? `${theme.glyphs.error} Required and not mapped: ${missing.map(targetLabel).join(', ')}` : `${theme.glyphs.ok} Every required attribute has a column.`;
	const headerWidth = Math.min(22, Math.floor(body.columns * 0.28));
	const targetWidth = Math.min(24, Math.floor(body.columns * 0.3));
	const selectedLines = selectedInFull(form.mapping.columns[form.cursor], headerWidth, targetWidth, body.columns, theme.glyphs.pointer);
	const suggestionLines = suggestionFor(form.mapping.columns[form.cursor], body.columns);
	// The lines under the table wrap, keeping their indent, rather than lose their ends; the table gives way.
	const missingLines = wrapLines(missingLine, body.columns, '  ');
	const noteLines = notes.flatMap((note) => wrapLines(note, body.columns, '  '));
	const ownLines = missingLines.length + noteLines.length + (form.custom ? 2 : 0) + selectedLines.length + suggestionLines.length;
	return (
		<Box flexDirection="column">
			<Table
				width={body.columns}
				height={Math.max(1, body.rows - 2 - ownLines)}
				selected={form.cursor}
				columns={[
					{key: 'header', header: 'Column', width: headerWidth},
					{key: 'samples', header: 'Sample values', grow: true},
					{key: 'target', header: 'JumpCloud attribute', width: targetWidth},
					{key: 'confidence', header: 'Match', width: 6, align: 'right'},
				]}
				count={form.mapping.columns.length}
				rowAt={(index) => {
					const column = form.mapping.columns[index]!;
					// A password column shows no samples, whatever it is mapped to now.
					const secret = isSecret(column);
					const samples = samplesOf.get(column.index) ?? [];
					return {
						header: headerText(column),
						samples: secret ? samples.map(() => '********').join(', ') : samples.join(', '),
						target: targetText(column),
						confidence: column.target === null ? '' : column.reason === 'manual' ? 'yours' : column.reason === 'preset' ? 'saved' : `${Math.round(column.confidence * 100)}%`,
					};
				}}
				marker={(index) => {
					const column = form.mapping.columns[index]!;
					if (column.target === null) return {glyph: theme.glyphs.skipped, color: theme.colors.muted};
					return column.confidence >= 0.85 || column.reason === 'manual' || column.reason === 'preset' ? {glyph: theme.glyphs.ok, color: theme.colors.ok} : {glyph: theme.glyphs.warning, color: theme.colors.warning};
				}}
			/>
			{selectedLines.map((line, index) => (
				<SafeText key={index} width={body.columns}>
					{line}
				</SafeText>
			))}
			{suggestionLines.map((line, index) => (
				<SafeText key={`s${index}`} width={body.columns} color={theme.colors.muted}>
					{line}
				</SafeText>
			))}
			{form.custom ? (
				<>
					<TextField label="Custom attribute name:" value={form.custom.name} focused />
					<Text color={theme.colors.error}>{form.custom.error ?? ' '}</Text>
				</>
			) : null}
			{missingLines.map((line, index) => (
				<Text key={`m${index}`} color={missing.length > 0 ? theme.colors.error : theme.colors.ok}>
					{line}
				</Text>
			))}
			{noteLines.map((line, index) => (
				<SafeText key={`n${index}`} width={body.columns} color={theme.colors.muted}>
					{line}
				</SafeText>
			))}
		</Box>
	);
}

type MappedColumn = MappingForm['mapping']['columns'][number];

const headerText = (column: MappedColumn) => column.header || `(column ${column.index + 1})`;
const targetText = (column: MappedColumn) => (column.target === null ? '— ignored' : targetLabel(column.target));

/**
 * The selected row's column and attribute in full (a custom attribute's name, a long header),
 * wrapped, when the table cuts either; no lines when both fit.
 */
function selectedInFull(column: MappedColumn | undefined, headerWidth: number, targetWidth: number, width: number, pointer: string): string[] {
	if (!column) return [];
	const header = headerText(column);
	const target = targetText(column);
	if (stringWidth(sanitize(header)) <= headerWidth && stringWidth(sanitize(target)) <= targetWidth) return [];
	return wrapLines(`${pointer} “${header}” → ${target}`, width, '  ');
}

/** An ignored column's offered custom attribute, dimmed under the table while it is selected; the keys that take it or explain it. */
function suggestionFor(column: MappedColumn | undefined, width: number): string[] {
	if (!column || column.target !== null || !column.proposal) return [];
	return wrapLines(`suggestion: ${targetLabel(column.proposal)} (s takes it, d why)`, Math.max(1, width - 2), '  ').map((line) => `  ${line}`);
}
