import './screen-env.js';
import {describe, expect, it, vi} from 'vitest';
import {atSummary, counts, fakeTasks, flat, liveTarget, outcome, respondLikeWizard} from '../wizard-fixtures.js';
import {sizes, squash, mounted, expectTooSmallThenBack, expectScreen} from './screen-helpers.js';

describe.each(sizes)('every screen at $columns×$rows', (size) => {
	const wide = size.columns >= 80;

	it('summary: finished, with the report files and the same import as a command', async () => {
		const tasks = fakeTasks(respondLikeWizard());
		const {tui, controls} = await mounted(atSummary(outcome({counts: counts({failed: 1, created: 1}), failedPath: '/home/ada/imports/x/failed.csv'})), size, {tasks});
		const frame = expectScreen(tui, size, 'Import finished', '✔ 1 created', '↷ 1 skipped', '✖ 1 failed', 'Import 20261123-100000-abcd', 'Results:', 'Failed rows (fix and import again):', 'The same import in a script:', 'w write report');
		// Paths are whole, wrapped when long.
		expect(squash(frame)).toContain('Results:/home/ada/.local/share/jc-import/imports/20261123-100000-abcd/results.csv');
		expect(squash(frame)).toContain('Failedrows(fixandimportagain):/home/ada/imports/x/failed.csv');
		expect(flat(frame)).toContain('1 not sent (errors) 0 left');
		// At the minimum size the command is below the fold (it is printed again on quitting).
		if (wide) expect(squash(frame)).toContain('jc-importrun/data/people.csv--mapping/home/ada/.local/share/jc-import/imports/20261123-100000-abcd/mapping.json--sandbox--yes');
		expect(frame).not.toContain('Stopped');
		await expectTooSmallThenBack(tui, size, 'Import finished');
		await tui.press('w');
		await tui.waitFor('written /data/people.results');
		expectScreen(tui, size, '✔ written /data/people.results-', 'Written: /data/people.results');
		expect(squash(tui.lastFrame())).toContain('✔written/data/people.results-20261123-100000-abcd.csv');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'write-report'}]));
		await tui.press('q');
		await vi.waitFor(() => expect(controls.exitCode).toBe(1)); // a row failed
	});

	it('summary: stopped, with the whole resume command', async () => {
		const {tui, controls} = await mounted(atSummary(outcome({stopped: true, counts: counts({remaining: 300})}), liveTarget), size);
		const frame = expectScreen(tui, size, 'Import stopped', '300 left');
		expect(flat(frame)).toContain('⚠ Stopped: nothing is lost. u resumes it here (no user is created twice), or later: jc-import resume 20261123-100000-abcd');
		await expectTooSmallThenBack(tui, size, 'Import stopped');
		await tui.press('q');
		await vi.waitFor(() => expect(controls.exitCode).toBe(130));
	});

	it('summary: stopped in the sandbox resumes here only, never later by command', async () => {
		const {tui} = await mounted(atSummary(outcome({stopped: true, counts: counts({remaining: 3})})), size);
		const frame = expectScreen(tui, size, 'Import stopped');
		expect(flat(frame)).toContain('⚠ Stopped. u resumes it here (no user is created twice); the sandbox ends when you quit, so it cannot be resumed later.');
		expect(frame).not.toContain('jc-import resume');
	});

	it('summary: rolled back, and a rollback that stopped says how to finish it', async () => {
		const done = await mounted(atSummary(outcome({kind: 'rollback', counts: undefined, rolledBack: {deleted: 2, gone: 0, kept: 0, failed: 0, left: 0, clearedManagerOf: []}})), size);
		const frame = expectScreen(done.tui, size, 'Rolled back', '✔ 2 deleted   0 already gone   ✖ 0 failed   0 left', 'n starts a new import, q quits.');
		expect(frame).not.toContain('To finish');
		await expectTooSmallThenBack(done.tui, size, 'Rolled back');
		const stopped = await mounted(atSummary(outcome({kind: 'rollback', counts: undefined, stopped: true, rolledBack: {deleted: 1, gone: 1, kept: 1, failed: 1, left: 3, clearedManagerOf: []}})), size);
		expectScreen(stopped.tui, size, 'Rollback stopped', '✔ 1 deleted   1 already gone   ✖ 1 failed   3 left', '1 kept: this import cannot prove it made them', 'To finish: jc-import rollback 20261123-100000-abcd');
	});
});
