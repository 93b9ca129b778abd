import {afterEach, describe, expect, it, vi} from 'vitest';
import type {WizardState} from '../../source/ui/state/wizard-state.js';
import {cleanupTui, keys} from './render-tui.js';
import {atSummary, counts, expectFits, fakeTasks, flat, liveTarget, mountApp, outcome, respondLikeWizard, sandboxTarget, type FakeTasks} from './wizard-fixtures.js';

vi.hoisted(() => {
	delete process.env.JC_API_KEY;
});
afterEach(cleanupTui);

/* The summary of a stopped import offers u: the import resumed right here, through Confirm. */

const id = '20261123-100000-abcd';
const stopped = (change: Parameters<typeof counts>[0] = {remaining: 300}) => outcome({stopped: true, counts: counts(change)});

async function shown(state: WizardState, columns: number, rows: number, tasks: FakeTasks = fakeTasks(respondLikeWizard())) {
	const app = mountApp(state, {columns, rows, tasks});
	await app.tui.waitFor((frame) => frame.length > 0);
	expectFits(app.tui.lastFrame(), columns, rows);
	return app;
}

const resumes = (tasks: FakeTasks) => tasks.recorded.filter((task) => task.kind === 'prepare-resume');

for (const [columns, rows] of [
	[80, 24],
	[60, 15],
] as const) {
	describe(`at ${columns}×${rows}`, () => {
		it('u on a stopped import resumes it here: Confirm says what is left, Esc comes back, y runs the resume', async () => {
			const {tui, tasks} = await shown(atSummary(stopped(), liveTarget), columns, rows);
			expect(flat(tui.lastFrame())).toContain(`u resumes it here (no user is created twice), or later: jc-import resume ${id}`);
			await tui.press('u');
			await tui.waitFor('y start the import');
			expectFits(tui.lastFrame(), columns, rows);
			expect(tui.lastFrame().split('\n')[0]).toMatch(/^ Confirm /);
			expect(flat(tui.lastFrame())).toContain(`Resume import ${id}: 2 users created before, 300 left to create; nothing is created twice`);
			expect(resumes(tasks)).toEqual([{kind: 'prepare-resume', id}]);

			await tui.press(keys.escape);
			await tui.waitFor('Import stopped');
			expectFits(tui.lastFrame(), columns, rows);
			expect(flat(tui.lastFrame())).toContain('u resumes it here');

			await tui.press('u');
			await tui.waitFor('y start the import');
			await tui.press('y');
			await vi.waitFor(() => expect(tasks.recorded.at(-1)).toEqual({kind: 'run', run: 'resume'}));
			// The same import each time: no new import is started.
			expect(resumes(tasks)).toEqual([{kind: 'prepare-resume', id}, {kind: 'prepare-resume', id}]);
		});

		it('a sandbox import is resumed here too (its sandbox runs as long as the wizard), never later', async () => {
			const {tui, tasks} = await shown(atSummary(stopped({remaining: 3}), sandboxTarget), columns, rows);
			const frame = flat(tui.lastFrame());
			expect(frame).toContain('u resumes it here (no user is created twice); the sandbox ends when you quit, so it cannot be resumed later.');
			expect(frame).not.toContain('jc-import resume');
			await tui.press('u');
			await tui.waitFor('y start the import');
			expectFits(tui.lastFrame(), columns, rows);
			expect(resumes(tasks)).toEqual([{kind: 'prepare-resume', id}]);
		});

		it('a resume that cannot be prepared says why on this summary', async () => {
			const tasks = fakeTasks((task, dispatch) => {
				if (task.kind === 'prepare-resume') dispatch({type: 'task-failed', message: '/data/people.csv changed since import began'});
			});
			const {tui} = await shown(atSummary(stopped(), liveTarget), columns, rows, tasks);
			await tui.press('u');
			await tui.waitFor('changed since import began');
			expectFits(tui.lastFrame(), columns, rows);
			expect(tui.lastFrame().split('\n')[0]).toMatch(/^ Import stopped /);
		});

		it('not offered when nothing is left, nor after a finished import: u says why and starts nothing', async () => {
			const empty = await shown(atSummary(stopped({remaining: 0}), liveTarget), columns, rows);
			expect(flat(empty.tui.lastFrame())).toContain('Stopped, with no row left to create: there is nothing to resume.');
			expect(empty.tui.lastFrame()).not.toContain('u resumes');
			await empty.tui.press('u');
			await empty.tui.waitFor('No row left to create: nothing to resume.');
			expectFits(empty.tui.lastFrame(), columns, rows);
			expect(resumes(empty.tasks)).toEqual([]);

			const finished = await shown(atSummary(outcome({counts: counts({failed: 1})}), liveTarget), columns, rows);
			expect(finished.tui.lastFrame()).not.toContain('u resumes');
			await finished.tui.press('u');
			await finished.tui.waitFor('Finished: nothing to resume; r retries the failed rows.');
			expectFits(finished.tui.lastFrame(), columns, rows);
			expect(resumes(finished.tasks)).toEqual([]);
		});

		it('not offered after a rollback: u does nothing there', async () => {
			const rolledBack = outcome({kind: 'rollback', counts: undefined, stopped: true, rolledBack: {deleted: 1, gone: 0, kept: 0, failed: 0, left: 3, clearedManagerOf: []}});
			const {tui, tasks} = await shown(atSummary(rolledBack, liveTarget), columns, rows);
			const before = tui.lastFrame();
			expect(before).not.toContain('u resumes');
			await tui.press('u');
			await tui.press('?');
			await tui.waitFor('Keys on this screen');
			expect(tui.lastFrame()).not.toContain('resume it here');
			expect(resumes(tasks)).toEqual([]);
		});
	});
}
