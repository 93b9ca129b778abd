import {chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach} from 'vitest';

/**
 * Temporary folders that are removed after each test, and the process umask put back as it was:
 * call once at the top of a test file, then `tempFolder()` in any test.
 */
export function useTempFolders(prefix: string): () => string {
	const scratch: string[] = [];
	const umask = process.umask();
	afterEach(() => {
		process.umask(umask);
		for (const folder of scratch.splice(0)) rmSync(folder, {recursive: true, force: true});
	});
	return () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
		scratch.push(folder);
		return folder;
	};
}

const made = new Set<string>();

/**
 * A temporary folder removed once the test file is done (with every other one made here), for
 * helpers and file-level fixtures that cannot call useTempFolders: the harness's CSVs and homes.
 */
export function tempFolder(prefix: string): string {
	const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
	made.add(folder);
	return folder;
}

/** Removes every folder tempFolder made so far; one that cannot go (a mount still on it) is left, never an error. */
export function removeTempFolders(): void {
	for (const folder of made) {
		try {
			rmSync(folder, {recursive: true, force: true});
		} catch {
			// A test locked a folder inside (chmod 000, a non-root run): open it up and try once more.
			try {
				openUp(folder);
				rmSync(folder, {recursive: true, force: true});
			} catch {}
		}
	}
	made.clear();
}

function openUp(folder: string): void {
	chmodSync(folder, 0o700);
	for (const name of readdirSync(folder)) {
		const inside = path.join(folder, name);
		if (lstatSync(inside).isDirectory()) openUp(inside);
	}
}

// Loaded while a test file is collected (each file gets its own module copy): the folders go after that file.
afterAll(removeTempFolders);
// And in any case before the worker exits.
process.once('exit', removeTempFolders);
