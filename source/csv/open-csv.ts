import {constants, createReadStream, type Stats} from 'node:fs';
import {open, stat} from 'node:fs/promises';
import {cleanCell} from './clean-cell.js';
import {CodePageSample, guessCodePage} from './code-page.js';
import {encodingFromStart, Utf8Check, type EncodingLabel} from './encoding.js';
import {CsvError} from './errors.js';
import {readRows, type CsvRow, type CsvStats, type ReadPlan, type RowPosition} from './read-rows.js';
import {sniffLayout, type Delimiter, type Newline} from './sniff-layout.js';

export type CsvOverrides = {
	encoding?: EncodingLabel;
	/** For a file that is not UTF-8 and announces no encoding: read it so instead of guessing its code page (a preset's). */
	legacyEncoding?: EncodingLabel;
	delimiter?: Delimiter;
	headerLine?: number;
	chunkSize?: number;
	/** Hash the bytes and digest each row on full passes (stats().fingerprint): a plan is later checked against it. */
	fingerprint?: boolean;
};

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
	/** PowerShell 5.1's `#TYPE <type name>` line above the header was skipped: the type name. */
	powershellType?: string;
	/** 1-based physical line of a second header row that relabels the columns (SAP SuccessFactors), skipped. */
	labelLine?: number;
	/** That row's labels, cleaned, one per column: a second name for each column to match on. */
	labels?: string[];
};

export type {CsvRow, CsvStats, RowPosition} from './read-rows.js';

/** How sure the encoding is (0–1: 1 when told, announced or valid UTF-8), and the code page that read next best. */
export type EncodingCertainty = {confidence: number; runnerUp?: {encoding: EncodingLabel; confidence: number}};

export type CsvFile = {
	path: string;
	layout: CsvLayout;
	encodingCertainty: EncodingCertainty;
	/** Streams the rows under the header; each call reads the file again. */
	rows(): AsyncIterable<CsvRow>;
	/**
	 * The same rows a chunk at a time, for callers that go through every row of a large file; `from`
	 * starts at that record (a resume skips the rows it finished). Not for UTF-16 files.
	 */
	batches(from?: RowPosition): AsyncIterable<CsvRow[]>;
	/** The file's first `count` rows (never read from a position: they decide how dates are written). */
	sample(count: number): Promise<CsvRow[]>;
	/** Counts from the last complete pass of rows() or batches(), undefined before one. */
	stats(): CsvStats | undefined;
};

/** Bytes read to find the encoding, delimiter and header. */
export const headSize = 64 * 1024;

/**
 * Opens a CSV for streaming: decides the encoding, the delimiter and the header row from the file
 * itself (overrides win), then reads rows lazily. Throws CsvError with a sentence for the user when
 * the file is missing, a folder, binary, empty, or has no header row.
 */
export async function openCsv(path: string, overrides: CsvOverrides = {}): Promise<CsvFile> {
	const head = await readHead(path);
	const announced = encodingFromStart(head, path);
	const detected: {encoding: EncodingLabel} & EncodingCertainty = overrides.encoding
		? {encoding: overrides.encoding, confidence: 1}
		: announced
			? {encoding: announced.encoding, confidence: 1}
			: await detectEncoding(path, overrides.legacyEncoding);
	const {encoding, ...encodingCertainty} = detected;
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
	if (sniffed.powershellType !== undefined) layout.powershellType = sniffed.powershellType;
	if (sniffed.labels) {
		layout.labelLine = sniffed.labels.line;
		layout.labels = headers.map((_, index) => cleanCell(sniffed.labels!.rawLabels[index] ?? ''));
	}

	let lastStats: CsvStats | undefined;
	const chunkSize = overrides.chunkSize ?? headSize;
	const plan: ReadPlan = {path, bomLength, encoding, delimiter: layout.delimiter, newline: layout.newline, headerRecord: sniffed.labels?.record ?? sniffed.headerRecord, width: headers.length, chunkSize, fingerprint: overrides.fingerprint === true};
	async function* batches(from?: RowPosition): AsyncGenerator<CsvRow[]> {
		const stats: CsvStats = {rows: 0, droppedRows: 0, cleanedCells: 0};
		yield* readRows(from ? {...plan, from} : plan, stats);
		lastStats = stats;
	}

	async function* rows(): AsyncGenerator<CsvRow> {
		for await (const batch of batches()) yield* batch;
	}

	return {
		path,
		layout,
		encodingCertainty,
		rows,
		batches,
		async sample(count) {
			const sample: CsvRow[] = [];
			if (count <= 0) return sample;
			for await (const batch of readRows(plan, {rows: 0, droppedRows: 0, cleanedCells: 0})) {
				sample.push(...batch.slice(0, count - sample.length));
				if (sample.length >= count) break;
			}
			return sample;
		},
		stats: () => lastStats,
	};
}

/**
 * The file's first bytes; CsvError with a sentence when it is missing, a folder, not a regular file
 * or unreadable. Every other read of the CSV comes after this one, so none of them can block.
 */
export async function readHead(path: string): Promise<Uint8Array> {
	let handle;
	try {
		refuseNonFile(path, await stat(path));
		// Opening a FIFO blocks until a writer comes; non-blocking, and checked again in case the path changed since stat.
		handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
		refuseNonFile(path, await handle.stat());
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

/** Follows links: a link to a CSV is a CSV, a link to a pipe is a pipe. */
function refuseNonFile(path: string, info: Stats): void {
	if (info.isFile()) return;
	if (info.isDirectory()) throw new CsvError('directory', path, `${path} is a folder, not a CSV file.`);
	throw new CsvError('not-a-file', path, `${path} is not a regular file (${nonFileKind(info)}): give jc-import a CSV file saved on disk.`);
}

function nonFileKind(info: Stats): string {
	if (info.isFIFO()) return 'a FIFO/pipe';
	if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
	if (info.isSocket()) return 'a socket';
	return 'an unknown kind';
}

/**
 * UTF-8 when the whole file is (one byte on row 90,000 can say otherwise), else the code page its
 * words read best in, from the stretches around its non-ASCII bytes (read in the same pass).
 */
async function detectEncoding(path: string, legacy: EncodingLabel | undefined): Promise<{encoding: EncodingLabel} & EncodingCertainty> {
	const check = new Utf8Check();
	const sample = new CodePageSample();
	const stream = createReadStream(path, {highWaterMark: 1024 * 1024});
	try {
		for await (const chunk of stream) {
			check.push(chunk as Buffer);
			// Evidence from where UTF-8 first fails on: a UTF-8 file costs nothing, and the bytes before were ASCII (or UTF-8) anyway.
			if (!check.valid) sample.push(chunk as Buffer);
			// Not UTF-8, and evidence enough: the rest of a big file would change nothing.
			if (!check.valid && sample.full) break;
		}
	} finally {
		stream.destroy();
	}
	if (check.end()) return {encoding: 'utf-8', confidence: 1};
	return legacy ? {encoding: legacy, confidence: 1} : guessCodePage(sample.bytes());
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
