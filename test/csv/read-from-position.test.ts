import {createHash} from 'node:crypto';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openCsv, type CsvOverrides, type CsvRow, type RowPosition} from '../../source/csv/index.js';
import type {EncodingLabel} from '../../source/csv/encoding.js';
import {scanFile} from '../../source/csv/scan-file.js';
import {tempFolder} from '../support/temp-dir.js';
import {legacyBytes} from './legacy-bytes.js';

const folder = tempFolder('jc-import-read-from-');

/**
 * Records with everything that moves a row's number or line away from its record's: quoted fields
 * over several lines (with either line break), blank lines and rows blank once cleaned (dropped),
 * cells cleaned of outer spaces and of control characters, short and long rows, and a few letters
 * beyond ASCII. `letters` are ones the file's encoding has.
 */
function records(letters: string): string[] {
	const lines = ['Username,Name,Note'];
	for (let index = 0; index < 40; index++) {
		const user = `user${index}`;
		switch (index % 8) {
			case 0:
				lines.push(`${user},"${letters} ${index}\nsecond line, with a comma","said ""hi"""`);
				break;
			case 1:
				lines.push(`${user},${letters},"one\r\ntwo\r\nthree"`, '');
				break;
			case 2:
				lines.push(` ${user} ,\u0007${letters},plain`);
				break;
			case 3:
				lines.push('  ,  , ', user);
				break;
			case 4:
				lines.push(`${user},a,b,c,d`);
				break;
			case 5:
				lines.push(`${user},"${letters}",`, '', '');
				break;
			default:
				lines.push(`${user},${letters} ${index},note ${index}`);
		}
	}
	return lines;
}

type Case = {name: string; bytes: Buffer; overrides?: CsvOverrides};

const bom = Buffer.from([0xef, 0xbb, 0xbf]);
const encoded = (text: string, encoding: EncodingLabel) => (encoding === 'utf-8' ? Buffer.from(text) : legacyBytes(text, encoding));

const cases: Case[] = [
	{name: 'UTF-8 with a byte-order mark, LF', bytes: Buffer.concat([bom, Buffer.from(`${records('Zoë Jürgen 山田').join('\n')}\n`)])},
	{name: 'UTF-8, CRLF, a sep= line above the header, no final break', bytes: Buffer.from(['sep=,', ...records('José Müller')].join('\r\n'))},
	{name: 'Windows-1252, CRLF', bytes: encoded(`${records('Zoë Jürgen €’').join('\r\n')}\r\n`, 'windows-1252'), overrides: {encoding: 'windows-1252'}},
	{name: 'Shift_JIS, LF', bytes: encoded(`${records('山田太郎 ｶﾅ ソ表').join('\n')}\n`, 'shift_jis'), overrides: {encoding: 'shift_jis'}},
];

/** Small chunks, so chunk edges fall inside records, quoted breaks and multi-byte letters. */
const chunkSize = 64;

async function collect(batches: AsyncIterable<CsvRow[]>): Promise<CsvRow[]> {
	const rows: CsvRow[] = [];
	for await (const batch of batches) rows.push(...batch);
	return rows;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('reading rows from a record', () => {
	for (const {name, bytes, overrides} of cases) {
		it(`gives the rest of a whole read, from every row: ${name}`, async () => {
			const at = path.join(folder, `${name}.csv`);
			writeFileSync(at, bytes);
			const file = await openCsv(at, {...overrides, chunkSize, fingerprint: true});
			const whole = await collect(file.batches());
			const wholeStats = file.stats()!;
			// The fixture has what it is meant to have.
			expect(whole.length).toBeGreaterThan(30);
			expect(wholeStats.droppedRows).toBeGreaterThan(5);
			expect(whole.some((row) => row.controls)).toBe(true);
			expect(whole.some((row) => row.cells.some((cell) => cell.includes('\r\n')))).toBe(true);
			expect(wholeStats.fingerprint).toEqual({sha256: sha256(bytes), size: bytes.length, rowDigests: expect.any(Uint32Array)});

			for (let k = 0; k < whole.length; k++) {
				const {offset} = (await scanFile(at, whole[k]!.line)).line!;
				const from: RowPosition = {offset, row: whole[k]!.row, line: whole[k]!.line};
				const rest = await collect(file.batches(from));
				expect({k, rows: rest}).toEqual({k, rows: whole.slice(k)});
				const stats = file.stats()!;
				expect(stats.rows).toBe(whole.length - k);
				expect(stats.fingerprint).toEqual({sha256: sha256(bytes.subarray(offset)), size: bytes.length - offset, from: offset, rowDigests: wholeStats.fingerprint!.rowDigests.slice(k)});
			}
		});
	}

	it('reads without fingerprints from a record too, and keeps the sample at the first rows', async () => {
		const {bytes, overrides} = cases[0]!;
		const at = path.join(folder, 'no-fingerprint.csv');
		writeFileSync(at, bytes);
		const file = await openCsv(at, {...overrides, chunkSize});
		const whole = await collect(file.batches());
		const k = 17;
		const {offset} = (await scanFile(at, whole[k]!.line)).line!;
		expect(await collect(file.batches({offset, row: whole[k]!.row, line: whole[k]!.line}))).toEqual(whole.slice(k));
		expect(file.stats()).toEqual({rows: whole.length - k, droppedRows: expect.any(Number), cleanedCells: expect.any(Number)});
		expect(await file.sample(3)).toEqual(whole.slice(0, 3));
		const again: CsvRow[] = [];
		for await (const row of file.rows()) again.push(row);
		expect(again).toEqual(whole);
	});

	it('numbers the rows and lines as the position says', async () => {
		const at = path.join(folder, 'numbers.csv');
		writeFileSync(at, 'Username,Name\nada,Ada\nbob,Bob\n');
		const file = await openCsv(at);
		const offset = 'Username,Name\nada,Ada\n'.length;
		expect(await collect(file.batches({offset, row: 501, line: 740}))).toEqual([{row: 501, line: 740, cells: ['bob', 'Bob'], fieldCount: 2}]);
	});

	it('keeps a record\'s leading U+FEFF as its text (cleaned away, as in a whole read), not as a byte-order mark', async () => {
		const at = path.join(folder, 'leading-feff.csv');
		writeFileSync(at, 'Username,Name\nada,Ada\n\ufeffbob,Bob\n');
		const file = await openCsv(at);
		const whole = await collect(file.batches());
		expect(whole[1]).toEqual({row: 2, line: 3, cells: ['bob', 'Bob'], fieldCount: 2, cleaned: [0]});
		const offset = Buffer.byteLength('Username,Name\nada,Ada\n');
		expect(await collect(file.batches({offset, row: 2, line: 3}))).toEqual(whole.slice(1));
	});

	it('refuses a position in a UTF-16 file, whose records do not start on plain bytes', async () => {
		const at = path.join(folder, 'utf16.csv');
		writeFileSync(at, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Username,Name\r\nada,Ada\r\nbob,Bob\r\n', 'utf16le')]));
		const file = await openCsv(at);
		expect(file.layout.encoding).toBe('utf-16le');
		await expect(collect(file.batches({offset: 32, row: 1, line: 2}))).rejects.toThrow(/not supported in utf-16le/);
		expect(await collect(file.batches())).toHaveLength(2);
	});
});
