import './screen-env.js';
import {describe, expect, it, vi} from 'vitest';
import {keys} from '../render-tui.js';
import {atMapping, csvColumns, expectFits} from '../wizard-fixtures.js';
import {sizes, lineWith, mounted, expectTooSmallThenBack, expectScreen} from './screen-helpers.js';

describe.each(sizes)('every screen at $columns×$rows', (size) => {
	const wide = size.columns >= 80;

	it('mapping: columns, samples (passwords hidden), targets and confidence', async () => {
		const {tui} = await mounted(atMapping(), size);
		const frame = expectScreen(tui, size, 'Map columns', 'Column', 'Match', '❯ ✔ Email', 'First Name', 'first name', 'Ada, Alan', '100%', '↷ Badge', '— ignored', '✔ Every required attribute has a column.', 'Enter change');
		expect(lineWith(frame, 'Password')).toContain('********');
		expect(tui.frames.join('\n')).not.toMatch(/s3cret|hunter2/);
		expect(lineWith(frame, 'Badge')).not.toContain('%');
		expect(frame).toContain(wide ? 'JumpCloud attribute' : 'JumpCloud attrib');
		await expectTooSmallThenBack(tui, size, 'First Name');
	});

	it('mapping: the searchable picker changes a target', async () => {
		const {tui} = await mounted(atMapping(), size);
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.waitFor('becomes:');
		const picker = expectScreen(tui, size, 'Column “First Name” becomes:', 'Search:', 'Attribute', 'ignore this column', 'username', 'Enter choose', 'Esc cancel');
		expect(lineWith(picker, 'first name')).toMatch(/^ ❯ /);
		await tui.type('job');
		await tui.waitFor((shown) => !shown.includes('username'));
		const narrowed = expectScreen(tui, size, 'Search: job', '❯ job title');
		expect(narrowed).not.toContain('last name');
		await expectTooSmallThenBack(tui, size, 'job title');
		await tui.press(keys.enter);
		await tui.waitFor('Every required attribute');
		expect(lineWith(tui.lastFrame(), 'First Name')).toMatch(/job title\s+yours$/);
	});

	it('mapping: a custom attribute is named in a field and checked', async () => {
		const {tui} = await mounted(atMapping(), size);
		await tui.press(keys.pageDown);
		await tui.press('a');
		await tui.waitFor('Custom attribute name:');
		expectScreen(tui, size, 'Custom attribute name: Badge', 'Enter save name');
		await tui.type('!');
		await tui.press(keys.enter);
		await tui.waitFor('Letters and digits only');
		expectScreen(tui, size, 'Letters and digits only');
		await tui.press(keys.backspace);
		await tui.type('2');
		await tui.press(keys.enter);
		await tui.waitFor((shown) => !shown.includes('Custom attribute name'));
		expect(lineWith(tui.lastFrame(), 'Badge')).toMatch(wide ? /custom attribute Badge2\s+yours$/ : /custom attribut.*\s+yours$/);
		expectFits(tui.lastFrame(), size.columns, size.rows);
	});

	it('mapping: a missing required attribute is named and blocks continuing', async () => {
		const {tui, tasks} = await mounted(atMapping(), size);
		await tui.press('i');
		await tui.waitFor('Required and not mapped');
		expectScreen(tui, size, '✖ Required and not mapped: username, email');
		await tui.press('c');
		await tui.waitFor('Still missing');
		expectScreen(tui, size, 'Map columns', '✖ Still missing: username, email');
		expect(tasks.recorded).toEqual([]);
		await expectTooSmallThenBack(tui, size, 'Required and not mapped');
	});

	it('mapping: says when the mapping is the one saved for these headers; c saves and goes on', async () => {
		const {tui, tasks} = await mounted(atMapping(csvColumns, {kind: 'saved', savedAt: '2026-03-01T10:00:00.000Z'}), size);
		expectScreen(tui, size, 'Using the mapping you saved for these headers', wide ? 'on 2026-03-01.' : '');
		await tui.press('c');
		await tui.waitFor('Defaults for every user');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'save-mapping', mapping: expect.objectContaining({columns: expect.any(Array)}), headers: ['Email', 'First Name', 'Last Name', 'Password', 'Badge']}]));
	});
});
