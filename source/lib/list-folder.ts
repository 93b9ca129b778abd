import {readdirSync, statSync} from 'node:fs';
import path from 'node:path';

export type FolderEntry = {
	name: string;
	/** Absolute. */
	path: string;
	kind: 'parent' | 'folder' | 'csv' | 'file';
	/** Bytes, for files. */
	size?: number;
	modified?: Date;
};

export type FolderListing = {dir: string; entries: FolderEntry[]};

export type ListOptions = {
	/** Files that are not .csv, .tsv or .txt too, after those; left out by default. */
	otherFiles?: boolean;
};

export class ListFolderError extends Error {
	override name = 'ListFolderError';
}

/** What an export from Excel, Google Sheets or an HR system is saved as. */
const tableFile = /\.(csv|tsv|txt)$/i;
const byName = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});

/**
 * A folder as the file browser shows it: `..` first (except at the root), then folders, then
 * table files (.csv, .tsv, .txt), then, if asked, other files; each group by name, numbers in
 * order (file2 before file10). Hidden entries are left out, and so are entries that cannot be
 * read (a broken link, no permission). `filter` keeps names containing it, in any case.
 * Throws ListFolderError (one line) when the folder itself cannot be read. Synchronous: a folder
 * is listed in milliseconds, and the caller awaits nothing.
 */
export function listFolder(dir: string, filter = '', options: ListOptions = {}): FolderListing {
	const absolute = path.resolve(dir);
	let names: string[];
	try {
		names = readdirSync(absolute);
	} catch (error) {
		throw new ListFolderError(`Cannot list ${absolute}: ${reason(error)}.`);
	}
	const wanted = filter.toLowerCase();
	const groups: Record<'folder' | 'csv' | 'file', FolderEntry[]> = {folder: [], csv: [], file: []};
	for (const name of names) {
		if (name.startsWith('.') || !name.toLowerCase().includes(wanted)) continue;
		const entryPath = path.join(absolute, name);
		let info;
		try {
			// Follows links: a link to a folder is a folder.
			info = statSync(entryPath);
		} catch {
			continue;
		}
		const kind = info.isDirectory() ? 'folder' : !info.isFile() ? undefined : tableFile.test(name) ? 'csv' : 'file';
		if (!kind || (kind === 'file' && !options.otherFiles)) continue;
		groups[kind].push({name, path: entryPath, kind, ...(kind === 'folder' ? {} : {size: info.size}), modified: info.mtime});
	}
	const sorted = (entries: FolderEntry[]) => entries.sort((a, b) => byName.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const parent = path.dirname(absolute);
	const up: FolderEntry[] = parent === absolute ? [] : [{name: '..', path: parent, kind: 'parent'}];
	return {dir: absolute, entries: [...up, ...sorted(groups.folder), ...sorted(groups.csv), ...sorted(groups.file)]};
}

function reason(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') return 'no such folder';
	if (code === 'ENOTDIR') return 'not a folder';
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	return code ?? 'unreadable';
}
