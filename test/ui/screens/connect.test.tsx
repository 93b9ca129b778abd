import './screen-env.js';
import {describe, expect, it, vi} from 'vitest';
import {keys} from '../render-tui.js';
import {atConnect, fakeTasks, flat, respondLikeWizard} from '../wizard-fixtures.js';
import {sizes, lineWith, mounted, expectTooSmallThenBack, expectScreen} from './screen-helpers.js';

describe.each(sizes)('every screen at $columns×$rows', (size) => {
	it('connect, sandbox: says it is simulated; Enter starts it and goes on to the file', async () => {
		const tasks = fakeTasks(respondLikeWizard());
		const {tui} = await mounted(atConnect('sandbox'), size, {tasks});
		const frame = expectScreen(tui, size, 'Connect', 'Where should the users go?', '❯ Target: ‹ the sandbox ›', '[ Connect ]', 'Enter connect');
		expect(flat(frame)).toContain('A simulated JumpCloud on this machine: nothing real is touched, and it is gone when you quit.');
		expect(frame).not.toContain('API key');
		await expectTooSmallThenBack(tui, size, 'Where should the users go?');
		await tui.press(keys.enter);
		await vi.waitFor(() => expect(tasks.recorded[0]).toMatchObject({kind: 'connect', form: {mode: 'sandbox'}}));
		expect(tui.frames.some((shown) => shown.includes('Starting the sandbox…'))).toBe(true);
		await tui.waitFor('people.csv');
		expectScreen(tui, size, 'Choose a CSV file', 'SANDBOX');
		await vi.waitFor(() => expect(tasks.recorded.map((task) => task.kind)).toEqual(['connect', 'list-folder']));
	});

	it('connect, org: the key is masked, never drawn; a bad org id is explained; Enter connects', async () => {
		const {tui, tasks} = await mounted(atConnect('jumpcloud'), size);
		expectScreen(tui, size, 'Target: ‹ a JumpCloud organization ›', '❯ API key:', 'Org id:', 'Region:', '‹ US ›', '[ Connect ]', 'Esc leave field');
		expect(flat(tui.lastFrame())).toContain('The key is kept in memory only: never written to disk or shown.');
		await tui.type('sk-secret-42');
		await tui.waitFor('************');
		expectScreen(tui, size, '❯ API key: ************');
		// Out of the field, still masked.
		await tui.press(keys.escape);
		await tui.waitFor((shown) => !shown.includes('❯ API key'));
		expect(lineWith(tui.lastFrame(), 'API key:')).toMatch(/^ {3}API key: \*{12}$/);
		await tui.press(keys.down);
		await tui.waitFor('❯ Org id:');
		await tui.type('xyz');
		await tui.press(keys.enter);
		await tui.waitFor('24 hexadecimal');
		expectScreen(tui, size, '✖ An org id is 24 hexadecimal');
		expect(tasks.recorded).toEqual([]);
		await tui.press(keys.enter); // back into the field
		for (let i = 0; i < 3; i++) await tui.press(keys.backspace);
		await tui.type('5f3c9e2a1b4d6f8e0a2c4e6f');
		await tui.press(keys.escape);
		await tui.press(keys.down);
		await tui.waitFor('❯ Region:');
		await tui.press(keys.right);
		await tui.waitFor('‹ EU ›');
		await tui.press(keys.down);
		await tui.waitFor((shown) => /❯ +\[ Connect \]/.test(shown));
		await tui.press(keys.enter);
		await tui.waitFor('Checking the key…');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'connect', form: expect.objectContaining({mode: 'jumpcloud', apiKey: 'sk-secret-42', orgId: '5f3c9e2a1b4d6f8e0a2c4e6f', region: 'eu'}), resumeId: undefined}]));
		expect(tui.frames.join('\n')).not.toContain('secret');
		await expectTooSmallThenBack(tui, size, 'Checking the key…');
		expect(tui.frames.join('\n')).not.toContain('secret');
	});
});

describe('fixed after the screen tests found them', () => {
	it('Tab from the key field lands in the org id field, ready for typing', async () => {
		const {tui} = await mounted(atConnect('jumpcloud'), sizes[0]);
		await tui.type('sk-1');
		await tui.press(keys.tab);
		await tui.waitFor('❯ Org id:', 500);
	});
});
