import {createReadStream} from 'node:fs';
import Papa from 'papaparse';
import {cleanCell, hasOddCharacters, trimCell} from './clean-cell.js';
import type {EncodingLabel} from './encoding.js';
import {CsvError} from './errors.js';
import {innerLineBreaks, type Delimiter, type Newline} from './sniff-layout.js';

export type CsvRow = {
	/** 1-based ordinal among the rows kept (empty rows are not counted). */
	row: number;
	/** 1-based physical line the row starts on. */
	line: number;
	/** Cleaned values, exactly one per header. */
	cells: string[];
	/** How many fields the line really had, to flag rows that are too short or too long. */
	fieldCount: number;
	/** Columns whose value was cleaned (invisible characters, odd or outer spaces), when any. */
	cleaned?: number[];
};

export type CsvStats = {rows: number; droppedRows: number; cleanedCells: number};

/** Everything reading the rows needs, plain data, so a worker thread can be handed it. */
export type ReadPlan = {
	path: string;
	bomLength: number;
	encoding: EncodingLabel;
	delimiter: Delimiter;
	newline: Newline;
	/** Records up to and including this one (title lines, the header) are not rows. */
	headerRecord: number;
	/** The header's width: every row is padded or cut to it. */
	width: number;
	chunkSize: number;
};

/** Longer than any real record: past it, an opening quote has no closing one. */
const maxRecordLength = 1024 * 1024;

export class UnclosedQuoteError extends Error {
	override name = 'UnclosedQuoteError';
}

/**
 * The rows under the header, a chunk of the file at a time: cleaned, padded to the header, with
 * their physical line; rows empty after cleaning dropped. Counts go into `stats` as it goes.
 */
export async function* readRows(plan: ReadPlan, stats: CsvStats): AsyncGenerator<CsvRow[]> {
	let record = 0;
	let line = 1;
	const {width} = plan;
	for await (const {records, lineBreaks, odd} of withLine(recordBatches(plan), plan.path, () => line)) {
		// When the chunk holds exactly one line break per record, no field spans lines: skip counting them.
		const simple = lineBreaks === records.length;
		const clean = odd ? cleanCell : trimCell;
		const batch: CsvRow[] = [];
		for (const fields of records) {
			const start = line;
			line += simple ? 1 : 1 + innerLineBreaks(fields);
			if (record++ <= plan.headerRecord) continue;
			if (fields.length === 1 && fields[0] === '') {
				stats.droppedRows++; // a blank line
				continue;
			}
			const cells = new Array<string>(width);
			let blank = true;
			let cleanedColumns: number[] | undefined;
			for (let index = 0; index < width; index++) {
				const raw = fields[index] ?? '';
				const cleaned = clean(raw);
				if (cleaned !== raw) (cleanedColumns ??= []).push(index);
				if (cleaned !== '') blank = false;
				cells[index] = cleaned;
			}
			if (blank && !fields.slice(width).some((cell) => cleanCell(cell) !== '')) {
				stats.droppedRows++;
				continue;
			}
			stats.rows++;
			const row: CsvRow = {row: stats.rows, line: start, cells, fieldCount: fields.length};
			if (cleanedColumns) {
				stats.cleanedCells += cleanedColumns.length;
				row.cleaned = cleanedColumns;
			}
			batch.push(row);
		}
		if (batch.length > 0) yield batch;
	}
}

/** Turns an unclosed quote into a CsvError naming the line the unfinished record starts on. */
async function* withLine<T>(batches: AsyncGenerator<T>, path: string, line: () => number): AsyncGenerator<T> {
	try {
		yield* batches;
	} catch (error) {
		if (!(error instanceof UnclosedQuoteError)) throw error;
		throw new CsvError('malformed', path, `${path}: the quoted field that starts on line ${line()} never closes; look for a stray " in that row.`);
	}
}

/**
 * The file's records, a chunk at a time: each chunk of text is parsed up to its last complete
 * record and the rest waits for the next chunk, so a quoted field may span any number of chunks.
 * `lineBreaks` counts the line breaks in the text those records came from.
 */
async function* recordBatches(plan: ReadPlan): AsyncGenerator<{records: string[][]; lineBreaks: number; odd: boolean}> {
	const config = {delimiter: plan.delimiter, newline: plan.newline, quoteChar: '"'};
	const decoder = new TextDecoder(plan.encoding);
	let pending = '';
	for await (const chunk of createReadStream(plan.path, {start: plan.bomLength, highWaterMark: plan.chunkSize})) {
		pending += decoder.decode(chunk as Buffer, {stream: true});
		const parsed = new Papa.Parser(config).parse(pending, 0, true);
		const used = parsed.meta.cursor as number;
		// No record ends in megabytes of text: a quote opened and never closed. Reading on would hold
		// the rest of the file in memory and parse it again at every chunk.
		if (used === 0 && pending.length > maxRecordLength) throw new UnclosedQuoteError();
		const text = pending.slice(0, used);
		yield {records: parsed.data as string[][], lineBreaks: countLineBreaks(text, plan.newline), odd: hasOddCharacters(text)};
		pending = pending.slice(used);
	}
	pending += decoder.decode();
	if (pending !== '') {
		yield {records: new Papa.Parser(config).parse(pending, 0, false).data as string[][], lineBreaks: -1, odd: true};
	}
}

/**
 * Line breaks in the text, when they are all the file's own newline; -1 when some other one is
 * there too (a lone CR in a CRLF file, say), which sends the chunk the slow way, field by field.
 */
function countLineBreaks(text: string, newline: Newline): number {
	const count = (mark: string) => {
		let found = 0;
		for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + 1)) found++;
		return found;
	};
	const lf = count('\n');
	const cr = count('\r');
	if (newline === '\r\n') return cr === lf ? lf : -1;
	if (newline === '\n') return cr === 0 ? lf : -1;
	return lf === 0 ? cr : -1;
}
