import './screen-env.js';
import {describe, expect, it, vi} from 'vitest';
import {keys} from '../render-tui.js';
import {apply, atFile, folderEntries} from '../wizard-fixtures.js';
import {sizes, pointedAt, lineWith, mounted, expectTooSmallThenBack, expectScreen} from './screen-helpers.js';

describe.each(sizes)('every screen at $columns×$rows', (size) => {
	it('file browser: folder, kinds and sizes; typing filters; Enter opens the file', async () => {
		const {tui, tasks} = await mounted(atFile(), size);
		const frame = expectScreen(tui, size, 'Choose a CSV file', '/data', 'Filter:', 'archive/', 'contractors.csv', 'people.csv', 'notes.txt', '2.0 KB', '5.2 MB', '12 B', 'folder', 'CSV', 'Enter open');
		expect(lineWith(frame, 'Filter:')).toContain('type to filter');
		expect(lineWith(frame, '..')).toMatch(/^ ❯ \.\./);
		await expectTooSmallThenBack(tui, size, 'contractors.csv');
		await tui.type('peo');
		await tui.waitFor((shown) => !shown.includes('contractors.csv'));
		const filtered = expectScreen(tui, size, 'Filter: peo', 'people.csv', '..');
		expect(filtered).not.toContain('notes.txt');
		expect(filtered).not.toContain('archive/');
		await tui.press(keys.down);
		await tui.waitFor(pointedAt('people.csv'));
		await tui.press(keys.enter);
		await tui.waitFor('Reading the file…');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'open-file', path: '/data/people.csv', encoding: undefined}]));

		// `..` always stays; at the top of the disk there is none, and nothing may match.
		const empty = await mounted(apply(atFile(), {type: 'folder-listed', dir: '/', entries: folderEntries.slice(1)}), size);
		await empty.tui.type('zzz');
		await empty.tui.waitFor('Nothing matches');
		expectScreen(empty.tui, size, 'Nothing matches');
	});
});

describe('fixed after the screen tests found them', () => {
	it('? opens the help on the file screen, whose filter takes every other key', async () => {
		const {tui} = await mounted(atFile(), sizes[0]);
		await tui.press('?');
		await tui.waitFor('Keys on this screen', 500);
	});
});
