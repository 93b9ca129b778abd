import {createHash} from 'node:crypto';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {scanFile, scanFileAside, type FileScan} from '../../source/csv/scan-file.js';
import {tempFolder} from '../support/temp-dir.js';

const folder = tempFolder('jc-import-scan-');

function file(name: string, bytes: string | Buffer): string {
	const at = path.join(folder, name);
	writeFileSync(at, bytes);
	return at;
}

const mebibyte = 1 << 20;

/** A line of `length` bytes with its break (x's, then \n). */
const lineOf = (length: number) => `${'x'.repeat(length - 1)}\n`;

const files = {
	empty: '',
	'one line, no break': 'a,b',
	'crlf with a last break': 'a,b\r\nc,d\r\n',
	'a quoted break': 'a,"b\nc"\nd,e',
	'blank lines': '\n\na\n\n',
	// Over a MiB, so the worker's reads go past its first buffer.
	'three MiB': lineOf(1024).repeat(3 * 1024 + 7),
	'a byte-order mark': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Name\nÉmile\n')]),
	// Line 3 starts at exactly 1 MiB: its break is a chunk's last byte, the hash starts with the next chunk.
	'a line starting at a MiB': `${lineOf(10)}${lineOf(mebibyte - 10)}tail,1\nlast`,
	// Line 3's break is the second chunk's first byte.
	'a break opening the second MiB': `${lineOf(10)}${lineOf(mebibyte - 9)}tail,1\nlast\n`,
	// Line 2 starts at the second chunk's second byte, and the file ends without a break.
	'no final break, over a MiB': `${'y'.repeat(mebibyte)}\n${lineOf(300).repeat(10)}end`,
};

/** Where line `line` starts and the sha256 from there, found the plain way; undefined past the file's lines. */
function expectedLine(bytes: Buffer, line: number): FileScan['line'] {
	let offset = 0;
	for (let number = 1; number < line; number++) {
		const at = bytes.indexOf(0x0a, offset);
		if (at === -1) return undefined;
		offset = at + 1;
	}
	// A break as the last byte starts no line.
	if (offset >= bytes.length) return undefined;
	return {number: line, offset, sha256: createHash('sha256').update(bytes.subarray(offset)).digest('hex')};
}

/** Every line of a small file and one past its end; around the MiB and the ends of a large one. */
function linesToAsk(bytes: Buffer): number[] {
	const breaks: number[] = [];
	for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) breaks.push(at);
	const count = breaks.length + 2;
	if (count <= 12) return Array.from({length: count}, (_, index) => index + 1);
	const nearMebibyte = breaks.findIndex((at) => at >= mebibyte - 1) + 1;
	return [...new Set([1, 2, 3, nearMebibyte, nearMebibyte + 1, nearMebibyte + 2, count - 2, count - 1, count, count + 5])].filter((line) => line >= 1);
}

describe('scanning a file', () => {
	for (const [name, text] of Object.entries(files)) {
		const bytes = Buffer.from(text);

		it(`gives the same figures on another thread as here: ${name}`, async () => {
			const at = file(`${name}.csv`, bytes);
			const aside = await scanFileAside(at);
			expect(aside).toEqual(await scanFile(at));
			expect(aside.size).toBe(bytes.length);
			expect(aside.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
			expect(aside).not.toHaveProperty('line');
		});

		it(`finds where a line starts and hashes the rest, here and on another thread: ${name}`, async () => {
			const at = file(`${name}.csv`, bytes);
			const whole = await scanFile(at);
			for (const line of linesToAsk(bytes)) {
				const expected = expectedLine(bytes, line);
				const here = await scanFile(at, line);
				const aside = await scanFileAside(at, line);
				expect({line, scan: here}).toEqual({line, scan: expected ? {...whole, line: expected} : whole});
				expect({line, scan: aside}).toEqual({line, scan: here});
				// Absent, not undefined: a scan without the line is the scan without asking.
				if (!expected) expect(Object.keys(here)).not.toContain('line');
			}
		});
	}

	it('checks the line boundaries the cases above are meant to hit', () => {
		expect(expectedLine(Buffer.from(files['a line starting at a MiB']), 3)?.offset).toBe(mebibyte);
		expect(expectedLine(Buffer.from(files['a break opening the second MiB']), 3)?.offset).toBe(mebibyte + 1);
		expect(expectedLine(Buffer.from(files['no final break, over a MiB']), 2)?.offset).toBe(mebibyte + 1);
	});

	it('refuses a line number that is not 1 or more', async () => {
		const at = file('small.csv', 'a\nb\n');
		await expect(scanFile(at, 0)).rejects.toThrow(RangeError);
		await expect(scanFileAside(at, 1.5)).rejects.toThrow(RangeError);
	});

	it('fails as the scan here does for a missing file, and scans a folder here (never on the worker)', async () => {
		await expect(scanFileAside(path.join(folder, 'missing.csv'))).rejects.toThrow(/ENOENT/);
		const inner = path.join(folder, 'a-folder');
		mkdirSync(inner);
		await expect(scanFileAside(inner)).rejects.toThrow(/EISDIR/);
		await expect(scanFileAside(inner, 2)).rejects.toThrow(/EISDIR/);
	});
});
