import './screen-env.js';
import {describe, expect, it, vi} from 'vitest';
import {ProgressTracker} from '../../../source/importer/progress-tracker.js';
import {atProgress, fakeTasks, flat} from '../wizard-fixtures.js';
import {sizes, ctrlC, lines, lineWith, mounted, expectTooSmallThenBack, expectScreen, trackedRun} from './screen-helpers.js';

describe.each(sizes)('every screen at $columns×$rows', (size) => {
	const wide = size.columns >= 80;

	it('progress: counters, bar, rate, ETA, the latest rows and the failed ones', async () => {
		const tasks = fakeTasks();
		const {tracker} = trackedRun();
		tasks.tracker = tracker;
		const {tui} = await mounted(atProgress(), size, {tasks});
		const frame = expectScreen(tui, size, 'Importing', '35/100', '✔ 30 created', '↷ 2 skipped', '✖ 3 failed', '65 remaining', '✔ running', '3.5 users/s', 'ETA 19s', 'elapsed 10s', 'Failed (3)', 'p pause/resume', 'Ctrl+C stop');
		// Newest first in both lists; on a short terminal only the failed rows are listed, all three.
		const failed = lines(frame).slice(lines(frame).findIndex((line) => line.includes('Failed (3)')));
		expect(failed.slice(2, 5)).toEqual([expect.stringMatching(/✖ +35 {2}user35 +HTTP 400: email taken 35$/), expect.stringMatching(/✖ +34 {2}user34 +HTTP 400/), expect.stringMatching(/✖ +33 {2}user33 +HTTP 400/)]);
		if (wide) {
			const latest = lines(frame).slice(lines(frame).findIndex((line) => line.includes('Latest')));
			expect(latest[2]).toMatch(/✖ +35 {2}user35 +failed: HTTP 400: email taken 35$/);
			expect(lineWith(frame, 'user32')).toMatch(/↷ +32 {2}user32 +skipped: already exists$/);
			expect(frame).toContain('latest 5 of 35 kept');
		} else {
			expect(frame).not.toContain('Latest');
		}
		// In colour the bar is green spaces, then grey ones.
		const bar = tui.lastRawFrame().split('\n').find((line) => line.includes('35/100')) ?? '';
		const filled = /\u001B\[42m( +)/.exec(bar)?.[1]?.length ?? 0;
		const empty = /\u001B\[100m( +)/.exec(bar)?.[1]?.length ?? 0;
		expect(filled).toBeGreaterThan(0);
		expect(filled / (filled + empty)).toBeCloseTo(0.35, 1);
		await expectTooSmallThenBack(tui, size, '35/100');
	});

	it('progress: paused, throttled and stopping are said in words; p pauses, Ctrl+C stops, twice at once', async () => {
		const tasks = fakeTasks();
		const {tracker, clock} = trackedRun();
		tasks.tracker = tracker;
		const {tui} = await mounted(atProgress(), size, {tasks});
		await tui.press('p');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'pause'}]));
		tracker.track({type: 'paused'}, clock.now);
		await tui.waitFor('PAUSED (p resumes)');
		expectScreen(tui, size, '⚠ PAUSED (p resumes)');
		tracker.track({type: 'resumed'}, clock.now);
		tracker.track({type: 'throttled', rate: 4}, clock.now);
		await tui.waitFor('throttled by JumpCloud');
		expectScreen(tui, size, '⚠ throttled by JumpCloud, slowing down');
		clock.now += 6000; // the slow-down is over
		await tui.waitFor('✔ running');
		await tui.press(ctrlC);
		await vi.waitFor(() => expect(tasks.recorded.at(-1)).toEqual({kind: 'stop', hard: false}));
		tracker.track({type: 'row-started', row: 36, username: 'user36'}, clock.now);
		tracker.track({type: 'row-started', row: 37, username: 'user37'}, clock.now);
		tracker.track({type: 'stopping', hard: false}, clock.now);
		await tui.waitFor('STOPPING');
		expect(tui.lastFrame()).toContain('⚠ STOPPING: 2 in flight (Ctrl+C: at once)');
		expectScreen(tui, size, 'Importing');
		await tui.press(ctrlC);
		await vi.waitFor(() => expect(tasks.recorded.at(-1)).toEqual({kind: 'stop', hard: true}));
		tracker.track({type: 'stopping', hard: true}, clock.now);
		await tui.waitFor('STOPPING now');
		expectScreen(tui, size, '✖ STOPPING now');
	});

	it('progress: before the first row, no rate and no ETA', async () => {
		const tasks = fakeTasks();
		tasks.tracker = new ProgressTracker({now: () => 0});
		tasks.tracker.track({type: 'started', rows: 10, toDo: 10, counts: {rows: 10, created: 0, usersCreated: 0, skipped: 0, failed: 0, invalid: 0, remaining: 10, throttled: 0}, retryFailed: false}, 0);
		const {tui} = await mounted(atProgress(), size, {tasks});
		const frame = expectScreen(tui, size, '0/10', '✔ 0 created', '10 remaining', '– users/s', 'ETA –', 'No rows');
		expect(frame).not.toContain('Failed (');
	});

	it('progress: a rollback counts deletes', async () => {
		const tasks = fakeTasks();
		tasks.rollback = {deleted: 3, gone: 0, kept: 0, failed: 1, total: 10};
		const {tui} = await mounted(atProgress('rollback'), size, {tasks});
		const frame = expectScreen(tui, size, 'Rolling back', '✔ 3 deleted   ✖ 1 failed   of 10');
		expect(flat(frame)).toContain('Every delete is journaled');
		tasks.rollback.deleted = 5;
		await tui.waitFor('5 deleted');
		await expectTooSmallThenBack(tui, size, '5 deleted');
	});
});
