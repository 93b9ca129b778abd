import {appendFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Journal, readJournal} from '../../source/importer/journal.js';
import {acquireLock, ImportLockedError, isLocked} from '../../source/importer/lock.js';
import {createdUsers, replay} from '../../source/importer/progress.js';
import type {ImportFolder} from '../../source/importer/import-store.js';
import {loadProgress, loadProgressInSlices} from '../../source/importer/session.js';
import {tempFolder} from '../support/temp-dir.js';

const at = '2026-11-23T10:00:00.000Z';
const folder = () => tempFolder('jc-import-journal-');

describe('the journal', () => {
	it('appends records to a 0600 file and reads them back, ignoring a line torn by a crash', () => {
		const file = path.join(folder(), 'journal.jsonl');
		const journal = new Journal(file);
		journal.append({t: 'intent', row: 1, step: 'create', at});
		journal.append({t: 'done', row: 1, step: 'create', at, userId: 'a'.repeat(24)});
		journal.close();
		appendFileSync(file, '{"t":"intent","row":2,"st');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(readJournal(file)).toEqual([
			{t: 'intent', row: 1, step: 'create', at},
			{t: 'done', row: 1, step: 'create', at, userId: 'a'.repeat(24)},
		]);
	});

	it('reads back names in any script exactly, and replays a journal read from disk as the same records replayed', () => {
		const file = path.join(folder(), 'journal.jsonl');
		const journal = new Journal(file);
		journal.append({t: 'run', at, event: 'started', pid: 1});
		journal.append({t: 'intent', row: 1, step: 'create', at, username: 'jürgen.groß', email: 'jürgen@例え.jp'});
		journal.append({t: 'done', row: 1, step: 'create', at, userId: 'a'.repeat(24)});
		journal.append({t: 'intent', row: 2, step: 'create', at, username: 'ana', email: 'ana@example.com'});
		journal.close();
		const records = readJournal(file);
		expect(records[1]).toMatchObject({username: 'jürgen.groß', email: 'jürgen@例え.jp'});
		const fromDisk = loadProgress({journalPath: file} as ImportFolder);
		expect(fromDisk).toEqual(replay(records));
		expect(fromDisk.rows.get(1)?.identity).toEqual({username: 'jürgen.groß', email: 'jürgen@例え.jp'});
		expect(fromDisk.rows.get(2)?.pending).toEqual(new Set(['create']));
	});

	it('is replayed for a resume a slice at a time, letting what was asked before it go on meanwhile, to the same progress', async () => {
		const file = path.join(folder(), 'journal.jsonl');
		const journal = new Journal(file);
		for (let row = 1; row <= 3000; row++) {
			journal.append({t: 'intent', row, step: 'create', at, username: `user${row}`});
			journal.append({t: 'done', row, step: 'create', at, userId: String(row).padStart(24, '0')});
		}
		journal.close();
		const order: string[] = [];
		setImmediate(() => order.push('asked before'));
		const progress = await loadProgressInSlices({journalPath: file} as ImportFolder);
		order.push('replayed');
		expect(order).toEqual(['asked before', 'replayed']);
		expect(progress).toEqual(loadProgress({journalPath: file} as ImportFolder));
		expect(createdUsers(progress)).toHaveLength(3000);
	});

	it('replays into where each row stands', () => {
		const progress = replay([
			{t: 'run', at, event: 'started', pid: 1},
			{t: 'intent', row: 1, step: 'create', at},
			{t: 'done', row: 1, step: 'create', at, userId: 'u1'},
			{t: 'intent', row: 1, step: 'group:g', at},
			{t: 'intent', row: 2, step: 'create', at},
			{t: 'intent', row: 3, step: 'create', at},
			{t: 'refused', row: 3, step: 'create', at},
			{t: 'intent', row: 4, step: 'create', at},
			{t: 'failed', row: 4, step: 'create', at, error: 'bad', kind: 'validation'},
			{t: 'skipped', row: 5, at, reason: 'exists', userId: 'u5'},
		]);
		expect(progress.runs).toBe(1);
		expect(progress.finished).toBe(false);
		expect(progress.rows.get(1)).toMatchObject({userId: 'u1', done: new Set(['create']), pending: new Set(['group:g'])});
		expect(progress.rows.get(2)!.pending).toEqual(new Set(['create']));
		expect(progress.rows.get(3)!.pending.size).toBe(0);
		expect(progress.rows.get(4)!.failed).toEqual({step: 'create', error: 'bad', kind: 'validation'});
		expect(progress.rows.get(5)!.skipped).toEqual({reason: 'exists', userId: 'u5'});
		expect(createdUsers(progress)).toEqual([{row: 1, userId: 'u1'}]);
	});

	it('forgets a created user once a rollback deleted it', () => {
		const progress = replay([
			{t: 'done', row: 1, step: 'create', at, userId: 'u1'},
			{t: 'intent', row: 1, step: 'delete', at},
			{t: 'done', row: 1, step: 'delete', at, userId: 'u1'},
		]);
		expect(createdUsers(progress)).toEqual([]);
	});
});

describe('the import lock', () => {
	it('keeps a second process out while the first holds it, and is released', () => {
		const lock = path.join(folder(), 'lock');
		const release = acquireLock(lock);
		expect(isLocked(lock)).toBe(true);
		expect(() => acquireLock(lock)).toThrow(ImportLockedError);
		release();
		expect(isLocked(lock)).toBe(false);
		acquireLock(lock)();
	});

	it('takes over a lock left by a process that is gone', async () => {
		const lock = path.join(folder(), 'lock');
		const {hostname} = await import('node:os');
		writeFileSync(lock, JSON.stringify({pid: 2 ** 22 + 12345, host: hostname()}));
		const release = acquireLock(lock);
		expect(isLocked(lock)).toBe(true);
		release();
	});
});

describe('a journal torn by a power cut', () => {
	it('starts the next record on a fresh line, so it is not lost', () => {
		const file = path.join(folder(), 'journal.jsonl');
		writeFileSync(file, '{"t":"run","at":"x","event":"started","pid":1}\n{"t":"intent","row":1,"st');
		const journal = new Journal(file);
		journal.append({t: 'run', at, event: 'started', pid: 2});
		journal.close();
		expect(readJournal(file)).toEqual([
			{t: 'run', at: 'x', event: 'started', pid: 1},
			{t: 'run', at, event: 'started', pid: 2},
		]);
	});
});
