import './screen-env.js';
import {describe, expect, it} from 'vitest';
import {keys} from '../render-tui.js';
import {atResumeOffer, flat} from '../wizard-fixtures.js';
import {sizes, pointedAt, lineWith, mounted, expectTooSmallThenBack, expectScreen} from './screen-helpers.js';

describe.each(sizes)('every screen at $columns×$rows', (size) => {
	it('resume offer: the unfinished imports with what is done and left; Enter resumes, n starts anew', async () => {
		const {tui, tasks} = await mounted(atResumeOffer(), size);
		const frame = expectScreen(tui, size, 'Unfinished import', '2 imports did not finish', '2026-11-23 10:00', '2026-11-20 09:00', 'Created', 'Left', 'Failed', 'resume it', 'new import');
		expect(flat(frame)).toContain('Resume one (no user is created twice), or start a new import.');
		expect(lineWith(frame, '2026-11-23')).toMatch(/^ ❯ .*people.*\s120\s+380\s+3$/);
		expect(lineWith(frame, '2026-11-20')).toMatch(/contra.*\s4\s+\?\s+0$/);
		await tui.press(keys.down);
		await tui.waitFor(pointedAt('2026-11-20'));
		await expectTooSmallThenBack(tui, size, '2 imports did not finish');
		await tui.press(keys.enter);
		// No key known: the form asks for it, cursor in the key field.
		await tui.waitFor('API key:');
		expectScreen(tui, size, 'Connect', '❯ API key:', 'leave field');
		expect(tasks.recorded).toEqual([]);

		const fresh = await mounted(atResumeOffer(), size);
		await fresh.tui.press('n');
		await fresh.tui.waitFor('Where should the users go?');
		expectScreen(fresh.tui, size, 'Connect');
	});
});
