import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';

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
