import {execFileSync, spawnSync} from 'node:child_process';
import {symlinkSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {CsvError, openCsv} from '../../source/csv/index.js';
import {encodingChoices} from '../../source/csv/encoding-choices.js';
import {cliPath} from '../support/run-cli.js';
import {tempFolder} from '../support/temp-dir.js';

// A FIFO with no writer blocks whoever opens it; each attempt is bounded so a regression fails instead of hanging.
const patience = 3_000;

let folder: string;
let fifo: string;
beforeAll(() => {
	folder = tempFolder('jc-not-a-file-');
	fifo = path.join(folder, 'users.csv');
	execFileSync('mkfifo', [fifo]);
	symlinkSync(fifo, path.join(folder, 'link.csv'));
});

function inTime<T>(promise: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`still blocked after ${patience} ms`)), patience);
	});
	return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe.skipIf(process.platform === 'win32')('a CSV path that is not a regular file', () => {
	it.each([
		['a FIFO', () => fifo, 'a FIFO/pipe'],
		['a link to a FIFO', () => path.join(folder, 'link.csv'), 'a FIFO/pipe'],
		['/dev/zero', () => '/dev/zero', 'a device'],
	])('%s is refused at once, in one sentence', async (_, file, kind) => {
		const error = await inTime(openCsv(file())).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(CsvError);
		expect(error).toMatchObject({kind: 'not-a-file', message: `${file()} is not a regular file (${kind}): give jc-import a CSV file saved on disk.`});
	});

	it('is refused before the encoding choices read it', async () => {
		await expect(inTime(encodingChoices(fifo))).rejects.toMatchObject({kind: 'not-a-file'});
	});

	it.each([
		['a FIFO', () => fifo, 'a FIFO/pipe'],
		['/dev/zero', () => '/dev/zero', 'a device'],
	])('inspect on %s exits 2 with one line, without blocking', (_, file, kind) => {
		const started = Date.now();
		// A timeout, not a stdin: the child must not wait on the FIFO (nor read /dev/zero forever).
		const child = spawnSync(process.execPath, [cliPath, 'inspect', file()], {env: {PATH: process.env.PATH, HOME: process.env.HOME}, timeout: patience, encoding: 'utf8'});
		expect(child.signal).toBeNull();
		expect(Date.now() - started).toBeLessThan(patience);
		expect(child.status).toBe(2);
		expect(child.stderr).toBe(`jc-import: ${file()} is not a regular file (${kind}): give jc-import a CSV file saved on disk.\n`);
		expect(child.stdout).toBe('');
	});
});
