import {isUtf8} from 'node:buffer';
import {CsvError} from './errors.js';

/**
 * WHATWG labels, as `inspect` reports them and TextDecoder accepts them. UTF-8 and UTF-16 are told
 * by their bytes; a file that is neither is read in the legacy code page its words read best in
 * (code-page.ts).
 */
export type EncodingLabel = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'windows-1250' | 'iso-8859-2' | 'macintosh' | 'shift_jis';
export const encodingLabels: readonly EncodingLabel[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'windows-1250', 'iso-8859-2', 'macintosh', 'shift_jis'];

/**
 * Bytes decoded whole. Node since 20.18.3 decodes windows-1252 as Latin-1 (0x80–0x9F wrong: € ’ Ž …)
 * unless streaming (nodejs/node#60888), so the bytes go through the streaming path, then a flush
 * (which turns a cut UTF-8 sequence into U+FFFD as usual).
 */
export function decodeBytes(bytes: Uint8Array, encoding: EncodingLabel): string {
	const decoder = new TextDecoder(encoding);
	return decoder.decode(bytes, {stream: true}) + decoder.decode();
}

export type EncodingGuess = {encoding: EncodingLabel; bomLength: number};

/**
 * The encoding the first bytes announce: a byte-order mark, or UTF-16 without one (every other byte
 * zero). Throws for what is plainly not text: Excel workbooks, and other binary files.
 * Returns undefined when only reading the whole file can tell UTF-8 from Windows-1252.
 */
export function encodingFromStart(head: Uint8Array, path: string): EncodingGuess | undefined {
	const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
	if (starts(0xef, 0xbb, 0xbf)) return {encoding: 'utf-8', bomLength: 3};
	if (starts(0xff, 0xfe)) return {encoding: 'utf-16le', bomLength: 2};
	if (starts(0xfe, 0xff)) return {encoding: 'utf-16be', bomLength: 2};
	if (starts(0x50, 0x4b, 0x03, 0x04)) {
		throw new CsvError('binary', path, `${path} is an Excel workbook or another zip file, not CSV: save it from Excel as "CSV UTF-8".`);
	}
	if (starts(0xd0, 0xcf, 0x11, 0xe0)) {
		throw new CsvError('binary', path, `${path} is an old Excel (.xls) workbook, not CSV: save it from Excel as "CSV UTF-8".`);
	}
	const window = head.subarray(0, 4096);
	const zerosAt = (parity: number) => window.filter((byte, index) => index % 2 === parity && byte === 0).length;
	const half = window.length / 2;
	if (half >= 2 && zerosAt(1) >= half * 0.4 && zerosAt(0) === 0) return {encoding: 'utf-16le', bomLength: 0};
	if (half >= 2 && zerosAt(0) >= half * 0.4 && zerosAt(1) === 0) return {encoding: 'utf-16be', bomLength: 0};
	if (window.includes(0)) throw new CsvError('binary', path, `${path} is a binary file, not CSV.`);
	return undefined;
}

/**
 * Checks a stream of bytes for valid UTF-8 without keeping them. Excel's "CSV (Comma delimited)"
 * writes Windows-1252, which is almost never valid UTF-8 once it holds an accent, so the whole file
 * is read: a single `é` on row 90,000 decides it.
 */
export class Utf8Check {
	private carry: Uint8Array = new Uint8Array(0);
	private stillValid = true;

	/** False once a byte was seen that UTF-8 does not allow (a sequence cut at the end is told by end()). */
	get valid(): boolean {
		return this.stillValid;
	}

	push(chunk: Uint8Array): void {
		if (!this.stillValid) return;
		const bytes = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
		const cut = completeLength(bytes);
		this.stillValid = isUtf8(bytes.subarray(0, cut));
		this.carry = bytes.slice(cut);
	}

	end(): boolean {
		return this.stillValid && this.carry.length === 0;
	}
}

/** Where the last whole character ends: a multibyte sequence cut by the chunk waits for the next one. */
function completeLength(bytes: Uint8Array): number {
	for (let back = 1; back <= Math.min(3, bytes.length); back++) {
		const byte = bytes[bytes.length - back]!;
		if (byte < 0x80) return bytes.length;
		if (byte >= 0xc0) {
			const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
			return size > back ? bytes.length - back : bytes.length;
		}
	}
	return bytes.length;
}
