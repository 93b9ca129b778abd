import {afterEach, describe, expect, it} from 'vitest';
import {ProgressTracker} from '../../source/importer/progress-tracker.js';
import type {RunCounts} from '../../source/importer/runner.js';
import {bodySize} from '../../source/ui/components/Frame.js';
import type {WizardState} from '../../source/ui/state/wizard-state.js';
import {cleanupTui} from './render-tui.js';
import {atProgress, expectFits, fakeTasks, mountApp, planOf} from './wizard-fixtures.js';

/* The import progress screen: what "created" counts, the steps after it, how many latest rows fit, and a pause. */

afterEach(cleanupTui);

const sizes = [
	{columns: 80, rows: 24},
	{columns: 60, rows: 15},
	{columns: 100, rows: 30},
] as const;

const zero = (rows: number): RunCounts => ({rows, created: 0, usersCreated: 0, skipped: 0, failed: 0, invalid: 0, remaining: rows, throttled: 0});
const lines = (frame: string) => frame.split('\n');
/** Rows of the Latest list: a glyph, a row number and a username. */
const latestRows = (frame: string) => lines(frame).filter((line) => /^ [✔↷✖] +\d+ {2}user\d+ /.test(line));

/** A run of 100 rows on a clock the test moves: `created` users made by JumpCloud, then their steps. */
function run(created: number, options: {memberships?: number; bindings?: number; activated?: number; finished?: number} = {}) {
	const clock = {now: 0};
	const tracker = new ProgressTracker({now: () => clock.now});
	tracker.track({type: 'started', rows: 100, toDo: 100, counts: zero(100), retryFailed: false}, 0);
	for (let row = 1; row <= created; row++) {
		const at = row * 100;
		const username = `user${row}`;
		tracker.track({type: 'row-started', row, username}, at - 50);
		tracker.track({type: 'row-created', row, username, userId: `id${row}`, reconciled: false}, at - 40);
		if (row <= (options.memberships ?? 0)) tracker.track({type: 'step-done', row, step: 'group:g1'}, at - 30);
		if (row <= (options.bindings ?? 0)) tracker.track({type: 'step-done', row, step: 'system:s1'}, at - 20);
		if (row <= (options.activated ?? 0)) tracker.track({type: 'step-done', row, step: 'activate'}, at - 10);
		if (row <= (options.finished ?? created)) tracker.track({type: 'row-done', row, username, userId: `id${row}`}, at);
	}
	clock.now = created * 100 + 100;
	return {tracker, clock};
}

async function mounted(tracker: ProgressTracker, size: {columns: number; rows: number}, state: WizardState = atProgress()) {
	const tasks = fakeTasks();
	tasks.tracker = tracker;
	const app = mountApp(state, {...size, tasks});
	await app.tui.waitFor((frame) => frame.includes('Importing'));
	return app.tui;
}

describe('the progress screen', () => {
	it('counts a user as created when JumpCloud created it; memberships, bindings and activations have their own counts', async () => {
		const {tracker} = run(40, {memberships: 38, bindings: 2, activated: 35, finished: 30});
		const tui = await mounted(tracker, {columns: 80, rows: 24});
		const frame = tui.lastFrame();
		expectFits(frame, 80, 24);
		// 40 users exist in JumpCloud; 30 rows have every step done, 70 are not finished.
		expect(frame).toContain('✔ 40 created   ↷ 0 skipped   ✖ 0 failed   70 remaining');
		expect(frame).toContain('after create: 38 group memberships · 2 device bindings · 35 activated');
		expect(frame).toContain(' 30/100');
	});

	it('names the steps the plan has even before any is done, and draws no steps line without any', async () => {
		const base = atProgress();
		const {tracker} = run(3);
		const noSteps = {...base, plan: planOf([])};
		const plain = await mounted(tracker, {columns: 80, rows: 24}, noSteps);
		expect(plain.lastFrame()).not.toContain('after create');
		expect(plain.lastFrame()).toContain('✔ 3 created');
		cleanupTui();

		const grouped = planOf([{row: 1, line: 2, username: 'a', email: 'a@example.com', action: 'create', finalState: 'ACTIVATED', groups: [{id: 'g1', name: 'Engineering'}], systems: [], issues: []}]);
		const withSteps = await mounted(run(3).tracker, {columns: 80, rows: 24}, {...base, plan: grouped});
		expect(withSteps.lastFrame()).toContain('after create: 0 group memberships · 0 activated');
	});

	it.each(sizes)('fills the height it has with the latest rows and says how many are kept, at $columns×$rows', async (size) => {
		const {tracker} = run(60);
		const tui = await mounted(tracker, size);
		const frame = tui.lastFrame();
		expectFits(frame, size.columns, size.rows);
		// Above the list: bar, counts, steps, state and (from 21 rows) a blank line; the list: title, header, rows and the kept line.
		const body = bodySize(size).rows;
		const fit = body - 4 - (size.rows >= 21 ? 1 : 0) - 3;
		expect(fit).toBe({24: 11, 15: 3, 30: 17}[size.rows]);
		const rows = latestRows(frame);
		expect(rows).toHaveLength(fit);
		expect(rows[0]).toMatch(/✔ +60 {2}user60 /);
		expect(frame).toContain(`latest ${fit} of 50 kept`);
		// Nothing below the kept line but blank lines and the key hints.
		const after = lines(frame).slice(lines(frame).findIndex((line) => line.includes('kept')) + 1);
		expect(after.filter((line) => line.trim() !== '')).toEqual([expect.stringContaining('p pause/resume')]);
	});

	it('draws every latest row when all fit, with no kept line', async () => {
		const {tracker} = run(3);
		const tui = await mounted(tracker, {columns: 80, rows: 24});
		expect(latestRows(tui.lastFrame())).toHaveLength(3);
		expect(tui.lastFrame()).not.toContain('kept');
	});

	it('keeps the latest rows and the failed ones on screen together, the failed rows first when short', async () => {
		const {tracker, clock} = run(20);
		for (let row = 21; row <= 25; row++) tracker.track({type: 'row-failed', row, username: `user${row}`, step: 'create', error: `HTTP 400 ${row}`}, clock.now);
		for (const size of sizes) {
			const tui = await mounted(tracker, size);
			const frame = tui.lastFrame();
			expectFits(frame, size.columns, size.rows);
			expect(frame).toContain('Failed (5)');
			// The failed rows take what they need, up to half of the room; the latest rows the rest.
			if (size.rows >= 24) expect(frame).toMatch(/latest \d+ of 25 kept/);
			else expect(frame).not.toContain('Latest');
			const failed = lines(frame).slice(lines(frame).findIndex((line) => line.includes('Failed (5)')));
			if (size.rows === 24) {
				expect(failed.slice(2, 6).map((line) => /user(\d+)/.exec(line)?.[1])).toEqual(['25', '24', '23', '22']);
				expect(frame).toContain('latest 4 of 25 kept');
			}
			if (size.rows === 30) {
				expect(failed.slice(2, 7).map((line) => /user(\d+)/.exec(line)?.[1])).toEqual(['25', '24', '23', '22', '21']);
				expect(frame).toContain('latest 9 of 25 kept');
			}
			cleanupTui();
		}
	});

	it('holds the rate and ETA still while paused, and goes on from them when resumed', async () => {
		const {tracker, clock} = run(50);
		const tui = await mounted(tracker, {columns: 80, rows: 24});
		const statusLine = () => lines(tui.lastFrame()).find((line) => line.includes('users/s')) ?? '';
		const rate = (line: string) => /([\d.]+) users\/s {3}ETA (\S+)/.exec(line)?.slice(1);
		const before = rate(statusLine());
		expect(before).toEqual(['9.8', '5s']);
		tracker.track({type: 'paused'}, clock.now);
		clock.now += 60_000;
		await tui.waitFor('elapsed 1m05s');
		expect(statusLine()).toContain('PAUSED (p resumes)');
		expect(rate(statusLine())).toEqual(before);
		tracker.track({type: 'resumed'}, clock.now);
		clock.now += 1000;
		await tui.waitFor('elapsed 1m06s');
		expect(statusLine()).toContain('✔ running');
		// A second of running with nothing finished: the window still holds the rows before the pause.
		expect(rate(statusLine())).toEqual(['8.2', '6s']);
	});
});
