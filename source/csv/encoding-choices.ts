import {isUtf8} from 'node:buffer';
import {createReadStream} from 'node:fs';
import Papa from 'papaparse';
import {decodeBytes, encodingFromStart, type EncodingLabel} from './encoding.js';
import {headSize, readHead} from './open-csv.js';
import {sniffLayout, type Delimiter} from './sniff-layout.js';

/** The same cells read under one encoding: the admin picks the one whose names read right; `confidence`: the guess's, on the guessed one. */
export type EncodingChoice = {encoding: EncodingLabel; samples: string[]; confidence?: number};

/** What a file that is not UTF-8 most likely is: Excel on Western or Central European Windows, old Mac Excel; UTF-8 shows the damage. */
export const encodingCandidates: readonly EncodingLabel[] = ['windows-1252', 'windows-1250', 'macintosh', 'utf-8'];

/** The code-page guess, offered first (and the one after it, second), with how sure it is. */
export type GuessedEncoding = {encoding: EncodingLabel; confidence: number; runnerUp?: EncodingLabel};

const shown = 5;
/** Distinct non-UTF-8 cells gathered before reading stops: plenty to find short names among. */
const enough = 200;
/** Longer cells are cut to this many bytes around their first non-ASCII byte. */
const maxBytes = 40;

type Found = {bytes: Buffer; order: number; utf8: boolean; nameLike: boolean};

/**
 * For a file that is not UTF-8: up to five distinct cells holding non-ASCII bytes (from the header
 * and the rows, short name-like ones first), decoded under each candidate encoding, in the same
 * order. Empty when the file is UTF-8, or announces its encoding (a BOM, UTF-16): nothing to choose.
 * The samples are raw text from the file: sanitize them before they are drawn.
 */
export async function encodingChoices(path: string, options: {delimiter?: Delimiter; skipColumns?: ReadonlySet<number>; guessed?: GuessedEncoding} = {}): Promise<EncodingChoice[]> {
	const head = await readHead(path);
	if (encodingFromStart(head, path)) return [];
	// Every candidate is ASCII-compatible, so delimiters, quotes and line breaks are the same bytes in all.
	const delimiter = options.delimiter ?? sniffLayout(Buffer.from(head).toString('latin1'), head.length < headSize)?.delimiter ?? ',';
	const found = await nonAsciiCells(path, delimiter, options.skipColumns ?? new Set());
	if (![...found.values()].some((cell) => !cell.utf8)) return [];
	const picked = [...found.values()].sort(byPreference).slice(0, shown);
	const guessed = options.guessed;
	const candidates = guessed ? [...new Set([guessed.encoding, ...(guessed.runnerUp ? [guessed.runnerUp] : []), ...encodingCandidates])] : encodingCandidates;
	return candidates.map((encoding) => ({
		encoding,
		samples: picked.map((cell) => excerpt(cell.bytes, (bytes) => decodeBytes(bytes, encoding))),
		...(guessed?.encoding === encoding ? {confidence: guessed.confidence} : {}),
	}));
}

/** Distinct cells with a byte ≥ 0x80, by their bytes, reading line by line until enough are not UTF-8. */
/** `skip`: columns never sampled (passwords must not be shown, whatever their encoding). */
async function nonAsciiCells(path: string, delimiter: Delimiter, skip: ReadonlySet<number>): Promise<Map<string, Found>> {
	const found = new Map<string, Found>();
	let notUtf8 = 0;
	let carry = Buffer.alloc(0);
	const takeLine = (line: Buffer) => {
		if (!line.some((byte) => byte >= 0x80)) return;
		// latin1 maps each byte to one character and back, so cells come out byte-exact.
		const fields = (Papa.parse<string[]>(line.toString('latin1').replace(/\r$/, ''), {delimiter, quoteChar: '"'}).data[0] ?? []) as string[];
		for (const [index, field] of fields.entries()) {
			if (skip.has(index)) continue;
			const text = field.replace(/^[ \t]+|[ \t]+$/g, '');
			if (!/[\x80-\xff]/.test(text) || found.has(text)) continue;
			const bytes = Buffer.from(text, 'latin1');
			const utf8 = isUtf8(bytes);
			if (!utf8) notUtf8++;
			found.set(text, {bytes, order: found.size, utf8, nameLike: /^[A-Za-z\x80-\xff][A-Za-z\x80-\xff .'-]*$/.test(text)});
		}
	};
	const stream = createReadStream(path, {highWaterMark: 256 * 1024});
	try {
		for await (const chunk of stream) {
			let bytes = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
			for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a)) {
				takeLine(bytes.subarray(0, end));
				bytes = bytes.subarray(end + 1);
			}
			carry = Buffer.from(bytes);
			if (notUtf8 >= enough) return found;
		}
		takeLine(carry);
		return found;
	} finally {
		stream.destroy();
	}
}

/** Cells that are not UTF-8 first (they tell the encodings apart), then names, then the shortest. */
function byPreference(a: Found, b: Found): number {
	return Number(a.utf8) - Number(b.utf8) || Number(b.nameLike) - Number(a.nameLike) || a.bytes.length - b.bytes.length || a.order - b.order;
}

function excerpt(bytes: Buffer, decode: (bytes: Uint8Array) => string): string {
	if (bytes.length <= maxBytes) return decode(bytes);
	const first = bytes.findIndex((byte) => byte >= 0x80);
	const start = Math.max(0, Math.min(first - maxBytes / 4, bytes.length - maxBytes));
	const end = start + maxBytes;
	return `${start > 0 ? '…' : ''}${decode(bytes.subarray(start, end))}${end < bytes.length ? '…' : ''}`;
}
