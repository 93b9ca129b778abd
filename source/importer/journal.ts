import {closeSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, writeSync} from 'node:fs';

/**
 * One line of the journal. Every request that changes JumpCloud is framed by an `intent` written
 * before it is sent and an outcome (`done` or `failed`) written after the answer, so replaying the
 * journal tells, for any instant the process died at, what may have happened and must be checked.
 * No password, no API key, no CSV value beyond the username and email that identify a row (kept
 * on create intents, so a resume can look the user up before it reads the file again).
 */
export type JournalRecord =
	| {t: 'intent'; row: number; step: Step; at: string; username?: string; email?: string}
	| {t: 'done'; row: number; step: Step; at: string; userId?: string; reconciled?: boolean; note?: string}
	| {t: 'failed'; row: number; step: Step; at: string; error: string; kind?: string}
	/** The server refused the request outright (429, or a lookup proved it was not carried out): nothing happened. */
	| {t: 'refused'; row: number; step: Step; at: string}
	| {t: 'skipped'; row: number; at: string; reason: string; userId?: string}
	| {t: 'run'; at: string; event: 'started' | 'stopped' | 'finished'; pid: number; retryFailed?: boolean};

/** `create`, `group:<id>`, `system:<id>`, `activate`, or `delete` for a rollback. */
export type Step = string;

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

	constructor(readonly path: string) {
		this.fd = openSync(path, 'a', 0o600);
		// A line torn by a power cut must not swallow the next record: start on a fresh line.
		const size = fstatSync(this.fd).size;
		if (size > 0) {
			const last = Buffer.alloc(1);
			const reader = openSync(path, 'r');
			try {
				readSync(reader, last, 0, 1, size - 1);
			} finally {
				closeSync(reader);
			}
			if (last[0] !== 0x0a) writeSync(this.fd, '\n');
		}
	}

	append(record: JournalRecord): void {
		if (this.fd === undefined) throw new Error('The journal is closed.');
		writeSync(this.fd, `${JSON.stringify(record)}\n`);
		const now = Date.now();
		if (now - this.lastSync >= syncIntervalMs) {
			fsyncSync(this.fd);
			this.lastSync = now;
		}
	}

	close(): void {
		if (this.fd === undefined) return;
		fsyncSync(this.fd);
		closeSync(this.fd);
		this.fd = undefined;
	}
}

/** Every complete record of a journal. A last line cut short by a crash is not a record: it is ignored. */
export function readJournal(path: string): JournalRecord[] {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
	const records: JournalRecord[] = [];
	for (const line of text.split('\n')) {
		if (line === '') continue;
		try {
			records.push(JSON.parse(line) as JournalRecord);
		} catch {
			// Only the very last line can be torn; anything else would be a bug worth seeing.
		}
	}
	return records;
}
