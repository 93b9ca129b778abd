import {createReadStream} from 'node:fs';
import {open, stat} from 'node:fs/promises';
import Papa from 'papaparse';
import {cleanCell, hasOddCharacters, trimCell} from './clean-cell.js';
import {encodingFromStart, Utf8Check, type EncodingLabel} from './encoding.js';
import {CsvError} from './errors.js';
import {innerLineBreaks, sniffLayout, type Delimiter, type Newline} from './sniff-layout.js';

export type CsvOverrides = {encoding?: EncodingLabel; delimiter?: Delimiter; headerLine?: number; chunkSize?: number};

export type HeaderIssue = {index: number; header: string; kind: 'empty' | 'duplicate' | 'cleaned'};

export type CsvLayout = {
	encoding: EncodingLabel;
	bom: boolean;
	delimiter: Delimiter;
	sepLine: boolean;
	/** 1-based physical line of the header row. */
	headerLine: number;
	/** Cleaned header names, one per column, positional: empty and duplicate names are kept. */
	headers: string[];
	headerIssues: HeaderIssue[];
	newline: Newline;
};

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

export type CsvFile = {
	path: string;
	layout: CsvLayout;
	/** Streams the rows under the header; each call reads the file again. */
	rows(): AsyncIterable<CsvRow>;
	/** The same rows a chunk at a time, for callers that go through every row of a large file. */
	batches(): AsyncIterable<CsvRow[]>;
	/** The first `count` rows. */
	sample(count: number): Promise<CsvRow[]>;
	/** Counts from the last complete pass of rows(), undefined before one. */
	stats(): CsvStats | undefined;
};

/** Bytes read to find the encoding, delimiter and header. */
const headSize = 64 * 1024;

/**
 * Opens a CSV for streaming: decides the encoding, the delimiter and the header row from the file
 * itself (overrides win), then reads rows lazily. Throws CsvError with a sentence for the user when
 * the file is missing, a folder, binary, empty, or has no header row.
 */
export async function openCsv(path: string, overrides: CsvOverrides = {}): Promise<CsvFile> {
	const head = await readHead(path);
	const announced = encodingFromStart(head, path);
	const encoding = overrides.encoding ?? announced?.encoding ?? ((await isUtf8File(path)) ? 'utf-8' : 'windows-1252');
	const bomLength = announced && announced.encoding === encoding ? announced.bomLength : 0;

	const headText = new TextDecoder(encoding).decode(head.subarray(bomLength), {stream: true});
	const complete = head.length < headSize;
	if (headText.trim() === '') throw new CsvError('empty', path, `${path} is empty.`);
	const sniffed = sniffLayout(headText, complete, overrides);
	if (!sniffed) {
		const where = overrides.headerLine === undefined ? '' : ` on line ${overrides.headerLine}`;
		throw new CsvError('no-header', path, `${path} has no header row${where}: the first row must name the columns.`);
	}
	const {headers, headerIssues} = cleanHeaders(sniffed.rawHeaders);
	const layout: CsvLayout = {
		encoding,
		bom: bomLength > 0,
		delimiter: sniffed.delimiter,
		sepLine: sniffed.sepLine,
		headerLine: sniffed.headerLine,
		headers,
		headerIssues,
		newline: sniffed.newline,
	};

	let lastStats: CsvStats | undefined;
	const chunkSize = overrides.chunkSize ?? headSize;
	async function* batches(): AsyncGenerator<CsvRow[]> {
		const stats: CsvStats = {rows: 0, droppedRows: 0, cleanedCells: 0};
		let record = 0;
		let line = 1;
		const width = headers.length;
		for await (const {records, lineBreaks, odd} of recordBatches(path, bomLength, encoding, layout, chunkSize)) {
			// When the chunk holds exactly one line break per record, no field spans lines: skip counting them.
			const simple = lineBreaks === records.length;
			const clean = odd ? cleanCell : trimCell;
			const batch: CsvRow[] = [];
			for (const fields of records) {
				const start = line;
				line += simple ? 1 : 1 + innerLineBreaks(fields);
				if (record++ <= sniffed!.headerRecord) continue;
				if (fields.length === 1 && fields[0] === '') continue; // a blank line, or the final line break
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
		lastStats = stats;
	}

	async function* rows(): AsyncGenerator<CsvRow> {
		for await (const batch of batches()) yield* batch;
	}

	return {
		path,
		layout,
		rows,
		batches,
		async sample(count) {
			const sample: CsvRow[] = [];
			if (count <= 0) return sample;
			for await (const row of rows()) {
				sample.push(row);
				if (sample.length >= count) break;
			}
			return sample;
		},
		stats: () => lastStats,
	};
}

/**
 * The file's records, a chunk at a time: each chunk of text is parsed up to its last complete
 * record and the rest waits for the next chunk, so a quoted field may span any number of chunks.
 * `lineBreaks` counts the line breaks in the text those records came from.
 */
async function* recordBatches(
	path: string,
	bomLength: number,
	encoding: EncodingLabel,
	layout: CsvLayout,
	chunkSize: number,
): AsyncGenerator<{records: string[][]; lineBreaks: number; odd: boolean}> {
	const config = {delimiter: layout.delimiter, newline: layout.newline, quoteChar: '"'};
	const decoder = new TextDecoder(encoding);
	let pending = '';
	for await (const chunk of createReadStream(path, {start: bomLength, highWaterMark: chunkSize})) {
		pending += decoder.decode(chunk as Buffer, {stream: true});
		const parsed = new Papa.Parser(config).parse(pending, 0, true);
		const used = parsed.meta.cursor as number;
		const text = pending.slice(0, used);
		yield {records: parsed.data as string[][], lineBreaks: countLineBreaks(text, layout.newline), odd: hasOddCharacters(text)};
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

async function readHead(path: string): Promise<Uint8Array> {
	let handle;
	try {
		const info = await stat(path);
		if (info.isDirectory()) throw new CsvError('directory', path, `${path} is a folder, not a CSV file.`);
		handle = await open(path, 'r');
		const buffer = Buffer.alloc(headSize);
		const {bytesRead} = await handle.read(buffer, 0, headSize, 0);
		return buffer.subarray(0, bytesRead);
	} catch (error) {
		if (error instanceof CsvError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new CsvError('missing', path, `${path}: no such file.`);
		if (code === 'EACCES' || code === 'EPERM') throw new CsvError('unreadable', path, `${path}: permission denied.`);
		throw new CsvError('unreadable', path, `${path} cannot be read (${code ?? 'unknown error'}).`);
	} finally {
		await handle?.close();
	}
}

async function isUtf8File(path: string): Promise<boolean> {
	const check = new Utf8Check();
	for await (const chunk of createReadStream(path, {highWaterMark: 1024 * 1024})) check.push(chunk as Buffer);
	return check.end();
}

/** Header names cleaned like cells; empty and duplicate ones kept in place and flagged. */
function cleanHeaders(raw: readonly string[]): {headers: string[]; headerIssues: HeaderIssue[]} {
	const headers = raw.map(cleanCell);
	const issues: HeaderIssue[] = [];
	const seen = new Set<string>();
	headers.forEach((header, index) => {
		if (header !== raw[index]) issues.push({index, header, kind: 'cleaned'});
		if (header === '') {
			issues.push({index, header, kind: 'empty'});
			return;
		}
		const key = header.toLowerCase();
		if (seen.has(key)) issues.push({index, header, kind: 'duplicate'});
		seen.add(key);
	});
	return {headers, headerIssues: issues};
}
