import {createHash} from 'node:crypto';
import {createReadStream, statSync} from 'node:fs';
import {Worker} from 'node:worker_threads';

/** A file's bytes at a glance: their sha256, their size, and how many lines they hold. */
export type FileScan = {sha256: string; size: number; lines: number};

/**
 * One quick pass over the raw bytes (no decoding, no parsing): a hash to tell later whether the
 * file changed, and a line count to size the work (quoted line breaks count too: a bound, not the
 * row count).
 */
export async function scanFile(file: string): Promise<FileScan> {
	const hash = createHash('sha256');
	let size = 0;
	let lines = 0;
	let last = 0x0a;
	for await (const chunk of createReadStream(file, {highWaterMark: 1 << 20}) as AsyncIterable<Buffer>) {
		hash.update(chunk);
		size += chunk.length;
		for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines++;
		last = chunk[chunk.length - 1]!;
	}
	// A last line without a line break is a line too.
	if (size > 0 && last !== 0x0a) lines++;
	return {sha256: hash.digest('hex'), size, lines};
}

/*
 * The same pass on a worker thread, for a caller with other work meanwhile (a resume reads its
 * journal while its file is hashed). The worker's code is plain CommonJS text, so it runs alike
 * from the built files and from the sources under test; it reads 1 MiB at a time.
 */
const scanOnWorker = `
const {parentPort, workerData: file} = require('node:worker_threads');
const {createHash} = require('node:crypto');
const {closeSync, openSync, readSync} = require('node:fs');
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafe(1 << 20);
let size = 0, lines = 0, last = 0x0a;
const fd = openSync(file, 'r');
try {
	for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
		const chunk = buffer.subarray(0, read);
		hash.update(chunk);
		size += read;
		for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines++;
		last = chunk[read - 1];
	}
} finally {
	closeSync(fd);
}
if (size > 0 && last !== 0x0a) lines++;
parentPort.postMessage({sha256: hash.digest('hex'), size, lines});
`;

/**
 * `scanFile` on another thread. Anything but a regular file (a FIFO would block the worker's
 * read) is scanned here as before.
 */
export async function scanFileAside(file: string): Promise<FileScan> {
	// Asked synchronously, so the worker starts now, not once this thread is next free (a resume reads
	// its journal next, and that holds the thread for a while).
	if (!statSync(file).isFile()) return scanFile(file);
	return new Promise((resolve, reject) => {
		const worker = new Worker(scanOnWorker, {eval: true, workerData: file});
		// The scan never keeps the process alive: a command that ends early does not wait for it.
		worker.unref();
		worker.once('message', resolve);
		worker.once('error', reject);
		worker.once('exit', (code) => reject(new Error(`The scan of ${file} ended (exit ${code}) without its figures.`)));
	});
}
