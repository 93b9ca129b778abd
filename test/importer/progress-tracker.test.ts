import {afterEach, describe, expect, it} from 'vitest';
import {ProgressTracker} from '../../source/importer/progress-tracker.js';
import type {RunCounts, RunnerEvent} from '../../source/importer/runner.js';
import {launchImport} from '../../source/importer/session.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {importFile, pacedClient, usersCsv} from '../support/import-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

const counts = (partial: Partial<RunCounts>): RunCounts => ({rows: 0, created: 0, usersCreated: 0, skipped: 0, failed: 0, invalid: 0, remaining: 0, throttled: 0, ...partial});

/** A tracker on a clock the test moves by hand. */
function tracked() {
	let now = 1_000_000;
	const tracker = new ProgressTracker({now: () => now});
	return {
		tracker,
		at: (ms: number) => (now = 1_000_000 + ms),
		feed: (...events: RunnerEvent[]) => events.forEach((event) => tracker.track(event)),
	};
}

const started = (rows: number, toDo: number, before: Partial<RunCounts> = {}, retryFailed = false): RunnerEvent => ({type: 'started', rows, toDo, counts: counts({rows, ...before}), retryFailed});
const done = (row: number): RunnerEvent[] => [
	{type: 'row-started', row, username: `user${row}`},
	{type: 'row-created', row, username: `user${row}`, userId: `id${row}`, reconciled: false},
	{type: 'row-done', row, username: `user${row}`, userId: `id${row}`},
];

describe('the progress tracker', () => {
	it('counts a new import as its events come', () => {
		const {tracker, at, feed} = tracked();
		expect(tracker.snapshot()).toEqual({state: 'running', counts: {...counts({}), toDo: 0}, rate: 0, etaSeconds: undefined, steps: {memberships: 0, bindings: 0, activated: 0}, elapsedMs: 0, inFlight: 0, recent: [], failed: [], failedCount: 0, pacedAt: undefined});
		feed(started(5, 4, {invalid: 1, remaining: 4}));
		at(500);
		feed({type: 'row-started', row: 1, username: 'ada'}, {type: 'row-started', row: 2, username: 'bob'}, {type: 'row-skipped', row: 3, username: 'cy', reason: 'already exists in JumpCloud'});
		expect(tracker.snapshot()).toMatchObject({inFlight: 2, counts: {rows: 5, toDo: 4, skipped: 1, remaining: 3, invalid: 1}});
		at(1000);
		feed({type: 'row-created', row: 1, username: 'ada', userId: 'u1', reconciled: false}, {type: 'step-done', row: 1, step: 'group:g'}, {type: 'row-done', row: 1, username: 'ada', userId: 'u1'});
		feed({type: 'row-created', row: 2, username: 'bob', userId: 'u2', reconciled: false}, {type: 'row-failed', row: 2, username: 'bob', step: 'group:g', error: 'group gone'});
		const snapshot = tracker.snapshot(1_000_000 + 2000);
		expect(snapshot.counts).toEqual({rows: 5, toDo: 4, created: 1, usersCreated: 2, skipped: 1, failed: 1, invalid: 1, remaining: 1, throttled: 0});
		expect(snapshot.inFlight).toBe(0);
		expect(snapshot.recent).toEqual([
			{row: 3, username: 'cy', outcome: 'skipped', detail: 'already exists in JumpCloud'},
			{row: 1, username: 'ada', outcome: 'created', detail: 'u1'},
			{row: 2, username: 'bob', outcome: 'failed', detail: 'group gone'},
		]);
		expect(snapshot.failed).toEqual([{row: 2, username: 'bob', step: 'group:g', error: 'group gone'}]);
		expect(snapshot.failedCount).toBe(1);
		// Two users created by JumpCloud; one membership done (the other failed).
		expect(snapshot.steps).toEqual({memberships: 1, bindings: 0, activated: 0});
		// 3 rows finished in the 2 s since the start; one left at that pace.
		expect(snapshot.elapsedMs).toBe(2000);
		expect(snapshot.rate).toBe(1.5);
		expect(snapshot.etaSeconds).toBeCloseTo(1 / 1.5);
	});

	it('measures the rate over the last 10 s only', () => {
		const {tracker, at, feed} = tracked();
		feed(started(400, 400, {remaining: 400}));
		// 20 rows a second for 10 s, then 5 a second for 10 s.
		let row = 0;
		for (let ms = 50; ms <= 10_000; ms += 50) (at(ms), feed(...done(++row)));
		expect(tracker.snapshot().rate).toBe(20);
		for (let ms = 10_200; ms <= 20_000; ms += 200) (at(ms), feed(...done(++row)));
		const snapshot = tracker.snapshot();
		expect(snapshot.rate).toBe(5);
		expect(snapshot.counts.remaining).toBe(400 - 250);
		expect(snapshot.etaSeconds).toBe(30);
		// Nothing finishes for 10 s: no rate, no estimate.
		expect(tracker.snapshot(1_000_000 + 30_000)).toMatchObject({rate: 0, etaSeconds: undefined, elapsedMs: 30_000});
	});

	it('counts the steps after a create on their own: memberships, bindings, activations', () => {
		const {tracker, feed} = tracked();
		feed(started(2, 2, {remaining: 2}));
		feed({type: 'row-created', row: 1, username: 'ada', userId: 'u1', reconciled: false}, {type: 'step-done', row: 1, step: 'create'});
		expect(tracker.snapshot()).toMatchObject({counts: {created: 0, usersCreated: 1}, steps: {memberships: 0, bindings: 0, activated: 0}});
		feed({type: 'step-done', row: 1, step: 'group:g1'}, {type: 'step-done', row: 1, step: 'group:g2'}, {type: 'step-done', row: 1, step: 'system:s1'});
		const before = tracker.snapshot();
		expect(before.steps).toEqual({memberships: 2, bindings: 1, activated: 0});
		// Unchanged counts keep their identity between snapshots.
		expect(tracker.snapshot().steps).toBe(before.steps);
		feed({type: 'step-done', row: 1, step: 'activate'}, {type: 'row-done', row: 1, username: 'ada', userId: 'u1'});
		expect(tracker.snapshot()).toMatchObject({counts: {created: 1, usersCreated: 1}, steps: {memberships: 2, bindings: 1, activated: 1}});
	});

	it('holds the rate and ETA still while paused, and goes on from them when resumed', () => {
		const {tracker, at, feed} = tracked();
		feed(started(400, 400, {remaining: 400}));
		let row = 0;
		// 20 rows a second for 10 s, then paused for 20 s.
		for (let ms = 50; ms <= 10_000; ms += 50) (at(ms), feed(...done(++row)));
		feed({type: 'paused'});
		const paused = tracker.snapshot();
		expect(paused).toMatchObject({state: 'paused', rate: 20, etaSeconds: 10});
		at(30_000);
		expect(tracker.snapshot()).toMatchObject({state: 'paused', rate: 20, etaSeconds: 10, elapsedMs: 30_000});
		// Resumed: the 20 s paused are not part of the window; 5 rows in the first second after it.
		feed({type: 'resumed'});
		expect(tracker.snapshot()).toMatchObject({state: 'running', rate: 20, etaSeconds: 10});
		for (let ms = 30_200; ms <= 31_000; ms += 200) (at(ms), feed(...done(++row)));
		// The last 10 s of running: rows 21–200 (at 1.05–10 s) and the 5 new ones.
		const resumed = tracker.snapshot();
		expect(resumed.rate).toBe(18.5);
		expect(resumed.etaSeconds).toBeCloseTo(195 / 18.5);
	});

	it('starts a resume where the earlier runs left it', () => {
		const {tracker, feed} = tracked();
		feed(started(10, 4, {created: 5, usersCreated: 6, skipped: 1, remaining: 4}));
		expect(tracker.snapshot().counts).toMatchObject({created: 5, usersCreated: 6, remaining: 4});
		// Row 6's user exists already: its steps finish without a new create.
		feed({type: 'row-started', row: 6, username: 'f'}, {type: 'row-done', row: 6, username: 'f', userId: 'id6'}, ...done(7));
		expect(tracker.snapshot().counts).toMatchObject({rows: 10, created: 7, usersCreated: 7, skipped: 1, remaining: 2});
	});

	it('takes a retry\'s rows out of the failed ones', () => {
		const {tracker, feed} = tracked();
		feed(started(10, 3, {created: 5, usersCreated: 5, failed: 3, remaining: 2}, true));
		expect(tracker.snapshot().counts).toMatchObject({created: 5, failed: 0, remaining: 5});
		feed(...done(1), {type: 'row-started', row: 2, username: 'b'}, {type: 'row-failed', row: 2, username: 'b', step: 'create', error: 'refused'});
		expect(tracker.snapshot().counts).toMatchObject({created: 6, usersCreated: 6, failed: 1, remaining: 3});
	});

	it('tells the run\'s state: throttled for a while, paused, stopping, stopped', () => {
		const {tracker, at, feed} = tracked();
		feed(started(3, 3, {remaining: 3}));
		at(1000);
		feed({type: 'throttled', rate: 8.5});
		expect(tracker.snapshot()).toMatchObject({state: 'throttled', pacedAt: 8.5, counts: {throttled: 1}});
		expect(tracker.snapshot(1_000_000 + 7000).state).toBe('running');
		feed({type: 'paused'});
		expect(tracker.snapshot().state).toBe('paused');
		feed({type: 'resumed'});
		expect(tracker.snapshot().state).toBe('throttled');
		// stop() resumes a paused runner after saying it stops: still stopping.
		feed({type: 'paused'}, {type: 'stopping', hard: false}, {type: 'resumed'});
		expect(tracker.snapshot().state).toBe('stopping');
		feed({type: 'stopping', hard: true}, {type: 'stopping', hard: false});
		expect(tracker.snapshot().state).toBe('stopping-hard');
		at(3000);
		feed({type: 'row-started', row: 1, username: 'a'}, {type: 'finished', stopped: true, counts: counts({rows: 3, remaining: 3, throttled: 4})});
		const snapshot = tracker.snapshot(1_000_000 + 60_000);
		expect(snapshot).toMatchObject({state: 'stopped', elapsedMs: 3000, inFlight: 0, etaSeconds: undefined});
		// The runner's counts are the last word; throttled stays the slow-downs seen.
		expect(snapshot.counts).toEqual({rows: 3, toDo: 3, created: 0, usersCreated: 0, skipped: 0, failed: 0, invalid: 0, remaining: 3, throttled: 1});
	});

	it('is finished, not stopped, when every row ran', () => {
		const {tracker, feed} = tracked();
		feed(started(1, 1, {remaining: 1}), ...done(1), {type: 'finished', stopped: false, counts: counts({rows: 1, created: 1, usersCreated: 1})});
		expect(tracker.snapshot()).toMatchObject({state: 'finished', counts: {created: 1, remaining: 0}});
	});

	it('keeps its lists bounded: the last 50 rows, the first 1,000 failures with an exact count', () => {
		const {tracker, feed} = tracked();
		feed(started(3000, 3000, {remaining: 3000}));
		for (let row = 1; row <= 1500; row++) feed({type: 'row-started', row, username: `u${row}`}, {type: 'row-failed', row, username: `u${row}`, step: 'create', error: `no ${row}`});
		for (let row = 1501; row <= 1600; row++) feed(...done(row));
		const snapshot = tracker.snapshot();
		expect(snapshot.recent).toHaveLength(50);
		expect(snapshot.recent[0]!.row).toBe(1551);
		expect(snapshot.recent.at(-1)!.row).toBe(1600);
		expect(snapshot.failed).toHaveLength(1000);
		expect(snapshot.failed.at(-1)!.row).toBe(1000);
		expect(snapshot.failedCount).toBe(1500);
		expect(snapshot.counts).toMatchObject({failed: 1500, created: 100, remaining: 1400});
		// An unchanged list is the same array: a memoized view does not redraw.
		expect(tracker.snapshot().failed).toBe(snapshot.failed);
	});
});

describe('the progress tracker on a real run', () => {
	/** Feeds a tracker, and keeps what it counted just before the runner's final word. */
	function follow() {
		const tracker = new ProgressTracker();
		const seen: {counts?: RunCounts; final?: RunCounts} = {};
		const onEvent = (event: RunnerEvent) => {
			if (event.type === 'finished') {
				const {toDo: _, throttled: __, ...counted} = tracker.snapshot().counts;
				seen.counts = {...counted, throttled: event.counts.throttled};
				seen.final = event.counts;
			}
			tracker.track(event);
		};
		return {seen, onEvent};
	}

	it('counts what the runner counts, on a first run and on a retry of its failed rows', async () => {
		const box = (sandbox = await startSandbox({seed: 41}));
		const engineering = [...box.directory.groups.values()].find((group) => group.name === 'Engineering')!;
		box.directory.addUser({username: 'user1', email: 'user1@import.example.com', firstname: 'User', lastname: 'One', state: 'STAGED'} as never);
		// Row 3 names a group that does not exist (invalid); the others' group vanishes once the run starts.
		const file = usersCsv(5, 'Group', (index) => (index === 2 ? 'No Such Group' : 'Engineering'));
		const first = follow();
		let removed = false;
		const run = await importFile(box, file, {}, (event) => {
			if (event.type === 'started' && !removed) {
				box.directory.groups.delete(engineering.id);
				box.directory.memberships.delete(engineering.id);
				removed = true;
			}
			first.onEvent(event);
		});
		expect(run.outcome.counts).toMatchObject({rows: 5, invalid: 1, skipped: 1, failed: 3, usersCreated: 3});
		expect(first.seen.counts).toEqual(first.seen.final);

		box.directory.groups.set(engineering.id, engineering);
		box.directory.memberships.set(engineering.id, new Set());
		const retry = follow();
		const {client, pacer} = pacedClient(box);
		const again = await launchImport({client, pacer, folder: run.folder, manifest: run.manifest, mapping: run.prepared.mapping, rows: run.prepared.rows, retryFailed: true, onEvent: retry.onEvent}).finished;
		expect(again.counts).toMatchObject({created: 3, failed: 0, skipped: 1, invalid: 1, usersCreated: 3});
		expect(retry.seen.counts).toEqual(retry.seen.final);
	});
});
