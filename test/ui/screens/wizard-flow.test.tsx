import './screen-env.js';
import {describe, expect, it, vi} from 'vitest';
import {keys} from '../render-tui.js';
import {atConnect, atPreview, fakeTasks, outcome, respondLikeWizard} from '../wizard-fixtures.js';
import {sizes, lineWith, mounted} from './screen-helpers.js';

describe('the wizard end to end, by keys alone', () => {
	it('sandbox → file → mapping → defaults → preview → confirm → progress → summary', async () => {
		const tasks = fakeTasks(respondLikeWizard());
		const {tui, dispatch, controls} = await mounted(atConnect('sandbox'), sizes[0], {tasks});
		await tui.press(keys.enter);
		await tui.waitFor('people.csv');
		await tui.type('people');
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.waitFor('Map columns');
		await tui.press('c');
		await tui.waitFor('Defaults for every user');
		await tui.press('c');
		await tui.waitFor('2 to create ·');
		await tui.press('c');
		await tui.waitFor('Where     the SANDBOX');
		await tui.press('y');
		await tui.waitFor('Importing');
		dispatch({type: 'run-finished', outcome: outcome()});
		await tui.waitFor('Import finished');
		await vi.waitFor(() => expect(tasks.recorded.map((task) => task.kind)).toEqual(['connect', 'list-folder', 'open-file', 'save-mapping', 'prepare', 'refresh-plan', 'run']));
		// Esc on the summary goes nowhere: the run is over.
		await tui.press(keys.escape);
		expect(tui.lastFrame()).toContain('Import finished');
		await tui.press('q');
		await vi.waitFor(() => expect(controls.exitCode).toBe(1)); // a row was not sent
	});

	it('Esc walks back through the steps with every choice kept', async () => {
		const {tui} = await mounted(atPreview(), sizes[0]);
		await tui.press(keys.escape);
		await tui.waitFor('Defaults for every user');
		await tui.press(keys.escape);
		await tui.waitFor('Map columns');
		await tui.press(keys.down);
		await tui.press('i');
		await tui.waitFor((frame) => /First Name.*— ignored/.test(frame));
		await tui.press('c');
		await tui.waitFor('Defaults for every user');
		await tui.press(keys.escape);
		await tui.waitFor('Map columns');
		expect(lineWith(tui.lastFrame(), 'First Name')).toContain('— ignored');
	});
});
