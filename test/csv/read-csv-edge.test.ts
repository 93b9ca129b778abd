import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openCsv, type CsvOverrides, type CsvRow} from '../../source/csv/index.js';
import {tempFolder} from '../support/temp-dir.js';

/** Edge cases written on the fly: each must read the same whatever the chunk size. */
const folder = tempFolder('read-csv-edge-');

async function rowsOf(name: string, content: string, overrides?: CsvOverrides): Promise<CsvRow[]> {
	const target = path.join(folder, name);
	writeFileSync(target, content);
	const file = await openCsv(target, overrides);
	const rows: CsvRow[] = [];
	for await (const row of file.rows()) rows.push(row);
	return rows;
}

/** Reads with the default chunk and with every chunk size from 1 to 48; all must equal `expected`. */
async function expectAtEveryChunkSize(name: string, content: string, expected: CsvRow[]): Promise<void> {
	expect(await rowsOf(name, content)).toStrictEqual(expected);
	for (let chunkSize = 1; chunkSize <= 48; chunkSize++) {
		expect({chunkSize, rows: await rowsOf(name, content, {chunkSize})}).toStrictEqual({chunkSize, rows: expected});
	}
}

describe('edge cases at every chunk size', () => {
	it('a last row with no final line break, spanning two lines', async () => {
		await expectAtEveryChunkSize('no-final-newline.csv', 'Username,First Name\nzoe,Zoë\njnunez,"Jo\nsé"', [
			{row: 1, line: 2, cells: ['zoe', 'Zoë'], fieldCount: 2},
			{row: 2, line: 3, cells: ['jnunez', 'Jo\nsé'], fieldCount: 2},
		]);
	});

	it('old Mac line endings (CR only) with a CRLF inside a quoted field', async () => {
		await expectAtEveryChunkSize('old-mac.csv', 'Username,First Name\rzoe,"Zo\r\në"\rjnunez,José\r', [
			{row: 1, line: 2, cells: ['zoe', 'Zo\r\në'], fieldCount: 2},
			{row: 2, line: 4, cells: ['jnunez', 'José'], fieldCount: 2},
		]);
	});

	it('a CRLF inside a quoted field of an LF file', async () => {
		await expectAtEveryChunkSize('crlf-in-lf.csv', 'Username,Street\njmueller,"Hauptstraße 1\r\nHinterhaus"\nzoe,Rue de Rivoli\n', [
			{row: 1, line: 2, cells: ['jmueller', 'Hauptstraße 1\r\nHinterhaus'], fieldCount: 2},
			{row: 2, line: 4, cells: ['zoe', 'Rue de Rivoli'], fieldCount: 2},
		]);
	});

	// READER BUG (left failing on purpose): in a CRLF file a lone CR inside a quoted field counts as a
	// line break only when the same chunk also holds a LF inside a field (slow path); otherwise the
	// fast path (`lineBreaks === records.length`, counting only '\n') skips it. innerLineBreaks and
	// startLines count a lone CR as a line break, so the row after it should start one line later.
	it('a lone CR inside a quoted field of a CRLF file moves later rows down a line', async () => {
		await expectAtEveryChunkSize('lone-cr.csv', 'Username,Note\r\njmueller,"x\ry"\r\nzoe,plain\r\n', [
			{row: 1, line: 2, cells: ['jmueller', 'x\ry'], fieldCount: 2},
			{row: 2, line: 4, cells: ['zoe', 'plain'], fieldCount: 2},
		]);
	});

	it('a lone CR and a LF in fields of a CRLF file: the same lines at every chunk size', async () => {
		await expectAtEveryChunkSize('lone-cr-and-lf.csv', 'a,b\r\n1,"x\ry"\r\n2,"p\nq"\r\n3,z\r\n', [
			{row: 1, line: 2, cells: ['1', 'x\ry'], fieldCount: 2},
			{row: 2, line: 4, cells: ['2', 'p\nq'], fieldCount: 2},
			{row: 3, line: 6, cells: ['3', 'z'], fieldCount: 2},
		]);
	});

	// READER BUG (left failing on purpose): trimCell (used for chunks without NBSP/zero-width
	// characters) only trims when an end char is <= U+0020, but cleanCell trims every \s, including
	// U+2000–U+200A, U+2028/2029, U+205F, U+1680. So 'Zoë\u2003' stays untrimmed unless the same
	// chunk happens to contain an odd character elsewhere.
	it('an em space (U+2003) at the end of a value is trimmed like any outer space', async () => {
		await expectAtEveryChunkSize('em-space.csv', 'Username,First Name\nzoe,Zoë\u2003\n', [
			{row: 1, line: 2, cells: ['zoe', 'Zoë'], fieldCount: 2, cleaned: [1]},
		]);
	});

	it('an em space is cleaned the same whether or not a NBSP shares its chunk', async () => {
		await expectAtEveryChunkSize('em-space-nbsp.csv', 'Username,First Name\nzoe,Zoë\u2003\njnunez,\u00a0José\n', [
			{row: 1, line: 2, cells: ['zoe', 'Zoë'], fieldCount: 2, cleaned: [1]},
			{row: 2, line: 3, cells: ['jnunez', 'José'], fieldCount: 2, cleaned: [1]},
		]);
	});
});

describe('small files', () => {
	it('a file of only a UTF-8 BOM is empty', async () => {
		const target = path.join(folder, 'bom-only.csv');
		writeFileSync(target, Buffer.from([0xef, 0xbb, 0xbf]));
		await expect(openCsv(target)).rejects.toMatchObject({kind: 'empty', path: target});
	});

	it('a UTF-16LE file without a BOM is recognised by its zero bytes', async () => {
		const target = path.join(folder, 'utf16le-no-bom.csv');
		writeFileSync(target, Buffer.from('Username,First Name\r\nzoe,Zoë\r\n', 'utf16le'));
		const file = await openCsv(target);
		expect(file.layout).toMatchObject({encoding: 'utf-16le', bom: false, headers: ['Username', 'First Name']});
		expect(await file.sample(5)).toStrictEqual([{row: 1, line: 2, cells: ['zoe', 'Zoë'], fieldCount: 2}]);
	});
});
