import {appendFileSync, readFileSync, truncateSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {checkpointLine, readCheckpoint, writeCheckpoint, type InFileState} from '../../source/importer/checkpoint.js';
import {Journal} from '../../source/importer/journal.js';
import {applyRecord, newRowProgress, noProgress, type ImportProgress, type RowProgress} from '../../source/importer/progress.js';
import type {RowPlan} from '../../source/importer/row-plan.js';
import {rowResults} from '../../source/importer/report.js';
import {appendSettledResults, settledResults} from '../../source/importer/settled-results.js';
import {isSettled, settle, settledUserId} from '../../source/importer/settled-rows.js';
import {tempFolder} from '../support/temp-dir.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {recordImport, usersCsv} from '../support/import-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

const at = '2026-12-01T10:00:00.000Z';

function plan(row: number, extra: Partial<RowPlan> = {}): RowPlan {
	return {row, line: row + 1, username: `user${row}`, email: `user${row}@example.com`, action: 'create', groups: [], systems: [], issues: [], ...extra};
}

/** A row's progress after these journal records. */
function progressOf(row: number, ...records: Array<Record<string, unknown>>): RowProgress {
	const rows = new Map<number, RowProgress>();
	rows.set(row, newRowProgress(row));
	for (const record of records) applyRecord(rows, {row, at, ...record} as never);
	return rows.get(row)!;
}

const created = (row: number) => [
	{t: 'intent', step: 'create', username: `user${row}`},
	{t: 'done', step: 'create', userId: `${String(row).padStart(24, 'a')}`},
];

describe('a settled row', () => {
	it('is one no run touches again and no later decision changes', () => {
		expect(isSettled(plan(1, {action: 'invalid'}), undefined)).toBe(true);
		expect(isSettled(plan(1), undefined)).toBe(false);
		expect(isSettled(plan(1), progressOf(1, ...created(1)))).toBe(true);
		// A step still to do, a request whose answer is unknown, a manager the whole file decides: not settled.
		const inGroup = plan(1, {groups: [{id: 'g1', name: 'Sales'}]});
		expect(isSettled(inGroup, progressOf(1, ...created(1)))).toBe(false);
		expect(isSettled(inGroup, progressOf(1, ...created(1), {t: 'done', step: 'group:g1'}))).toBe(true);
		expect(isSettled(inGroup, progressOf(1, ...created(1), {t: 'intent', step: 'group:g1'}))).toBe(false);
		expect(isSettled(plan(1), progressOf(1, {t: 'intent', step: 'create'}))).toBe(false);
		expect(isSettled(plan(1), progressOf(1, {t: 'intent', step: 'create'}, {t: 'lost', step: 'create', kind: 'timeout'}))).toBe(false);
		expect(isSettled(plan(1, {manager: {pending: true}}), progressOf(1, ...created(1)))).toBe(false);
		expect(isSettled(plan(1), progressOf(1, {t: 'skipped', reason: 'exists', userId: 'b'.repeat(24)}))).toBe(true);
		expect(isSettled(plan(1), progressOf(1, {t: 'intent', step: 'create'}, {t: 'failed', step: 'create', error: 'no'}))).toBe(true);
		// Failed after an answer was lost: the user may exist, and a resume looks it up first.
		expect(isSettled(plan(1), progressOf(1, {t: 'intent', step: 'create'}, {t: 'lost', step: 'create', kind: 'timeout'}, {t: 'intent', step: 'create'}, {t: 'failed', step: 'create', error: 'no'}))).toBe(false);
	});

	it('folds into counts, users and results lines (kept on disk), run after run', () => {
		const progress: ImportProgress = noProgress();
		const plans = [plan(1), plan(2, {action: 'invalid', issues: [{row: 2, line: 3, column: null, severity: 'error', message: 'bad'}]}), plan(3), plan(4), plan(5)];
		for (const record of created(1)) applyRecord(progress.rows, {row: 1, at, ...record} as never);
		applyRecord(progress.rows, {t: 'skipped', row: 3, at, reason: 'exists', userId: 'c'.repeat(24)});
		for (const record of created(5)) applyRecord(progress.rows, {row: 5, at, ...record} as never);
		applyRecord(progress.rows, {t: 'intent', row: 4, at, step: 'create'});
		applyRecord(progress.rows, {t: 'failed', row: 4, at, step: 'create', error: 'refused'});
		const file = path.join(tempFolder('jc-import-settled-'), 'checkpoint-results');
		const firstBytes = appendSettledResults(file, 0, rowResults(plans.slice(0, 2), progress));
		const first = settle(undefined, plans.slice(0, 2), progress, {row: 3, line: 4, index: 2, digest: 1}, firstBytes);
		// A segment written by a run that crashed before its checkpoint: the next write cuts it off.
		appendSettledResults(file, firstBytes, rowResults(plans.slice(2, 3), progress));
		const bothBytes = appendSettledResults(file, firstBytes, rowResults(plans.slice(2), progress));
		const both = settle(first, plans.slice(2), progress, {row: 6, line: 7, index: 5, digest: 2}, bothBytes);
		expect(both.counts).toEqual({rows: 5, created: 2, usersCreated: 2, skipped: 1, failed: 1, invalid: 1});
		expect([...both.createdRows]).toEqual([1, 5]);
		expect(settledUserId(both, 5)).toBe('5'.padStart(24, 'a'));
		expect(settledUserId(both, 1)).toBe('1'.padStart(24, 'a'));
		expect(settledUserId(both, 3)).toBeUndefined();
		expect([...settledResults(file, both.resultsBytes)].flat().map((result) => [result.row, result.status])).toEqual([
			[1, 'created'],
			[2, 'invalid'],
			[3, 'skipped'],
			[4, 'failed'],
			[5, 'created'],
		]);
		// The earlier fold is left as it was: a checkpoint written from it still says what it said.
		expect(first.counts.rows).toBe(2);
		expect([...settledResults(file, first.resultsBytes)].flat().map((result) => result.row)).toEqual([1, 2]);
	});
});

describe('a checkpoint', () => {
	async function recorded() {
		const box = (sandbox = await startSandbox({seed: 71}));
		const {folder, manifest} = await recordImport(box, usersCsv(5));
		const journal = new Journal(folder.journalPath);
		for (const record of created(1)) journal.append({row: 1, at, ...record} as never);
		const state = {unique: {claimed: ['user1']}, managers: {indexing: false}} as unknown as InFileState;
		const progress = noProgress();
		applyRecord(progress.rows, {t: 'intent', row: 2, at, step: 'create', username: 'user2'});
		const done = {...progress, rows: new Map([[1, progressOf(1, ...created(1))]])};
		const resultsBytes = appendSettledResults(folder.settledResultsPath, 0, rowResults([plan(1)], done));
		const settled = settle(undefined, [plan(1)], done, {row: 2, line: 3, index: 1, digest: 7}, resultsBytes);
		writeCheckpoint(folder, manifest, journal.length, {settled, state, rows: progress.rows, runs: 1});
		journal.close();
		return {folder, manifest, state};
	}

	it('reads back what was written, and where the file is read again from', async () => {
		const {folder, manifest, state} = await recorded();
		expect(checkpointLine(folder, manifest)).toBe(3);
		const read = readCheckpoint(folder, manifest)!;
		expect(read.settled.next).toEqual({row: 2, line: 3, index: 1, digest: 7});
		expect(read.state).toEqual(state);
		expect(read.rows.get(2)?.pending.has('create')).toBe(true);
		expect(read.journalBytes).toBe(readFileSync(folder.journalPath).length);
		// The journal going on after it does not undo it: its tail is replayed over it.
		appendFileSync(folder.journalPath, `${JSON.stringify({t: 'refused', row: 2, step: 'create', at})}\n`);
		expect(readCheckpoint(folder, manifest)).toBeDefined();
	});

	it('does not hold for a journal that does not begin as the one it was written beside', async () => {
		const {folder, manifest} = await recorded();
		const journal = readFileSync(folder.journalPath);
		truncateSync(folder.journalPath, journal.length - 5);
		expect(readCheckpoint(folder, manifest)).toBeUndefined();
		writeFileSync(folder.journalPath, Buffer.from(journal.toString('latin1').replace('user1', 'userX'), 'latin1'));
		expect(readCheckpoint(folder, manifest)).toBeUndefined();
		writeFileSync(folder.journalPath, journal);
		expect(readCheckpoint(folder, manifest)).toBeDefined();
		// Nor for settled results cut short.
		const results = readFileSync(folder.settledResultsPath);
		truncateSync(folder.settledResultsPath, results.length - 1);
		expect(readCheckpoint(folder, manifest)).toBeUndefined();
	});

	it('does not hold for another import, other options, another mapping or file, nor when damaged', async () => {
		const {folder, manifest} = await recorded();
		expect(readCheckpoint(folder, {...manifest, id: 'another'})).toBeUndefined();
		expect(readCheckpoint(folder, {...manifest, options: {...manifest.options, state: 'ACTIVATED'}})).toBeUndefined();
		expect(readCheckpoint(folder, {...manifest, edits: [{row: 1, column: 0, header: 'Username', value: 'x'}]} as never)).toBeUndefined();
		expect(readCheckpoint(folder, {...manifest, csv: {...manifest.csv, sha256: '0'.repeat(64)}})).toBeUndefined();
		expect(checkpointLine(folder, {...manifest, id: 'another'})).toBeUndefined();
		const bytes = readFileSync(folder.checkpointPath);
		// One an earlier version wrote (its body laid out otherwise): not read.
		expect(readCheckpoint(folder, manifest)).toBeDefined();
		const length = bytes.readUInt32BE(0);
		const header = Buffer.from(JSON.stringify({...JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')), version: 1}));
		const older = Buffer.alloc(4);
		older.writeUInt32BE(header.length);
		writeFileSync(folder.checkpointPath, Buffer.concat([older, header, bytes.subarray(4 + length)]));
		expect(readCheckpoint(folder, manifest)).toBeUndefined();
		expect(checkpointLine(folder, manifest)).toBeUndefined();
		writeFileSync(folder.checkpointPath, bytes.subarray(0, bytes.length - 40));
		expect(readCheckpoint(folder, manifest)).toBeUndefined();
		writeFileSync(folder.checkpointPath, 'not a checkpoint');
		expect(readCheckpoint(folder, manifest)).toBeUndefined();
		expect(checkpointLine(folder, manifest)).toBeUndefined();
	});
});
