import {closeSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, writeSync} from 'node:fs';
import {isAscii} from 'node:buffer';
import {UsageError} from '../lib/exit-codes.js';

/**
 * One line of the journal. Every request that changes JumpCloud is framed by an `intent` written
 * before it is sent and an outcome (`done` or `failed`) written after the answer, so replaying the
 * journal tells, for any instant the process died at, what may have happened and must be checked.
 * No password, no API key, no CSV value beyond the username and email that identify a row (kept
 * on create intents, so a resume can look the user up before it reads the file again).
 */
export type JournalRecord =
	/**
	 * A create intent also carries what provenance needs to recognise the user later without the
	 * file: `fp`, a fingerprint of the row's details (never the password), and `clock`, the bounds
	 * of the server clock's offset from ours when it was sent.
	 */
	| {t: 'intent'; row: number; step: RowStep; at: string; username?: string; email?: string; fp?: string; clock?: [number, number]}
	/**
	 * `created`: the user's creation time as JumpCloud gave it. `reconciled`: found by lookup after a
	 * lost answer, with `evidence` saying why it is provably this import's.
	 */
	| {t: 'done'; row: number; step: RowStep; at: string; userId?: string; created?: string; reconciled?: boolean; evidence?: string; note?: string}
	/**
	 * The answer was lost (timeout, dropped connection, 5xx): the request may have been carried out.
	 * `kind` 'interrupted': written on resume for a request the process died (or stopped hard) with.
	 */
	| {t: 'lost'; row: number; step: RowStep; at: string; kind: string; status?: number}
	| {t: 'failed'; row: number; step: RowStep; at: string; error: string; kind?: string}
	/** Nothing was done: the server refused the request outright (429), or a lookup found nothing after a lost answer. */
	| {t: 'refused'; row: number; step: RowStep; at: string}
	/**
	 * Creates of this row whose outcome was unknown are settled: the user found with its username or
	 * email is not this import's (`reason` says why), so none of them made it.
	 */
	| {t: 'not-ours'; row: number; at: string; userId: string; reason: string}
	/** `reason` 'exists': the user was there already, not created by this import (`note` says how that is known). */
	| {t: 'skipped'; row: number; at: string; reason: string; userId?: string; note?: string}
	| {t: 'run'; at: string; event: 'started' | 'stopped' | 'finished'; pid: number; retryFailed?: boolean};

/** One step of one row: `create`, `group:<id>`, `system:<id>`, `activate`, or `delete` for a rollback. */
export type RowStep = string;

/** How often the journal is also forced to the disk, for power loss; `kill -9` loses nothing anyway. */
const syncIntervalMs = 250;

/**
 * The append-only JSONL journal. Each record is written with one synchronous `write` before the
 * caller goes on: once `append` returns, the line is in the kernel and survives the process being
 * killed at any instant. `fsync` runs every quarter second so a power cut loses at most that.
 */
export class Journal {
	private fd: number | undefined;
	private lastSync = 0;
	/** Bytes in the file: what a checkpoint says it covers. */
	private size: number;

	constructor(readonly path: string) {
		try {
			this.fd = openSync(path, 'a', 0o600);
		} catch (error) {
			throw journalError(path, error);
		}
		// A line torn by a power cut must not swallow the next record: start on a fresh line.
		const size = fstatSync(this.fd).size;
		this.size = size;
		if (size > 0) {
			const last = Buffer.alloc(1);
			const reader = openSync(path, 'r');
			try {
				readSync(reader, last, 0, 1, size - 1);
			} finally {
				closeSync(reader);
			}
			if (last[0] !== 0x0a) this.size += writeSync(this.fd, '\n');
		}
	}

	/** The journal's length: every record written so far ends before it. */
	get length(): number {
		return this.size;
	}

	/** Throws JournalError when the line cannot be written (disk full, say): the caller must stop. */
	append(record: JournalRecord): void {
		if (this.fd === undefined) throw new Error('The journal is closed.');
		try {
			const line = Buffer.from(`${JSON.stringify(record)}\n`);
			// A short write (a disk filling up) leaves a torn line, which replay skips; never a record half-kept.
			const written = writeSync(this.fd, line);
			this.size += written;
			if (written !== line.length) throw Object.assign(new Error('short write'), {code: 'ENOSPC'});
			const now = Date.now();
			if (now - this.lastSync >= syncIntervalMs) {
				fsyncSync(this.fd);
				this.lastSync = now;
			}
		} catch (error) {
			throw journalError(this.path, error);
		}
	}

	close(): void {
		if (this.fd === undefined) return;
		const fd = this.fd;
		this.fd = undefined;
		try {
			fsyncSync(fd);
		} catch {
			// A full disk was said when the write failed; closing must not fail again.
		}
		closeSync(fd);
	}
}

/** The journal cannot be read or written: the import folder is damaged, read-only, or the disk is full. */
export class JournalError extends UsageError {
	constructor(
		message: string,
		readonly code: string | undefined,
	) {
		super(message);
		this.name = 'JournalError';
	}
}

/** One sentence for a failed read or write of the journal at `path`. */
export function journalError(path: string, error: unknown): JournalError {
	const code = (error as NodeJS.ErrnoException)?.code;
	const why: Record<string, string> = {
		EISDIR: 'is a folder, not a journal: the import folder is damaged',
		ENOSPC: 'cannot be written: the disk is full',
		EDQUOT: 'cannot be written: the disk quota is used up',
		EACCES: 'cannot be written: permission denied (is the import folder read-only?)',
		EPERM: 'cannot be written: permission denied (is the import folder read-only?)',
		EROFS: 'cannot be written: the file system is read-only',
		ENOENT: 'is missing: the import folder was removed',
		ENOTDIR: 'is not where it should be: the import folder is damaged',
	};
	return new JournalError(`${path} ${why[code ?? ''] ?? `cannot be used (${code ?? String(error)})`}.`, code);
}

/**
 * Every complete record of a journal. A last line cut short by a crash, or a line that is not a
 * record at all (`null`, damage), is not a record: it is left out rather than stop a resume.
 */
export function readJournal(path: string): JournalRecord[] {
	return [...journalRecords(path)];
}

/**
 * `readJournal`, each record handed over as it is read rather than all kept: a replay keeps only
 * where each row stands, and a record that is not kept costs the collector next to nothing. The
 * file is read whole at the first record, or from byte `from` (where a checkpoint left it).
 */
export function* journalRecords(path: string, from = 0): Generator<JournalRecord> {
	let text: string;
	try {
		text = decode(from === 0 ? readFileSync(path) : readFrom(path, from));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
		throw journalError(path, error);
	}
	for (let start = 0; start < text.length; ) {
		let end = text.indexOf('\n', start);
		if (end === -1) end = text.length;
		if (end > start) {
			let record: unknown;
			try {
				record = JSON.parse(text.slice(start, end));
			} catch {
				// Only the very last line can be torn by a crash.
			}
			if (isRecord(record)) yield record;
		}
		start = end + 1;
	}
}

function readFrom(path: string, from: number): Buffer {
	const fd = openSync(path, 'r');
	try {
		const bytes = Buffer.alloc(Math.max(0, fstatSync(fd).size - from));
		let read = 0;
		while (read < bytes.length) {
			const count = readSync(fd, bytes, read, bytes.length - read, from + read);
			if (count === 0) break;
			read += count;
		}
		return bytes.subarray(0, read);
	} finally {
		closeSync(fd);
	}
}

/** A journal is ASCII but for names in accents or other scripts: read as such, it decodes several times faster. */
function decode(bytes: Buffer): string {
	return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

const kinds = new Set(['intent', 'done', 'lost', 'failed', 'refused', 'not-ours', 'skipped', 'run']);

function isRecord(value: unknown): value is JournalRecord {
	if (value === null || typeof value !== 'object') return false;
	const record = value as {t?: unknown; row?: unknown; step?: unknown};
	if (typeof record.t !== 'string' || !kinds.has(record.t)) return false;
	if (record.t === 'run') return true;
	return Number.isInteger(record.row) && (record.t === 'skipped' || record.t === 'not-ours' || typeof record.step === 'string');
}
