import {terminalJson} from '../lib/terminal-json.js';
import {exitCodes, UsageError} from '../lib/exit-codes.js';
import {sanitize} from '../lib/sanitize.js';
import {targetLabel} from '../mapping/catalog.js';
import {PresetStore} from '../mapping/preset-store.js';
import {presetReading, toPreset} from '../mapping/presets.js';
import type {MappingSource} from '../mapping/suggest-mapping.js';
import {inspectFile, type InspectReport} from '../users/inspect-file.js';
import {warn, type CliCommand, type CommandContext} from './command.js';
import {noDeriveFlag, noDeriveFrom} from './derive-flag.js';
import {readingFlags, readingFrom} from './reading-flags.js';
import {stopEarlyOnSignal} from './stop-early.js';

/** Text output lists this many issues; `--json` has them all. */
const issuesShown = 40;

export const inspectCommand: CliCommand = {
	name: 'inspect',
	usage: 'inspect FILE [--mapping preset.json] [--json]',
	summary: 'read a CSV, map its columns and check every row, without connecting to JumpCloud',
	flags: {
		mapping: {type: 'string', value: 'FILE', description: 'apply a mapping preset exported earlier (JSON)'},
		json: {type: 'boolean', description: 'print one JSON object: layout, columns, derived values, issues, summary'},
		'save-mapping': {type: 'boolean', description: 'remember this mapping for files with the same header row'},
		'export-mapping': {type: 'string', value: 'FILE', description: 'write this mapping as a preset file for headless runs'},
		'custom-attributes': {type: 'boolean', description: 'map each ignored per-user column to the custom attribute suggested for it'},
		...readingFlags,
		...noDeriveFlag,
	},
	maxPositionals: 1,
	async run({values, positionals}, context) {
		const [path] = positionals;
		if (path === undefined) throw new UsageError('Which file? Usage: jc-import inspect FILE [--mapping preset.json] [--json]');
		// How to read the file: these flags, else the preset's reading, else detection (users/inspect-file.ts).
		const overrides = readingFrom(values);
		// Ctrl+C while a big file is read: one line (inspect only reads; a mapping is saved only at the end).
		const handOver = stopEarlyOnSignal(context, () => 'inspect stopped; nothing was changed.');
		try {
			const presetFile = typeof values.mapping === 'string' || typeof values['export-mapping'] === 'string' ? await import('../mapping/preset-file.js') : undefined;
			const preset = typeof values.mapping === 'string' ? {preset: await presetFile!.readPresetFile(values.mapping), path: values.mapping} : undefined;
			const store = await PresetStore.open(context.env);
			warn(context, store.warnings);
			const {report, mapping, source} = await inspectFile(path, {overrides, preset, store, noDerive: noDeriveFrom(values), customAttributes: values['custom-attributes'] === true});

			const headers = report.columns.map((column) => column.header);
			const saved = toPreset(mapping, headers, new Date(), presetReading(report));
			if (values['save-mapping']) await store.save(saved);
			if (typeof values['export-mapping'] === 'string') await presetFile!.writePresetFile(values['export-mapping'], saved);

			if (values.json) context.stdout.write(`${terminalJson(report)}\n`);
			else printReport(path, report, source, context);
			return exitCodes.ok;
		} finally {
			handOver();
		}
	},
};

/** Where the header is, and the lines around it that were skipped (PowerShell's #TYPE line, SuccessFactors' labels). */
function headerLineText(report: InspectReport): string {
	let text = `header on line ${report.headerLine}`;
	if (report.powershellType !== undefined) text += ` (PowerShell #TYPE ${sanitize(report.powershellType)} line skipped)`;
	if (report.labelLine !== undefined) text += `, labels on line ${report.labelLine} skipped`;
	return text;
}

function printReport(path: string, report: InspectReport, source: MappingSource, {stdout}: CommandContext) {
	// Column rows are cut to the terminal so they never wrap; a pipe or a log file gets 100 columns.
	const width = stdout.isTTY && stdout.columns > 0 ? stdout.columns : 100;
	const delimiter = report.delimiter === '\t' ? 'tab' : `'${report.delimiter}'`;
	const lines = [
		`${sanitize(path)}: ${encodingText(report)}, delimiter ${delimiter}, ${headerLineText(report)}`,
		`${count(report.rows, 'row')} (${count(report.droppedRows, 'empty row')} dropped, ${count(report.cleanedCells, 'cell')} cleaned of control or invisible characters or outer spaces)`,
		mappingSourceLine(source),
		'',
		'Columns',
		...report.columns.map((column) => {
			const target = column.target === null ? '(not imported)' : targetLabel(column.target);
			const confidence = column.target === null ? '    ' : column.confidence.toFixed(2);
			const samples = column.samples.map((sample) => sanitize(sample)).join(', ');
			const line = fit(`  ${pad(String(column.index + 1), 3)} ${pad(sanitize(column.header), 24)} → ${pad(target, 24)} ${confidence}  ${samples}`, width);
			return column.proposal ? [line, ...suggestionLines(column.proposal, width)] : [line];
		}).flat(),
	];
	if (report.derived.length > 0) {
		lines.push('', 'Derived when missing', ...report.derived.map((derivation) => `  ${targetLabel(derivation.target)} ← ${derivation.rule}`));
	}
	if (report.issues.length > 0) {
		const shown = report.issues.slice(0, issuesShown);
		lines.push('', report.issues.length > shown.length ? `Issues (first ${shown.length} of ${report.issues.length}; --json lists all)` : 'Issues');
		for (const issue of shown) {
			const where = issue.row === 0 ? `header line ${issue.line}` : `row ${issue.row}, line ${issue.line}`;
			const column = issue.column === null ? '' : ` [${sanitize(issue.column)}]`;
			lines.push(`  ${issue.severity === 'error' ? 'error  ' : 'warning'} ${where}${column}: ${sanitize(issue.message)}`);
		}
	}
	const {valid, warnings, errors} = report.summary;
	lines.push('', `${count(valid, 'row')} valid, ${count(warnings, 'row')} with warnings only, ${count(errors, 'row')} with errors.`, '');
	stdout.write(lines.join('\n'));
}

/** An ignored column's offered custom attribute, under its row, wrapped rather than cut. */
function suggestionLines(proposal: string, width: number): string[] {
	const words = `suggested: ${sanitize(targetLabel(proposal))} (not applied; --custom-attributes or the wizard's s takes it)`.split(' ');
	const indent = ' '.repeat(6);
	const lines: string[] = [];
	let line = indent;
	for (const word of words) {
		if (line.trim() !== '' && line.length + 1 + word.length > width) {
			lines.push(line);
			line = `${indent}  `;
		}
		line += line.trim() === '' ? word : ` ${word}`;
	}
	return [...lines, line];
}

/** The encoding, with how sure its guess is when it was guessed from the words (a told or announced one is certain). */
function encodingText(report: InspectReport): string {
	if (report.encodingConfidence >= 1) return report.encoding;
	return `${report.encoding} (guessed, confidence ${report.encodingConfidence.toFixed(2)}; --encoding to choose another)`;
}

function mappingSourceLine(source: MappingSource): string {
	if (source.kind === 'file') return `Mapping from ${sanitize(source.path)}.`;
	if (source.kind === 'manual') return 'Mapping as given.';
	if (source.kind === 'saved') return `Mapping remembered for this header row${source.savedAt ? ` (saved ${source.savedAt.slice(0, 10)})` : ''}.`;
	return 'Mapping suggested from the headers and values.';
}

const pad = (text: string, width: number) => (text.length >= width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
const fit = (text: string, width: number) => ([...text].length > width ? `${[...text].slice(0, width - 1).join('')}…` : text);

/** A count as every printed line writes one: 2,280 rows, 1 row. */
function count(value: number, noun: string): string {
	return `${value.toLocaleString('en-US')} ${value === 1 ? noun : `${noun}s`}`;
}
