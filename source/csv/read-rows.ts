import {createHash, type Hash} from 'node:crypto';
import {createReadStream} from 'node:fs';
import Papa from 'papaparse';
import {cleanCell, hasControlCharacters, hasOddCharacters, trimCell} from './clean-cell.js';
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
	/** Of those, the columns that lost control characters, when any. */
	controls?: number[];
};

export type CsvStats = {
	rows: number;
	droppedRows: number;
	cleanedCells: number;
	/** Asked for with `fingerprint`: the sha256 and size of every byte this pass read, and a digest of each row's cells. */
	fingerprint?: FileFingerprint;
};

/**
 * The exact bytes a plan was made from, and each row's cells as a 32-bit digest (the i-th row read
 * at i) to tell which rows changed. `from`: the bytes are the file's from that offset on, not all of it.
 */
export type FileFingerprint = {sha256: string; size: number; rowDigests: Uint32Array; from?: number};

/**
 * Where a record starts, to read on from there (a resume skips the rows it finished): its byte
 * offset in the file (past the header and any byte-order mark), the 1-based row number the first
 * row read gets, and the 1-based physical line it starts on.
 */
export type RowPosition = {offset: number; row: number; line: number};

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
	/** Hash the bytes and digest the rows as they are read (a plan needs to know later whether the file changed). */
	fingerprint?: boolean;
	/** Start at this record instead of the file's first: the header is behind it, nothing is skipped. */
	from?: RowPosition;
};

/** Longer than any real record: past it, an opening quote has no closing one. */
const maxRecordLength = 1024 * 1024;

/**
 * A signal inside the reader, not an error for users (so not an ExpectedError): it has no message,
 * and withLine turns it into the CsvError ('malformed') that names the line the record starts on.
 */
export class UnclosedQuoteError extends Error {
	override name = 'UnclosedQuoteError';
}

/**
 * The rows under the header, a chunk of the file at a time: cleaned, padded to the header, with
 * their physical line; rows empty after cleaning dropped. Counts go into `stats` as it goes.
 * With `plan.from`, the rows from that record on, numbered from it.
 */
export async function* readRows(plan: ReadPlan, stats: CsvStats): AsyncGenerator<CsvRow[]> {
	const {width, from} = plan;
	// Read from a record past the header, every record is a row (or a blank one).
	let record = from ? plan.headerRecord + 1 : 0;
	let line = from?.line ?? 1;
	const rowsBefore = from ? from.row - 1 : 0;
	const bytes = plan.fingerprint ? {hash: createHash('sha256'), size: 0} : undefined;
	let digests: Uint32Array | undefined = plan.fingerprint ? new Uint32Array(1024) : undefined;
	for await (const {records, lineBreaks, odd} of withLine(recordBatches(plan, bytes), plan.path, () => line)) {
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
			// The parser's own array becomes the row's cells when it has the header's width (almost
			// always): one array fewer per row. A short one is padded in place, a long one copied.
			const count = fields.length;
			const cells = count > width ? fields.slice(0, width) : fields;
			let blank = true;
			let cleanedColumns: number[] | undefined;
			let controlColumns: number[] | undefined;
			for (let index = 0; index < width; index++) {
				const raw = index < count ? fields[index]! : '';
				const cleaned = clean(raw);
				if (cleaned !== raw) {
					(cleanedColumns ??= []).push(index);
					if (hasControlCharacters(raw)) (controlColumns ??= []).push(index);
				}
				if (cleaned !== '') blank = false;
				cells[index] = cleaned;
			}
			if (blank && !fields.slice(width).some((cell) => cleanCell(cell) !== '')) {
				stats.droppedRows++;
				continue;
			}
			stats.rows++;
			if (digests) {
				if (stats.rows > digests.length) digests = grow(digests);
				digests[stats.rows - 1] = digestCells(cells);
			}
			const row: CsvRow = {row: rowsBefore + stats.rows, line: start, cells, fieldCount: count};
			if (cleanedColumns) {
				stats.cleanedCells += cleanedColumns.length;
				row.cleaned = cleanedColumns;
				if (controlColumns) row.controls = controlColumns;
			}
			batch.push(row);
		}
		if (batch.length > 0) yield batch;
	}
	if (bytes && digests) {
		stats.fingerprint = {sha256: bytes.hash.digest('hex'), size: bytes.size, rowDigests: digests.slice(0, stats.rows)};
		if (from) stats.fingerprint.from = from.offset;
	}
}

function grow(digests: Uint32Array): Uint32Array {
	// Doubling keeps the copies to about one per row in all.
	const bigger = new Uint32Array(digests.length * 2);
	bigger.set(digests);
	return bigger;
}

/** FNV-1a over the cells and their separators: cheap, and enough to say which rows differ. */
export function digestCells(cells: readonly string[]): number {
	let hash = 0x811c9dc5;
	for (const cell of cells) {
		for (let index = 0; index < cell.length; index++) hash = Math.imul(hash ^ cell.charCodeAt(index), 0x01000193);
		hash = Math.imul(hash ^ 0x1f, 0x01000193);
	}
	return hash >>> 0;
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
async function* recordBatches(plan: ReadPlan, bytes?: {hash: Hash; size: number}): AsyncGenerator<{records: string[][]; lineBreaks: number; odd: boolean}> {
	const config = {delimiter: plan.delimiter, newline: plan.newline, quoteChar: '"'};
	const {from} = plan;
	if (from && plan.encoding.startsWith('utf-16')) throw new Error(`Reading ${plan.path} from a record is not supported in ${plan.encoding}: its record boundaries are not plain bytes.`);
	// From a record, a leading U+FEFF is the record's own text, not a byte-order mark to drop.
	const decoder = new TextDecoder(plan.encoding, {ignoreBOM: from !== undefined});
	let pending = '';
	// Hashing, the byte-order mark is read too, so the digest is the whole file's; from a record, it is behind.
	let skip = bytes && !from ? plan.bomLength : 0;
	const start = from ? from.offset : bytes ? 0 : plan.bomLength;
	for await (const read of createReadStream(plan.path, {start, highWaterMark: plan.chunkSize})) {
		let chunk = read as Buffer;
		if (bytes) {
			bytes.hash.update(chunk);
			bytes.size += chunk.length;
			if (skip > 0) {
				const cut = Math.min(skip, chunk.length);
				chunk = chunk.subarray(cut);
				skip -= cut;
			}
		}
		pending += decoder.decode(chunk, {stream: true});
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
