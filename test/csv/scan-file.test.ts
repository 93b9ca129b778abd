import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {scanFile, scanFileAside} from '../../source/csv/scan-file.js';
import {tempFolder} from '../support/temp-dir.js';

const folder = tempFolder('jc-import-scan-');

function file(name: string, bytes: string | Buffer): string {
	const at = path.join(folder, name);
	writeFileSync(at, bytes);
	return at;
}

describe('scanning a file on another thread', () => {
	const files = {
		empty: '',
		'one line, no break': 'a,b',
		'crlf with a last break': 'a,b\r\nc,d\r\n',
		'a quoted break': 'a,"b\nc"\nd,e',
		// Over a MiB, so the worker's reads go past its first buffer.
		'three MiB': `${'x'.repeat(1023)}\n`.repeat(3 * 1024 + 7),
		'a byte-order mark': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Name\nÉmile\n')]),
	};

	for (const [name, bytes] of Object.entries(files)) {
		it(`gives the same figures as the scan here: ${name}`, async () => {
			const at = file(`${name}.csv`, bytes);
			const aside = await scanFileAside(at);
			expect(aside).toEqual(await scanFile(at));
			expect(aside.size).toBe(Buffer.byteLength(bytes));
		});
	}

	it('fails as the scan here does for a missing file, and scans a folder here (never on the worker)', async () => {
		await expect(scanFileAside(path.join(folder, 'missing.csv'))).rejects.toThrow(/ENOENT/);
		const inner = path.join(folder, 'a-folder');
		mkdirSync(inner);
		await expect(scanFileAside(inner)).rejects.toThrow(/EISDIR/);
	});
});
