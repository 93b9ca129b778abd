import {afterEach, expect} from 'vitest';
import {ProgressTracker} from '../../../source/importer/progress-tracker.js';
import type {RunCounts} from '../../../source/importer/runner.js';
import type {WizardState} from '../../../source/ui/state/wizard-state.js';
import type {Theme} from '../../../source/ui/theme.js';
import {cleanupTui, keys, type Tui} from '../render-tui.js';
import {expectFits, flat, mountApp, type FakeTasks, type Mounted} from '../wizard-fixtures.js';

// Every screen test unmounts what it drew (each imports this file).
afterEach(cleanupTui);

/**
 * What the per-screen tests share: the two terminal sizes every screen is drawn at, mounting the
 * real <App> at a size, and the checks every screen meets (fits, too small and back).
 */

export const sizes = [
	{columns: 80, rows: 24},
	{columns: 60, rows: 15},
] as const;
export type Size = (typeof sizes)[number];

export const endKey = '\u001B[F';
export const ctrlC = keys.ctrlC;
export const lines = (frame: string) => frame.split('\n');
/** The table row holding a text has the pointer. */
export const pointedAt = (text: string) => (frame: string) => lineWith(frame, text).startsWith(' ❯ ');
/** Without any whitespace: a path or command wrapped over lines reads whole again. */
export const squash = (frame: string) => frame.replace(/\s+/g, '');
/** The line a text is on (first match). */
export const lineWith = (frame: string, text: string) => lines(frame).find((line) => line.includes(text)) ?? '';
export const sgr = /\u001B\[[\d;]*m/g;
// Control characters except the newlines between lines (ESC included).
export const controlExceptNewline = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

export async function mounted(state: WizardState, size: Size, options: {theme?: Theme; tasks?: FakeTasks} = {}): Promise<Mounted> {
	const app = mountApp(state, {...size, ...options});
	await app.tui.waitFor((frame) => frame.length > 0);
	return app;
}

/** Below the minimum the frame says so (and only that), then the screen comes back as it was. */
export async function expectTooSmallThenBack(tui: Tui, size: Size, still: string): Promise<void> {
	await tui.resize(50, 12);
	const small = tui.lastFrame();
	expect(flat(small)).toContain('Terminal too small: need 60×15, have 50×12');
	expect(small).not.toContain(still);
	expectFits(small, 50, 12);
	await tui.resize(size.columns, size.rows);
	await tui.waitFor(still);
	expectFits(tui.lastFrame(), size.columns, size.rows);
}

/** The screen as drawn: fits, and shows each text. */
export function expectScreen(tui: Tui, size: Size, ...texts: string[]): string {
	const frame = tui.lastFrame();
	expectFits(frame, size.columns, size.rows);
	for (const text of texts) expect(frame, `"${text}" missing`).toContain(text);
	return frame;
}

/** A tracker fed a synthetic run: 35 of 100 rows finished in 10 s (30 created, 2 skipped, 3 failed). */
export function trackedRun(): {tracker: ProgressTracker; clock: {now: number}} {
	const clock = {now: 0};
	const tracker = new ProgressTracker({now: () => clock.now});
	const zero: RunCounts = {rows: 100, created: 0, usersCreated: 0, skipped: 0, failed: 0, invalid: 0, remaining: 100, throttled: 0};
	tracker.track({type: 'started', rows: 100, toDo: 100, counts: zero, retryFailed: false}, 0);
	for (let row = 1; row <= 35; row++) {
		const at = row * 250;
		const username = `user${row}`;
		tracker.track({type: 'row-started', row, username}, at - 100);
		if (row <= 30) {
			tracker.track({type: 'row-created', row, username, userId: `id${row}`, reconciled: false}, at - 50);
			tracker.track({type: 'row-done', row, username, userId: `id${row}`}, at);
		} else if (row <= 32) {
			tracker.track({type: 'row-skipped', row, username, reason: 'already exists'}, at);
		} else {
			tracker.track({type: 'row-failed', row, username, step: 'create', error: `HTTP 400: email taken ${row}`}, at);
		}
	}
	clock.now = 10_000;
	return {tracker, clock};
}

export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
