import {afterEach, describe, expect, it} from 'vitest';
import {cleanupTui, keys} from './render-tui.js';
import {atPreview, expectFits, fakeTasks, mountApp, planOf, planRow, respondLikeWizard, taken} from './wizard-fixtures.js';

afterEach(cleanupTui);

/* A row open in the preview: the issue of the cell the cursor is on is never cut off. */

const squeezed = (text: string) => text.replace(/\s+/g, '');
const issue = (column: string | null, message: string) => ({row: 2, line: 3, column, severity: 'error' as const, message});
// Four lines at 58 columns, more than the room beside three cells at 60x15.
const badge = 'created without a badge: B-2 is neither a badge the directory knows nor one of this file, and the badge column of this file is checked against every badge JumpCloud holds';
const issues = [issue('Email', 'not-an-email is not an email address'), issue('Badge', badge)];
const rows = planOf([planRow(1, 'create'), planRow(2, 'invalid', {issues}), planRow(3, 'create')]);

describe('a row open in the preview at 60x15', () => {
	it('the cursor on a cell with a long issue: the cells give up rows, and the issue is whole', async () => {
		const tasks = fakeTasks(respondLikeWizard({planFor: () => rows}));
		const {tui} = mountApp(taken(atPreview(rows)), {columns: 60, rows: 15, tasks});
		await tui.waitFor('Preview');
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.waitFor('(hidden)');
		// Down to the Badge cell (the fourth).
		for (let step = 0; step < 3; step++) await tui.press(keys.down);
		const frame = tui.lastFrame();
		expectFits(frame, 60, 15);
		expect(frame.split('\n').find((line) => line.startsWith(' ❯ '))).toContain('Badge');
		expect(squeezed(frame)).toContain(squeezed(`✖ Badge: ${badge}`));
		expect(frame).not.toContain('(cut)');
	});
});
