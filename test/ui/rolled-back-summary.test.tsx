import {afterEach, describe, expect, it} from 'vitest';
import {hintsFor} from '../../source/ui/keymap.js';
import {keyContext} from '../../source/ui/state/key-context.js';
import type {Outcome} from '../../source/ui/state/wizard-state.js';
import {cleanupTui, keys} from './render-tui.js';
import {apply, atSummary, expectFits, flat, mountApp, noKey, outcome} from './wizard-fixtures.js';

afterEach(cleanupTui);

/* Rolled back: every user whose manager JumpCloud cleared can be reached, however many there are. */

const names = Array.from({length: 40}, (_, index) => `outside.user${String(index + 1).padStart(2, '0')}`);
const rolledBack = (cleared: string[], change: Partial<NonNullable<Outcome['rolledBack']>> = {}) =>
	atSummary(outcome({kind: 'rollback', counts: undefined, rolledBack: {deleted: 12, gone: 0, kept: 0, failed: 0, left: 0, clearedManagerOf: cleared, ...change}}));
const shownNames = (frame: string) => names.filter((name) => new RegExp(`\\b${name}\\b`).test(frame));

describe('the users whose manager was cleared', () => {
	for (const [columns, rows] of [
		[80, 24],
		[60, 15],
	] as const) {
		it(`are a list ↑↓ go through to the last name, the sentence and the rest whole (${columns}x${rows})`, async () => {
			const {tui} = mountApp(rolledBack(names, {failed: 1, left: 2, failure: 'JumpCloud answered 503 twice for one delete.'}), {columns, rows});
			await tui.waitFor('Rolled back');
			const first = tui.lastFrame();
			expectFits(first, columns, rows);
			expect(flat(first)).toContain('⚠ 40 users outside this import reported to a deleted user; JumpCloud cleared their manager:');
			expect(flat(first)).toContain('To finish: jc-import rollback 20261123-100000-abcd');
			expect(flat(first)).toContain('JumpCloud answered 503 twice for one delete.');
			// Not all fit: the list says which it shows, and the hints how to see the rest.
			expect(shownNames(first)[0]).toBe('outside.user01');
			expect(shownNames(first).length).toBeLessThan(names.length);
			expect(first).toMatch(/rows 1–\d+ of 40/);
			// At least three names at the smallest size, with a failure and the command to finish.
			expect(shownNames(first).length).toBeGreaterThanOrEqual(3);
			expect(first.split('\n').at(-1)).toContain('↑↓ names');

			const seen = new Set(shownNames(first));
			for (let press = 0; press < names.length; press++) {
				await tui.press(keys.down);
				for (const name of shownNames(tui.lastFrame())) seen.add(name);
				expectFits(tui.lastFrame(), columns, rows);
			}
			// Every name was on screen at some point; the last one is there now.
			expect([...seen].sort()).toEqual(names);
			expect(tui.lastFrame()).toContain('outside.user40');
			expect(tui.lastFrame()).toMatch(/rows \d+–40 of 40/);
			expect(flat(tui.lastFrame())).toContain('To finish: jc-import rollback 20261123-100000-abcd');

			await tui.press(keys.pageUp);
			await tui.press(keys.pageUp);
			await tui.press(keys.pageUp);
			await tui.press(keys.pageUp);
			expect(shownNames(tui.lastFrame())[0]).toBe('outside.user01');
		});
	}

	it('a few are shown whole, with no position line and the plain hints of a rollback', async () => {
		const {tui} = mountApp(rolledBack(['ann.outside', 'bob.outside']), {columns: 60, rows: 15});
		await tui.waitFor('Rolled back');
		expect(tui.lastFrame()).toContain('ann.outside');
		expect(tui.lastFrame()).toContain('bob.outside');
		expect(tui.lastFrame()).not.toMatch(/rows \d/);
		expect(flat(tui.lastFrame())).toContain('⚠ 2 users outside this import');
	});

	it('a name wider than the list is drawn whole under it while selected (60x15)', async () => {
		const long = `contractor.${'x'.repeat(60)}.emea@partners.example.com`;
		const {tui} = mountApp(rolledBack(['ann.outside', long, 'bob.outside']), {columns: 60, rows: 15});
		await tui.waitFor('Rolled back');
		expect(tui.lastFrame().replace(/\s+/g, '')).not.toContain(long);
		await tui.press(keys.down);
		const frame = tui.lastFrame();
		expectFits(frame, 60, 15);
		expect(frame.replace(/\s+/g, '')).toContain(long);
		expect(frame).toContain('bob.outside');
	});

	it('one is one user', async () => {
		const {tui} = mountApp(rolledBack(['ann.outside']), {columns: 80, rows: 24});
		await tui.waitFor('Rolled back');
		expect(flat(tui.lastFrame())).toContain('⚠ 1 user outside this import reported to a deleted user');
	});

	it('the keys: ↑↓ only when there are names; n and q as on any rolled-back summary', () => {
		const withNames = rolledBack(names);
		expect(keyContext(withNames)).toBe('summary.cleared');
		expect(hintsFor('summary.cleared').map((hint) => hint.label)).toEqual(['names', 'new import', 'quit', 'keys']);
		expect(keyContext(rolledBack([]))).toBe('summary.rolledBack');
		expect(hintsFor('summary.rolledBack').map((hint) => hint.label)).not.toContain('names');

		const down = {...noKey, downArrow: true};
		const moved = apply(withNames, ...Array.from({length: 50}, () => ({type: 'key' as const, input: '', key: down})));
		expect(moved.clearedCursor).toBe(39);
		expect(apply(moved, {type: 'key', input: '', key: {...noKey, home: true}}).clearedCursor).toBe(0);
		// n leaves the list behind: a later rollback starts at its first name.
		const fresh = apply(moved, {type: 'key', input: 'n', key: noKey});
		expect(fresh.step).toBe('file');
		expect(fresh.clearedCursor).toBeUndefined();
	});
});
