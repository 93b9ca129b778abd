import Papa from 'papaparse';
import {isEmail} from '../lib/value-shapes.js';
import {cleanCell} from './clean-cell.js';
import {isLabelRow} from './label-row.js';

export type Delimiter = ',' | ';' | '\t' | '|';
export const delimiters: readonly Delimiter[] = [',', ';', '\t', '|'];
export type Newline = '\r\n' | '\n' | '\r';

export type SniffedLayout = {
	delimiter: Delimiter;
	newline: Newline;
	/** Excel's `sep=;` first line was present (and is skipped). */
	sepLine: boolean;
	/** PowerShell 5.1 `Export-Csv`'s `#TYPE <type name>` first line was present (and is skipped): the type name. */
	powershellType?: string;
	/** Records before the header (title, version, sep or #TYPE lines), to be skipped when reading. */
	headerRecord: number;
	/** 1-based physical line of the header. */
	headerLine: number;
	rawHeaders: string[];
	/** A second header row right under the header that relabels its columns (SAP SuccessFactors): not data. */
	labels?: {record: number; line: number; rawLabels: string[]};
};

export type SniffOverrides = {delimiter?: Delimiter; headerLine?: number};

/** How many records of the sample decide the delimiter and the header. */
const sampleRecords = 60;

/**
 * Reads the layout from the start of the file: Excel's `sep=` line, the delimiter that splits the
 * rows most consistently, and the header — the first row as wide as the table with mostly
 * non-empty names, so title lines and Entra's `version:v1.0` above it are skipped.
 * `complete` says whether the sample is the whole file (else its last record may be cut).
 * Returns undefined when no row can be a header.
 */
export function sniffLayout(sample: string, complete: boolean, overrides: SniffOverrides = {}): SniffedLayout | undefined {
	const newline = newlineOf(sample);
	const sep = /^"?sep=(.)"?[ \t]*(?:\r\n|\n|\r|$)/i.exec(sample);
	// Windows PowerShell 5.1 writes it unless told -NoTypeInformation; PowerShell 6 and later do not.
	const typeLine = sep ? null : /^#TYPE ([^\r\n]*)(?:\r\n|\n|\r|$)/.exec(sample);
	const preamble = sep || typeLine ? 1 : 0;
	const sepDelimiter = sep && (delimiters as readonly string[]).includes(sep[1]!) ? (sep[1] as Delimiter) : undefined;
	const delimiter = overrides.delimiter ?? sepDelimiter ?? guessDelimiter(sample, newline, complete);
	const records = parseSample(sample, delimiter, newline, complete);

	const starts = startLines(records);
	let headerRecord: number;
	if (overrides.headerLine !== undefined) {
		headerRecord = starts.indexOf(overrides.headerLine);
	} else {
		headerRecord = findHeader(records.slice(preamble));
		if (headerRecord >= 0) headerRecord += preamble;
	}
	if (headerRecord < 0) return undefined;
	const rawHeaders = records[headerRecord]!;
	if (!looksLikeHeader(rawHeaders)) return undefined;
	const layout: SniffedLayout = {delimiter, newline, sepLine: sep !== null, headerRecord, headerLine: starts[headerRecord]!, rawHeaders};
	if (typeLine) layout.powershellType = typeLine[1]!.trim();
	const labelRecord = headerRecord + 1;
	if (labelRecord < records.length && isLabelRow(rawHeaders, records[labelRecord]!, records.slice(labelRecord + 1))) {
		layout.labels = {record: labelRecord, line: starts[labelRecord]!, rawLabels: records[labelRecord]!};
	}
	return layout;
}

/** The newline the file uses: the first line ending found. */
function newlineOf(sample: string): Newline {
	const found = /\r\n|\n|\r/.exec(sample);
	return (found?.[0] as Newline | undefined) ?? '\n';
}

function parseSample(sample: string, delimiter: Delimiter, newline: Newline, complete: boolean): string[][] {
	const records = Papa.parse<string[]>(sample, {delimiter, newline, preview: sampleRecords + 1}).data;
	// A sample cut mid-file ends in a cut record; a complete one may end in the empty record of a final newline.
	if (!complete && records.length > sampleRecords) records.pop();
	return records;
}

/** The delimiter whose split gives the most rows of one common width above one. */
function guessDelimiter(sample: string, newline: Newline, complete: boolean): Delimiter {
	let best: {delimiter: Delimiter; score: number} = {delimiter: ',', score: 0};
	for (const delimiter of delimiters) {
		const widths = parseSample(sample, delimiter, newline, complete)
			.filter((record) => record.some((cell) => cell.trim() !== ''))
			.map((record) => record.length);
		const width = modeOf(widths);
		if (width < 2) continue;
		const score = widths.filter((each) => each === width).length;
		if (score > best.score) best = {delimiter, score};
	}
	return best.delimiter;
}

/**
 * The first record filled about as fully as the table's rows usually are: a title or version line
 * above the header (`Staff export,2026` over a 4-column table) fills fewer cells. One empty header
 * name, or a tenth of them in a wide table, is allowed.
 */
function findHeader(records: readonly string[][]): number {
	const filled = (record: readonly string[]) => record.filter((cell) => cleanCell(cell) !== '').length;
	const nonEmpty = records.filter((record) => filled(record) > 0);
	const width = modeOf(nonEmpty.map((record) => filled(record)));
	if (width === 0) return -1;
	const needed = Math.max(Math.min(2, width), width - Math.max(1, Math.floor(width / 10)));
	return records.findIndex((record) => filled(record) >= needed);
}

/** A header names columns: no email addresses, not all blank. A first row of data means the file has none. */
function looksLikeHeader(cells: readonly string[]): boolean {
	const names = cells.map(cleanCell);
	return names.some((name) => name !== '') && !names.some((name) => isEmail(name));
}

/** The 1-based physical line each record starts on: one line per record plus the line breaks inside its fields. */
export function startLines(records: readonly string[][]): number[] {
	const starts: number[] = [];
	let line = 1;
	for (const record of records) {
		starts.push(line);
		line += 1 + innerLineBreaks(record);
	}
	return starts;
}

export function innerLineBreaks(record: readonly string[]): number {
	let count = 0;
	for (const cell of record) {
		if (!cell.includes('\n') && !cell.includes('\r')) continue;
		count += cell.match(/\r\n|\n|\r/g)?.length ?? 0;
	}
	return count;
}

function modeOf(values: readonly number[]): number {
	const counts = new Map<number, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	let mode = 0;
	let most = 0;
	for (const [value, count] of counts) {
		if (count > most || (count === most && value > mode)) [mode, most] = [value, count];
	}
	return mode;
}
