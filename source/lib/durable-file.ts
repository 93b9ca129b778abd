import {closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync} from 'node:fs';

/** Writes a file that must not exist yet (0600), and flushes it to disk before returning. */
export function writeNewFileDurably(file: string, text: string | Uint8Array | readonly Uint8Array[]): void {
	const fd = openSync(file, 'wx', 0o600);
	try {
		if (typeof text === 'string') writeSync(fd, text);
		else for (const part of text instanceof Uint8Array ? [text] : text) for (let written = 0; written < part.length; ) written += writeSync(fd, part, written);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

/** Replaces a file whole: written beside it, flushed, then renamed over it, so a reader never sees half. */
export function replaceFileAtomically(file: string, text: string | Uint8Array | readonly Uint8Array[]): void {
	const temporary = `${file}.${process.pid}.tmp`;
	rmSync(temporary, {force: true});
	writeNewFileDurably(temporary, text);
	try {
		renameSync(temporary, file);
	} catch (error) {
		rmSync(temporary, {force: true});
		throw error;
	}
}
