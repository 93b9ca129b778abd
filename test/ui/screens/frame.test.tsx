import './screen-env.js';
import {describe, expect, it} from 'vitest';
import {apply, atDefaults, expectFits, flat} from '../wizard-fixtures.js';
import {sizes, lines, mounted} from './screen-helpers.js';

describe('the frame around every screen', () => {
	it('keeps the status line for the status: a body too tall is clipped above it, and a status does not move the body', async () => {
		const size = sizes[1];
		// Activated users with the default emails: six fields and a four-line sentence, more than 60×15 holds.
		const state = apply(atDefaults(), {type: 'command', command: 'right'}, {type: 'command', command: 'down'}, {type: 'command', command: 'right'});
		const {tui, dispatch} = await mounted(state, size);
		expect(flat(tui.lastFrame())).toContain('Users are activated: a user with a password');
		const before = lines(tui.lastFrame());
		expect(before.at(-2)?.trim()).toBe('');
		expect(before.at(-1)).toContain('c continue');
		dispatch({type: 'task-failed', message: 'Disk full'});
		await tui.waitFor('Disk full');
		const after = lines(tui.lastFrame());
		expect(after.at(-2)).toBe(' ✖ Disk full');
		expect(after.slice(0, -2)).toEqual(before.slice(0, -2));
		expectFits(tui.lastFrame(), size.columns, size.rows);
	});
});
