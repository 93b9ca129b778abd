import {closeSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync} from 'node:fs';
import {deserialize, serialize} from 'node:v8';
import type {RowResult} from './report.js';

/*
 * The results lines of the rows a checkpoint holds as settled, kept on disk rather than in memory
 * until the reports are written: segments of v8-serialized RowResult[], each after its length in 4
 * bytes, in row order. A checkpoint says how many bytes of the file are its own; a segment written
 * after that (a crash before the checkpoint that would have named it) is cut off by the next write.
 */

/** Writes `results` after the first `length` bytes; the file's new length. */
export function appendSettledResults(path: string, length: number, results: readonly RowResult[]): number {
	const segment = serialize(results);
	const size = Buffer.alloc(4);
	size.writeUInt32BE(segment.length);
	const fd = openSync(path, 'a+', 0o600);
	try {
		ftruncateSync(fd, length);
		writeAll(fd, size);
		writeAll(fd, segment);
		fsyncSync(fd);
	} catch (error) {
		// Nothing half-written stays: the file ends where it did.
		ftruncateSync(fd, length);
		throw error;
	} finally {
		closeSync(fd);
	}
	return length + 4 + segment.length;
}

/** The results lines in the first `length` bytes, a segment at a time. */
export function* settledResults(path: string, length: number): Generator<RowResult[]> {
	if (length === 0) return;
	const fd = openSync(path, 'r');
	try {
		const size = Buffer.alloc(4);
		for (let at = 0; at < length; ) {
			readAll(fd, size, at);
			const segment = Buffer.alloc(size.readUInt32BE());
			readAll(fd, segment, at + 4);
			yield deserialize(segment) as RowResult[];
			at += 4 + segment.length;
		}
	} finally {
		closeSync(fd);
	}
}

function writeAll(fd: number, bytes: Uint8Array) {
	for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
}

function readAll(fd: number, bytes: Buffer, position: number) {
	for (let read = 0; read < bytes.length; ) {
		const count = readSync(fd, bytes, read, bytes.length - read, position + read);
		if (count === 0) throw new Error('The settled results end early.');
		read += count;
	}
}
