import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanupTui} from '../render-tui.js';
import {apply, atDefaults, expectFits, flat} from '../wizard-fixtures.js';
import {sizes, lines, mounted} from './screen-helpers.js';

// Vitest workers have no TTY, so chalk would draw no colour at all and the NO_COLOR checks would
// pass for the wrong reason. Must run before Ink (and chalk) load.
vi.hoisted(() => {
	process.env.FORCE_COLOR = '1';
	// The connect screen's placeholder reads it.
	delete process.env.JC_API_KEY;
});

afterEach(cleanupTui);

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
