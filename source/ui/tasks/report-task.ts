import {copyFileSync, existsSync} from 'node:fs';
import path from 'node:path';
import type {Dispatch, WizardTaskState} from './task-state.js';

/**
 * Writes the results report (and failed.csv, when a row failed) into the import's own folder,
 * named after the CSV, to take away: never beside the CSV, which may sit in a repository or a
 * shared folder. A folder that cannot be written is said on the summary, nothing elsewhere.
 */
export async function writeReport(state: WizardTaskState, dispatch: Dispatch): Promise<void> {
	const {folder, manifest} = state.current!;
	const base = path.basename(manifest.csv.path).replace(/\.[^.]+$/, '');
	const written: string[] = [];
	const files: Array<[string, string]> = [[folder.resultsPath, 'results']];
	// failed.csv only when a row failed: an empty one would send the admin looking for nothing.
	if (state.failedRows > 0) files.push([folder.failedPath, 'failed']);
	for (const [from, suffix] of files) {
		if (!existsSync(from)) continue;
		const to = path.join(folder.dir, `${base}.${suffix}-${manifest.id}.csv`);
		copyFileSync(from, to);
		written.push(to);
	}
	if (written.length === 0) throw new Error(`The reports of import ${manifest.id} are not in ${folder.dir} (they could not be written at the end of the run); a resume writes them again.`);
	dispatch({type: 'report-written', paths: written});
}
