import {decodeBytes, type EncodingLabel} from '../../source/csv/encoding.js';

const tables = new Map<string, Map<string, number[]>>();

/** Every character the code page writes, and its bytes: TextDecoder's own table reversed (double-byte for Shift_JIS). */
function tableOf(encoding: EncodingLabel): Map<string, number[]> {
	let table = tables.get(encoding);
	if (table) return table;
	table = new Map();
	for (let byte = 0; byte < 0x100; byte++) {
		const char = decodeBytes(Uint8Array.of(byte), encoding);
		if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [byte]);
	}
	if (encoding === 'shift_jis') {
		for (let lead = 0x81; lead <= 0xfc; lead++) {
			for (let trail = 0x40; trail <= 0xfc; trail++) {
				const char = decodeBytes(Uint8Array.of(lead, trail), encoding);
				if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
			}
		}
	}
	tables.set(encoding, table);
	return table;
}

/** Text as a legacy code page writes it; a character it lacks throws, so a test never reads `?` by mistake. */
export function legacyBytes(text: string, encoding: EncodingLabel): Buffer {
	const table = tableOf(encoding);
	const bytes: number[] = [];
	for (const char of text) {
		const code = table.get(char);
		if (!code) throw new Error(`${encoding} has no ${char}`);
		bytes.push(...code);
	}
	return Buffer.from(bytes);
}
