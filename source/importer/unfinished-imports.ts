import {DamagedImportError, importFolder, listImportIds, readManifest, type ImportFolder, type Manifest} from './import-store.js';
import {isUnfinished, type ImportProgress} from './progress.js';
import {loadProgress} from './session.js';

/** A recorded import that stopped before its end, read back. */
export type UnfinishedImport = {id: string; folder: ImportFolder; manifest: Manifest; progress: ImportProgress};

export type UnfinishedOptions = {
	/** Sandbox imports ended with the process that ran them: passed over without reading their journal. */
	skipSandbox?: boolean;
	/**
	 * Which failures to read an import pass it over; any other is thrown. By default only a damaged
	 * import (`jc-import imports` lists it); the wizard, which only offers, passes over any.
	 */
	passOver?: (error: unknown) => boolean;
};

/**
 * The imports in `importsDir` that stopped before their end, newest first, read one at a time so
 * a caller that wants only the newest reads no further. Both faces find what to resume here:
 * `resume` without an ID takes the first, the wizard offers them all at start.
 */
export function* unfinishedImports(importsDir: string, options: UnfinishedOptions = {}): Generator<UnfinishedImport> {
	const passOver = options.passOver ?? ((error: unknown) => error instanceof DamagedImportError);
	for (const id of listImportIds(importsDir)) {
		let found: UnfinishedImport;
		try {
			const folder = importFolder(importsDir, id);
			const manifest = readManifest(folder);
			if (options.skipSandbox && manifest.target.sandbox) continue;
			const progress = loadProgress(folder);
			if (!isUnfinished(progress)) continue;
			found = {id, folder, manifest, progress};
		} catch (error) {
			if (passOver(error)) continue;
			throw error;
		}
		yield found;
	}
}
