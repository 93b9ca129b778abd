import {createHash} from 'node:crypto';
import {createReadStream} from 'node:fs';

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
