import {createHash} from 'node:crypto';
import {closeSync, fstatSync, openSync, readFileSync, readSync, rmSync} from 'node:fs';
import {serialize} from 'node:v8';
import {deserializeOwned} from '../lib/deserialize-owned.js';
import {replaceFileAtomically} from '../lib/durable-file.js';
import type {UniqueSnapshot} from '../users/unique-in-file.js';
import type {ImportFolder, Manifest} from './import-store.js';
import type {ManagerSnapshot} from './manager-resolution.js';
import type {RowProgress} from './progress.js';
import type {NextRow, SettledRows} from './settled-rows.js';

/*
 * A checkpoint beside the journal, so a resume starts in the same time after 90,000 rows done as
 * after 90: it holds where the journal stood at a row K before which every row is settled, the
 * settled rows' counts and users (their results lines wait in a file beside it: settled-results.ts),
 * and the in-file state that later rows' plans depend on (values already claimed in the file, the
 * rows that may be named as managers). A resume replays only the journal after it and reads the
 * file from row K on.
 *
 * It is a cache, never the truth: the journal is. It is written whole beside itself and renamed
 * over the last one, and it is used only when everything it was made from is still so: the same
 * import, mapping, options, edits and file, a journal that has it as its beginning (its length and
 * the hash of its last bytes), no record after it about a row before K, and the row read at its
 * place being row K (its line, and a digest of its cells). On any doubt the resume reads
 * everything again, as without one.
 */

export type InFileState = {unique: UniqueSnapshot; managers: ManagerSnapshot};

/** What a plan read as it runs tells its checkpoints: its in-file state before a row, and the digest of a row's cells by its place in the feed. */
export type PlanState = {inFile: (beforeRow: number) => InFileState; digestAt: (index: number) => number};

/** A read from a checkpoint's row found another row there: the resume reads the file whole instead. */
export class CheckpointMismatch extends Error {
	override name = 'CheckpointMismatch';
}

/** What a resume takes from a checkpoint. */
export type Checkpoint = {
	/** The journal's length it covers: records from there on are replayed over `rows`. */
	journalBytes: number;
	settled: SettledRows;
	state: InFileState;
	/** The progress of every row from K on that the journal spoke of by then. */
	rows: Map<number, RowProgress>;
	runs: number;
};

/**
 * 2: the managers' record keeps the values rows hold as a table; 3: and the read ahead's last
 * holders. An older checkpoint is not read: the resume reads everything.
 */
const version = 3;

/** A file's length and a hash of its last bytes before it: the file must still begin so. */
type Covered = {bytes: number; tail: string};

/** Said first, in JSON, so a resume learns where to read the file from without decoding the rest. */
type Header = {version: number; importId: string; planning: string; journal: Covered; results: Covered; next: NextRow};

type Body = {settled: Omit<SettledRows, 'next' | 'resultsBytes'>; state: InFileState; rows: Map<number, RowProgress>; runs: number};

/** The bytes of a file's end a checkpoint is matched by. */
const tailSize = 64 * 1024;

/** What a plan of rows depends on besides the directory: a checkpoint made under other ones does not hold. */
export function planningKey(manifest: Manifest): string {
	const {csv} = manifest;
	const made = [csv.sha256, csv.encoding, csv.delimiter, csv.headerLine, manifest.mapping, manifest.options, manifest.edits ?? []];
	return createHash('sha256').update(JSON.stringify(made)).digest('hex');
}

/** Encodings where a line break is one byte of its own, so the file can be read again from a line's first byte. */
export function readableFromLine(manifest: Manifest): boolean {
	return !manifest.csv.encoding.startsWith('utf-16');
}

export function writeCheckpoint(folder: ImportFolder, manifest: Manifest, journalBytes: number, checkpoint: Omit<Checkpoint, 'journalBytes'>): void {
	const {next, resultsBytes, ...settled} = checkpoint.settled;
	const covered = (path: string, bytes: number) => ({bytes, tail: tailOf(path, bytes)});
	const header: Header = {version, importId: manifest.id, planning: planningKey(manifest), journal: covered(folder.journalPath, journalBytes), results: covered(folder.settledResultsPath, resultsBytes), next};
	const body: Body = {settled, state: checkpoint.state, rows: checkpoint.rows, runs: checkpoint.runs};
	const head = Buffer.from(JSON.stringify(header));
	const length = Buffer.alloc(4);
	length.writeUInt32BE(head.length);
	replaceFileAtomically(folder.checkpointPath, [length, head, serialize(body)]);
}

/** No checkpoint for this import any more: what it holds was read from a file that changed meanwhile. */
export function removeCheckpoint(folder: ImportFolder): void {
	try {
		rmSync(folder.checkpointPath, {force: true});
		rmSync(folder.settledResultsPath, {force: true});
	} catch {
		// Left behind (a folder gone read-only): a resume of a changed file is refused, and one that holds still checks row K's cells.
	}
}

/** The line the import's checkpoint reads the file again from, when it has one made for this import as it is. */
export function checkpointLine(folder: ImportFolder, manifest: Manifest): number | undefined {
	let fd: number;
	try {
		fd = openSync(folder.checkpointPath, 'r');
	} catch {
		return undefined;
	}
	try {
		const length = Buffer.alloc(4);
		if (readSync(fd, length, 0, 4, 0) !== 4) return undefined;
		const head = Buffer.alloc(Math.min(length.readUInt32BE(), 1 << 20));
		if (readSync(fd, head, 0, head.length, 4) !== head.length) return undefined;
		const header = parseHeader(head, manifest);
		return header?.next.line;
	} catch {
		return undefined;
	} finally {
		closeSync(fd);
	}
}

/** The import's checkpoint, when it holds for the import and its journal as they are now; undefined on any doubt. */
export function readCheckpoint(folder: ImportFolder, manifest: Manifest): Checkpoint | undefined {
	try {
		const bytes = readFileSync(folder.checkpointPath);
		const length = bytes.readUInt32BE(0);
		const header = parseHeader(bytes.subarray(4, 4 + length), manifest);
		if (!header || !stillBegins(folder.journalPath, header.journal) || !stillBegins(folder.settledResultsPath, header.results)) return undefined;
		const body = deserializeOwned(bytes.subarray(4 + length)) as Body;
		if (!(body.rows instanceof Map) || !(body.settled?.createdRows instanceof Int32Array)) return undefined;
		return {journalBytes: header.journal.bytes, settled: {...body.settled, next: header.next, resultsBytes: header.results.bytes}, state: body.state, rows: body.rows, runs: body.runs};
	} catch {
		// Missing, torn by a disk filling up, or of another version: the resume reads everything.
		return undefined;
	}
}

function parseHeader(text: Uint8Array, manifest: Manifest): Header | undefined {
	const header = JSON.parse(Buffer.from(text).toString('utf8')) as Header;
	if (header.version !== version || header.importId !== manifest.id || header.planning !== planningKey(manifest)) return undefined;
	const sizes = [header.journal?.bytes, header.results?.bytes, header.next?.row, header.next?.line, header.next?.index, header.next?.digest];
	return sizes.every(Number.isSafeInteger) ? header : undefined;
}

/** The file is at least that long, and its bytes before that length end as they did. */
function stillBegins(path: string, covered: Covered): boolean {
	return tailOf(path, covered.bytes) === covered.tail;
}

/** A hash of a file's last bytes before `bytes`; '' when it is shorter than that (or, but for nothing asked of it, missing). */
function tailOf(path: string, bytes: number): string {
	let fd: number;
	try {
		fd = openSync(path, 'r');
	} catch (error) {
		if (bytes === 0 && (error as NodeJS.ErrnoException).code === 'ENOENT') return createHash('sha256').digest('hex');
		throw error;
	}
	try {
		if (fstatSync(fd).size < bytes) return '';
		const tail = Buffer.alloc(Math.min(bytes, tailSize));
		if (readSync(fd, tail, 0, tail.length, bytes - tail.length) !== tail.length) return '';
		return createHash('sha256').update(tail).digest('hex');
	} finally {
		closeSync(fd);
	}
}
