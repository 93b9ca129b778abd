import {createHash, type Hash} from 'node:crypto';
import {createReadStream, statSync} from 'node:fs';
import {Worker} from 'node:worker_threads';

/**
 * A file's bytes at a glance: their sha256, their size, and how many lines they hold. `line`, when
 * one was asked for and the file has it: the byte offset where that line starts and the sha256 of
 * the bytes from there to the end (a resume reads on from a line it recorded, and checks that the
 * rest of the file is as it was).
 */
export type FileScan = {sha256: string; size: number; lines: number; line?: LineStart};

export type LineStart = {number: number; offset: number; sha256: string};

/**
 * One quick pass over the raw bytes (no decoding, no parsing): a hash to tell later whether the
 * file changed, and a line count to size the work (quoted line breaks count too: a bound, not the
 * row count). With `line` (1-based), a second hash starts in the same pass where that line does.
 */
export async function scanFile(file: string, line?: number): Promise<FileScan> {
	const breaksBefore = lineBreaksBefore(line);
	const hash = createHash('sha256');
	let size = 0;
	let lines = 0;
	let last = 0x0a;
	// Line 1 starts the file; any other starts just past the line break before it.
	let rest: {hash: Hash; offset: number} | undefined = breaksBefore === 0 ? {hash: createHash('sha256'), offset: 0} : undefined;
	for await (const chunk of createReadStream(file, {highWaterMark: 1 << 20}) as AsyncIterable<Buffer>) {
		hash.update(chunk);
		// Started in an earlier chunk: this one is all after the line's start.
		rest?.hash.update(chunk);
		for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) {
			if (++lines === breaksBefore) rest = {hash: createHash('sha256').update(chunk.subarray(at + 1)), offset: size + at + 1};
		}
		size += chunk.length;
		last = chunk[chunk.length - 1]!;
	}
	// A last line without a line break is a line too.
	if (size > 0 && last !== 0x0a) lines++;
	const scan: FileScan = {sha256: hash.digest('hex'), size, lines};
	// A break as the file's last byte starts no line: the file must hold the line itself.
	if (line !== undefined && rest && line <= lines) scan.line = {number: line, offset: rest.offset, sha256: rest.hash.digest('hex')};
	return scan;
}

/** Line breaks before the asked line starts; -1 (never reached) when none was asked. */
function lineBreaksBefore(line: number | undefined): number {
	if (line === undefined) return -1;
	if (!Number.isInteger(line) || line < 1) throw new RangeError(`A line number starts at 1 (asked for ${line}).`);
	return line - 1;
}

/*
 * The same pass on a worker thread, for a caller with other work meanwhile (a resume reads its
 * journal while its file is hashed). The worker's code is plain CommonJS text, so it runs alike
 * from the built files and from the sources under test; it reads 1 MiB at a time. Its steps are
 * scanFile's, line for line: the tests hold the two to the same figures.
 */
const scanOnWorker = `
const {parentPort, workerData: {file, line, breaksBefore}} = require('node:worker_threads');
const {createHash} = require('node:crypto');
const {closeSync, openSync, readSync} = require('node:fs');
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafe(1 << 20);
let size = 0, lines = 0, last = 0x0a;
let rest = breaksBefore === 0 ? {hash: createHash('sha256'), offset: 0} : undefined;
const fd = openSync(file, 'r');
try {
	for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
		const chunk = buffer.subarray(0, read);
		hash.update(chunk);
		if (rest) rest.hash.update(chunk);
		for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) {
			if (++lines === breaksBefore) rest = {hash: createHash('sha256').update(chunk.subarray(at + 1)), offset: size + at + 1};
		}
		size += read;
		last = chunk[read - 1];
	}
} finally {
	closeSync(fd);
}
if (size > 0 && last !== 0x0a) lines++;
const scan = {sha256: hash.digest('hex'), size, lines};
if (line !== undefined && rest && line <= lines) scan.line = {number: line, offset: rest.offset, sha256: rest.hash.digest('hex')};
parentPort.postMessage(scan);
`;

/**
 * `scanFile` on another thread. Anything but a regular file (a FIFO would block the worker's
 * read) is scanned here as before.
 */
export async function scanFileAside(file: string, line?: number): Promise<FileScan> {
	const breaksBefore = lineBreaksBefore(line);
	// Asked synchronously, so the worker starts now, not once this thread is next free (a resume reads
	// its journal next, and that holds the thread for a while).
	if (!statSync(file).isFile()) return scanFile(file, line);
	return new Promise((resolve, reject) => {
		const worker = new Worker(scanOnWorker, {eval: true, workerData: {file, line, breaksBefore}});
		// The scan never keeps the process alive: a command that ends early does not wait for it.
		worker.unref();
		worker.once('message', resolve);
		worker.once('error', reject);
		worker.once('exit', (code) => reject(new Error(`The scan of ${file} ended (exit ${code}) without its figures.`)));
	});
}
