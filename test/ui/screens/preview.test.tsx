import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanupTui, keys} from '../render-tui.js';
import {atPreview, fakeTasks, plan, planOf, planRow, respondLikeWizard, rowCells, taken} from '../wizard-fixtures.js';
import {sizes, lineWith, mounted, expectTooSmallThenBack, expectScreen} from './screen-helpers.js';

// Vitest workers have no TTY, so chalk would draw no colour at all and the NO_COLOR checks would
// pass for the wrong reason. Must run before Ink (and chalk) load.
vi.hoisted(() => {
	process.env.FORCE_COLOR = '1';
	// The connect screen's placeholder reads it.
	delete process.env.JC_API_KEY;
});

afterEach(cleanupTui);

describe.each(sizes)('every screen at $columns×$rows', (size) => {
	const wide = size.columns >= 80;

	it('preview: every row with its status glyph; f for errors only; / to search', async () => {
		const {tui} = await mounted(atPreview(), size);
		const frame = expectScreen(tui, size, 'Preview', '2 to create · 1 warning · 1 error · 1 exists', 'Row', 'Username', 'Email', '✔ create  ⚠ warning  ✖ error (not sent)', 'Enter open row');
		expect(lineWith(frame, 'user1')).toMatch(/^ ❯ ✔ +1 {2}user1/);
		expect(lineWith(frame, 'user2')).toMatch(/^ {3}✖ +2 {2}user2/);
		expect(lineWith(frame, 'user3')).toMatch(/^ {3}↷ +3 {2}user3/);
		expect(lineWith(frame, 'user4')).toMatch(/^ {3}⚠ +4 {2}user4/);
		expect(lineWith(frame, 'user2')).toContain('Email: no');
		expect(lineWith(frame, 'user1')).toContain(wide ? 'Engineering' : 'Engineeri');
		if (wide) expect(frame).toContain('↷ exists (skipped)');
		await expectTooSmallThenBack(tui, size, 'user4');
		await tui.press('f');
		await tui.waitFor('errors only');
		const errors = expectScreen(tui, size, 'Showing errors only: 1 row (Esc shows all)', 'user2');
		expect(errors).not.toMatch(/user[134]/);
		await tui.press('f');
		await tui.press('/');
		await tui.waitFor('Search:');
		await tui.type('odd');
		await tui.waitFor((shown) => !shown.includes('user1'));
		expectScreen(tui, size, 'Search: odd', 'user4');
		await tui.press(keys.enter);
		await tui.waitFor('Showing search');
		const searched = expectScreen(tui, size, 'Showing search “odd”: 1 row (Esc shows all)', '⚠');
		expect(searched).not.toMatch(/user[123]/);
		await tui.press('/');
		await tui.press(keys.escape);
		await tui.waitFor('user1');
		expect(tui.lastFrame()).not.toContain('Showing');
		// A search done, and the errors-only filter: Esc takes both away first, then goes back.
		await tui.press('/');
		await tui.type('odd');
		await tui.press(keys.enter);
		await tui.press('f');
		await tui.waitFor('Showing errors only, search');
		await tui.press(keys.escape);
		await tui.waitFor('user1');
		expectScreen(tui, size, 'Preview', 'user4');
		expect(tui.lastFrame()).not.toContain('Showing');
		await tui.press(keys.escape);
		await tui.waitFor('Defaults for every user');
	});

	it('preview: a row in detail, the password shown as hidden, a cell edited and checked again', async () => {
		const edited = planOf([planRow(1, 'create'), planRow(2, 'create'), planRow(3, 'skip'), planRow(4, 'create')]);
		const tasks = fakeTasks(respondLikeWizard({planFor: (task) => (task.edits.length > 0 ? edited : plan), cells: (row) => rowCells(row, 'Leaked-Pa55')}));
		const {tui} = await mounted(taken(atPreview()), size, {tasks});
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.waitFor('(hidden)');
		const detail = expectScreen(tui, size, 'Row 2 (line 3): not sent: it has errors', 'Column', 'Attribute', 'Value', 'not-an-email', '✖ Email: not an email address', 'edit cell', 'Esc close');
		expect(lineWith(detail, 'Password')).toMatch(/password\s+\(hidden\)$/);
		expect(lineWith(detail, 'Badge')).toContain('— ignored');
		expect(tui.frames.join('\n')).not.toContain('Leaked');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'load-row', row: 2, secret: [3]}]));
		// A password is never opened for editing.
		await tui.press(keys.down);
		await tui.press(keys.down);
		await tui.press('e');
		await tui.waitFor('Passwords are never shown or edited here');
		expect(tui.frames.join('\n')).not.toContain('Leaked');
		await tui.press(keys.up);
		await tui.press(keys.up);
		await tui.press('e');
		await tui.waitFor('New value for Email:');
		expectScreen(tui, size, 'New value for Email: not-an-email', 'save and re-check');
		await expectTooSmallThenBack(tui, size, 'New value for Email:');
		for (let i = 0; i < 'not-an-email'.length; i++) await tui.press(keys.backspace);
		await tui.type('fixed@example.com');
		await tui.press(keys.enter);
		await tui.waitFor('will be created');
		await tui.waitFor('fixed@example.com');
		const after = expectScreen(tui, size, 'Row 2 (line 3): will be created');
		expect(lineWith(after, 'Email  ')).toContain(wide ? 'fixed@example.com  (edited)' : 'fixed@example.com');
		await vi.waitFor(() => expect(tasks.recorded.map((task) => task.kind)).toEqual(['load-row', 'prepare', 'load-row']));
		await vi.waitFor(() => expect(tasks.recorded[1]).toMatchObject({kind: 'prepare', edits: [{row: 2, column: 0, value: 'fixed@example.com'}]}));
		expect(tui.frames.some((shown) => shown.includes('Checking the rows again…'))).toBe(true);
		await tui.press(keys.escape);
		await tui.waitFor('3 to create · 0 warnings · 0 errors · 1 exists');
		expectScreen(tui, size, 'user2');
	});
});
