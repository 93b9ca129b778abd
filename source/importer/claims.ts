import {closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync} from 'node:fs';
import path from 'node:path';
import type {JournalRecord} from './journal.js';
import type {Claim} from './provenance.js';

/** The organization an import wrote to; imports elsewhere cannot claim its users. */
export type ClaimTarget = {baseUrl: string; organizationId: string | undefined};

/** `unreadable`: its journal cannot be read, so it might hold any user. */
type JournalCursor = {importId: string; path: string; offset: number; rows: Map<number, string>; unreadable: boolean};

/**
 * Which users the other imports in this home hold as their own, in the same organization, read
 * from their journals. Each journal is read on from where the last look stopped, so asking again
 * while other imports run costs only what they wrote since.
 */
export class ClaimIndex {
	private readonly claims = new Map<string, Claim>();
	private readonly cursors = new Map<string, JournalCursor>();

	constructor(
		private readonly importsDir: string,
		private readonly selfId: string,
		private readonly target: ClaimTarget,
	) {}

	/**
	 * The other import that holds this user, if any, as of now. An import whose journal cannot be read
	 * cannot be ruled out: it is taken to hold it (not by JumpCloud's own answer).
	 */
	claimOf(userId: string): Claim | undefined {
		this.refresh();
		const claim = this.claims.get(userId);
		if (claim) return claim;
		const unknown = [...this.cursors.values()].find((cursor) => cursor.unreadable);
		return unknown ? {importId: unknown.importId, direct: false} : undefined;
	}

	private refresh(): void {
		let names: string[];
		try {
			names = readdirSync(this.importsDir);
		} catch {
			return;
		}
		for (const name of names) {
			if (name === this.selfId || name.startsWith('.')) continue;
			let cursor = this.cursors.get(name);
			if (!cursor) {
				if (!this.sameTarget(path.join(this.importsDir, name, 'manifest.json'))) continue;
				cursor = {importId: name, path: path.join(this.importsDir, name, 'journal.jsonl'), offset: 0, rows: new Map(), unreadable: false};
				this.cursors.set(name, cursor);
			}
			this.readOn(cursor);
		}
	}

	/** A manifest that cannot be read might be anyone's: it is taken as the same organization. */
	private sameTarget(manifestPath: string): boolean {
		try {
			const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {target?: {baseUrl?: string; organization?: {id?: string}}};
			if (manifest.target?.baseUrl !== this.target.baseUrl) return false;
			const theirs = manifest.target.organization?.id;
			return theirs === undefined || this.target.organizationId === undefined || theirs === this.target.organizationId;
		} catch (error) {
			return (error as NodeJS.ErrnoException).code !== 'ENOENT';
		}
	}

	private readOn(cursor: JournalCursor): void {
		let fd: number | undefined;
		try {
			fd = openSync(cursor.path, 'r');
			const size = fstatSync(fd).size;
			cursor.unreadable = false;
			if (size <= cursor.offset) return;
			const bytes = Buffer.alloc(size - cursor.offset);
			readSync(fd, bytes, 0, bytes.length, cursor.offset);
			// Only whole lines: one being written now is read next time.
			const end = bytes.lastIndexOf(0x0a) + 1;
			cursor.offset += end;
			for (const line of bytes.subarray(0, end).toString('utf8').split('\n')) this.apply(cursor, line);
		} catch (error) {
			// Not there (yet, or any more) holds nothing; anything else cannot be ruled out.
			cursor.unreadable = (error as NodeJS.ErrnoException).code !== 'ENOENT';
		} finally {
			if (fd !== undefined) closeSync(fd);
		}
	}

	private apply(cursor: JournalCursor, line: string): void {
		if (!line.includes('"done"')) return;
		let record: JournalRecord;
		try {
			record = JSON.parse(line) as JournalRecord;
		} catch {
			return;
		}
		if (record === null || record.t !== 'done') return;
		if (record.step === 'create' && record.userId) {
			cursor.rows.set(record.row, record.userId);
			this.claims.set(record.userId, {importId: cursor.importId, direct: record.reconciled !== true});
		} else if (record.step === 'delete') {
			const userId = cursor.rows.get(record.row);
			if (userId && this.claims.get(userId)?.importId === cursor.importId) this.claims.delete(userId);
			cursor.rows.delete(record.row);
		}
	}
}
