import './screen-env.js';
import {describe, expect, it, vi} from 'vitest';
import {keys} from '../render-tui.js';
import {atEncoding, flat} from '../wizard-fixtures.js';
import {sizes, pointedAt, mounted, expectTooSmallThenBack, expectScreen} from './screen-helpers.js';

describe.each(sizes)('every screen at $columns×$rows', (size) => {
	it('encoding check: the names decoded each way; the chosen one opens the file', async () => {
		const {tui, tasks} = await mounted(atEncoding(), size);
		const frame = expectScreen(tui, size, 'Which encoding', '❯ Windows-1252 (Western Europe, Excel on Windows)', 'José Núñez · Zoë Åberg', 'Mac Roman (old Mac Excel)', 'Jos√© N√∫√±ez', 'use this encoding');
		expect(flat(frame)).toContain('This file is not UTF-8. Which line shows the names correctly?');
		await expectTooSmallThenBack(tui, size, 'Mac Roman');
		await tui.press(keys.down);
		await tui.waitFor(pointedAt('Mac Roman'));
		await tui.press(keys.enter);
		await tui.waitFor('Reading the file…');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'open-file', path: '/data/people.csv', encoding: 'macintosh'}]));
	});
});
