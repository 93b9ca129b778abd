import {decodeBytes} from './encoding.js';

/*
 * Shift_JIS written back (failed.csv of a Japanese Excel file keeps its code page). TextDecoder
 * only decodes, so the table is TextDecoder's own, reversed once, the first time it is needed.
 */

let table: Map<string, number[]> | undefined;

function reversedTable(): Map<string, number[]> {
	const reversed = new Map<string, number[]>();
	const take = (bytes: number[]) => {
		const char = decodeBytes(Uint8Array.from(bytes), 'shift_jis');
		if (char.length === 1 && char !== '\ufffd' && !reversed.has(char)) reversed.set(char, bytes);
	};
	for (let byte = 0; byte < 0x100; byte++) take([byte]);
	for (const lead of leadBytes()) for (const trail of trailBytes()) take([lead, trail]);
	return reversed;
}

function* leadBytes(): Generator<number> {
	for (let byte = 0x81; byte <= 0x9f; byte++) yield byte;
	for (let byte = 0xe0; byte <= 0xfc; byte++) yield byte;
}

function* trailBytes(): Generator<number> {
	for (let byte = 0x40; byte <= 0xfc; byte++) if (byte !== 0x7f) yield byte;
}

/** Text in Shift_JIS bytes; a character the code page lacks becomes `?`. */
export function encodeShiftJis(text: string): Buffer {
	table ??= reversedTable();
	const bytes: number[] = [];
	for (const char of text) bytes.push(...(table.get(char) ?? [0x3f]));
	return Buffer.from(bytes);
}
