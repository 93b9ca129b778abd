import type {DirectoryProgress} from '../../importer/directory-read.js';
import type {Dispatch} from './task-state.js';

/** "Checking the directory: 4,200 of 50,000 users read…" (or the file's users looked up), on the busy line. */
export function readingProgress(dispatch: Dispatch, doing = 'Checking the directory'): DirectoryProgress {
	const n = (count: number) => count.toLocaleString('en-US');
	return (read, total, unit = 'users') =>
		dispatch({type: 'busy-progress', text: unit === 'users' ? `${doing}: ${n(read)} of ${n(total)} users read…` : `${doing}: ${n(read)} of ${n(total)} lookups of the file's users done…`});
}
