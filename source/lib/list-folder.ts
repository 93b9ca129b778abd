import {closeSync, constants, openSync, readdirSync, readSync, statSync} from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import {encodingFromStart} from '../csv/encoding.js';
import {cleanCell} from '../csv/clean-cell.js';
import {delimiters, sniffLayout} from '../csv/sniff-layout.js';
import {ExpectedError} from './exit-codes.js';
import {isEmail} from './value-shapes.js';

export type FolderEntry = {
	name: string;
	/** Absolute. */
	path: string;
	/** `csv`: a .csv, .tsv or .txt file whose first bytes read as delimited text; `file`: any other file. */
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

/** The folder itself cannot be listed (gone, not a folder, no permission): one line naming it. */
export class ListFolderError extends ExpectedError {
	override name = 'ListFolderError';
}

/** What an export from Excel, Google Sheets or an HR system is saved as. */
const tableFile = /\.(csv|tsv|txt)$/i;
/** Named for any text: more often notes than a table, so its rows must look like one too. */
const textFile = /\.txt$/i;
const byName = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});

/**
 * A folder as the file browser shows it: `..` first (except at the root), then folders, then
 * CSV files, then the other files; each group by name, numbers in order (file2 before file10).
 * A CSV file is a .csv, .tsv or .txt whose first bytes read as delimited text (a header of two
 * columns or more; for a .txt, rows as wide); one that does not (notes, a workbook saved as .csv,
 * an empty file) is listed as a file, among the other files. Files with other names are listed only
 * when asked. Hidden entries are left out, and so are entries that cannot be read (a broken link,
 * no permission). `filter` keeps names containing it, in any case.
 * Throws ListFolderError (one line) when the folder itself cannot be read. Synchronous: only the
 * first 4 KB of each table file are read, so 2,000 files are listed in well under a second.
 */
export function listFolder(dir: string, filter = '', options: ListOptions = {}): FolderListing {
	const absolute = path.resolve(dir);
	let names: string[];
	try {
		names = readdirSync(absolute);
	} catch (error) {
		throw new ListFolderError(`Cannot list ${absolute}: ${reason(error)}.`, {cause: error});
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
		const table = info.isFile() && tableFile.test(name);
		if (!info.isDirectory() && !table && !(info.isFile() && options.otherFiles)) continue;
		const kind = info.isDirectory() ? 'folder' : table && readsAsTable(entryPath, textFile.test(name)) ? 'csv' : 'file';
		groups[kind].push({name, path: entryPath, kind, ...(kind === 'folder' ? {} : {size: info.size}), modified: info.mtime});
	}
	const sorted = (entries: FolderEntry[]) => entries.sort((a, b) => byName.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const parent = path.dirname(absolute);
	const up: FolderEntry[] = parent === absolute ? [] : [{name: '..', path: parent, kind: 'parent'}];
	return {dir: absolute, entries: [...up, ...sorted(groups.folder), ...sorted(groups.csv), ...sorted(groups.file)]};
}

/** Bytes read from a table file to tell delimited text from the rest: a header and a few rows. */
export const sniffBytes = 4096;

/** The file's first bytes read as delimited text; a file that cannot be read does not. */
function readsAsTable(file: string, evenRows: boolean): boolean {
	let fd: number | undefined;
	try {
		// Non-blocking: a FIFO swapped in since the stat must not hang the listing.
		fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
		const head = Buffer.alloc(sniffBytes);
		const length = readSync(fd, head, 0, sniffBytes, 0);
		return isDelimitedText(head.subarray(0, length), length < sniffBytes, evenRows);
	} catch {
		return false;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/**
 * Whether the start of a file (`complete`: the whole of it) is a table: text, not binary, with a
 * header row naming two columns or more as the CSV reader finds it (a header alone is a table: opening
 * it says there are no rows). With `evenRows`, two rows in three under the header are as wide as
 * it, so that prose with a comma here and there is not taken for one; without, ragged rows (which
 * the reader pads or cuts) are allowed. A single column of values is not a table either way.
 */
export function isDelimitedText(head: Uint8Array, complete: boolean, evenRows = true): boolean {
	let text = decodeHead(head);
	if (text === undefined) return false;
	// The first lines say enough, and parsing fewer keeps a folder of thousands of files quick.
	const cut = nthLineEnd(text, sniffLines);
	if (cut < text.length) {
		text = text.slice(0, cut);
		complete = false;
	} else if (!complete) {
		// The last line is cut: left out, unless it is the only one.
		const end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
		if (end > 0) text = text.slice(0, end);
	}
	if (text.trim() === '') return false;
	if (plainTable(text, evenRows)) return true;
	const layout = sniffLayout(text, complete);
	// Two names at least: `Dear team,` is not a header.
	if (!layout || layout.rawHeaders.filter((name) => name.trim() !== '').length < 2) return false;
	if (!evenRows) return true;
	const records = Papa.parse<string[]>(text, {delimiter: layout.delimiter, newline: layout.newline}).data.slice(layout.headerRecord + 1);
	const rows = records.filter((record) => record.some((cell) => cell.trim() !== ''));
	const asWide = rows.filter((record) => record.length === layout.rawHeaders.length).length;
	return asWide * 3 >= rows.length * 2;
}

/**
 * The common case told without the CSV parser, whose setup for each file would be most of the time
 * a listing takes: no quotes; one delimiter in the first line, splitting it into names (none empty,
 * none an address); the second line as wide, and with `evenRows` two rows in three. Anything else
 * is left to the parser, which alone says no.
 */
function plainTable(text: string, evenRows: boolean): boolean {
	if (text.includes('"')) return false;
	const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '');
	const first = lines[0] ?? '';
	const found = delimiters.filter((delimiter) => first.includes(delimiter));
	if (found.length !== 1) return false;
	const delimiter = found[0]!;
	const names = first.split(delimiter).map(cleanCell);
	if (names.some((name) => name === '' || isEmail(name))) return false;
	const rows = lines.slice(1);
	const asWide = rows.filter((line) => line.split(delimiter).length === names.length).length;
	if (rows.length > 0 && rows[0]!.split(delimiter).length !== names.length) return false;
	return !evenRows || asWide * 3 >= rows.length * 2;
}

/** Lines looked at to tell a table. */
const sniffLines = 20;

/** The text of a file's first bytes; undefined for a binary file. */
function decodeHead(head: Uint8Array): string | undefined {
	// Most files hold no zero byte and no byte-order mark: plain text, read as UTF-8 (Windows-1252
	// bytes become U+FFFD, and the delimiters and line breaks stay). The rest are told apart the way
	// opening the file does: UTF-16, a workbook, another binary file.
	const marked = head[0] === 0xef || head[0] === 0xff || head[0] === 0xfe;
	if (!marked && head.indexOf(0) === -1) return new TextDecoder('utf-8').decode(head);
	let announced;
	try {
		announced = encodingFromStart(head, '');
	} catch {
		return undefined;
	}
	return new TextDecoder(announced?.encoding ?? 'utf-8').decode(head.subarray(announced?.bomLength ?? 0));
}

/** Where the text's `count`-th line ends (after its line break), or its length when it has fewer. */
function nthLineEnd(text: string, count: number): number {
	let at = 0;
	for (let line = 0; line < count; line++) {
		const next = text.indexOf('\n', at);
		if (next === -1) return text.length;
		at = next + 1;
	}
	return at;
}

function reason(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') return 'no such folder';
	if (code === 'ENOTDIR') return 'not a folder';
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	return code ?? 'unreadable';
}
