import './screen-env.js';
import {describe, expect, it} from 'vitest';
import type {WizardState} from '../../../source/ui/state/wizard-state.js';
import {asciiFold, type Theme} from '../../../source/ui/theme.js';
import {keys, type Tui} from '../render-tui.js';
import {asciiTheme, atConfirm, atConnect, atDefaults, atEncoding, atFile, atMapping, atPreview, atProgress, atResumeOffer, atSummary, csvColumns, fakeTasks, flat, liveTarget, noColorTheme, outcome, respondLikeWizard, taken, unicodeTheme, type FakeTasks} from '../wizard-fixtures.js';
import {sizes, type Size, endKey, lines, lineWith, sgr, mounted, trackedRun} from './screen-helpers.js';

// ---- whole-wizard properties: ASCII, NO_COLOR, hostile CSV text, wide characters ----

type Scene = {name: string; state: () => WizardState; tasks?: () => FakeTasks; steps?: (tui: Tui, tasks: FakeTasks) => Promise<void>};

/** Every screen and the modes inside it, each with its status lines (busy, error). */
const scenes: Scene[] = [
	{name: 'resume offer', state: atResumeOffer, steps: async (tui) => {
		await tui.press('?');
		await tui.press(keys.escape);
		await tui.press(keys.enter);
	}},
	{name: 'connect sandbox', state: () => atConnect('sandbox'), steps: async (tui) => {
		await tui.press(keys.enter);
	}},
	{name: 'connect org', state: () => atConnect('jumpcloud'), steps: async (tui) => {
		await tui.press(keys.enter); // no key yet: an error
		await tui.type('abc');
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.type('zz');
		await tui.press(keys.enter);
		await tui.press(keys.escape);
		await tui.press('?');
	}},
	{name: 'file', state: () => atFile(), steps: async (tui) => {
		await tui.press('?');
		await tui.press(keys.escape);
		await tui.type('zzz');
		await tui.press(keys.backspace);
		await tui.press(keys.backspace);
		await tui.press(keys.backspace);
		await tui.press(keys.enter);
	}},
	{name: 'mapping', state: () => atMapping(), steps: async (tui) => {
		await tui.press('?');
		await tui.press(keys.escape);
		await tui.press(keys.enter);
		await tui.press(endKey); // custom attribute…
		await tui.type('job');
		await tui.press(keys.escape);
		await tui.press('a');
		await tui.type('!');
		await tui.press(keys.enter);
		await tui.press(keys.escape);
		await tui.press('i');
		await tui.press('c');
	}},
	{name: 'mapping, saved', state: () => atMapping(csvColumns, {kind: 'saved', savedAt: '2026-03-01T10:00:00.000Z'})},
	{name: 'defaults', state: atDefaults, steps: async (tui) => {
		await tui.press('?');
		await tui.press(keys.escape);
		await tui.press(keys.right);
		await tui.press(keys.down);
		await tui.press(keys.right);
		await tui.press(keys.right);
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.type('x');
		await tui.press(keys.enter);
		await tui.press(keys.escape);
		await tui.press('c');
	}},
	{name: 'defaults, MFA and groups', state: atDefaults, steps: async (tui) => {
		await tui.press(keys.down);
		await tui.press(keys.right);
		await tui.press(keys.down);
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.type('sal');
		await tui.press(keys.enter);
		await tui.press(keys.escape);
		await tui.press('c');
	}},
	{name: 'preview', state: () => taken(atPreview()), tasks: () => fakeTasks(respondLikeWizard()), steps: async (tui) => {
		await tui.press('?');
		await tui.press(keys.escape);
		await tui.press('f');
		await tui.press('f');
		await tui.press('/');
		await tui.type('odd');
		await tui.press(keys.enter);
		await tui.press('/');
		await tui.press(keys.escape);
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.waitFor('(hidden)');
		await tui.press(keys.down);
		await tui.press(keys.down);
		await tui.press('e');
		await tui.press(keys.up);
		await tui.press(keys.up);
		await tui.press('e');
		await tui.press(keys.escape);
		await tui.press(keys.escape);
		await tui.press('c');
	}},
	{name: 'confirm, live org', state: () => atConfirm(liveTarget)},
	{name: 'progress', state: () => atProgress(), tasks: () => {
		const tasks = fakeTasks();
		tasks.tracker = trackedRun().tracker;
		return tasks;
	}, steps: async (tui, tasks) => {
		tasks.tracker.track({type: 'stopping', hard: false}, 10_000);
		await tui.waitFor('STOPPING');
		await tui.press('?');
	}},
	{name: 'progress, nothing yet', state: () => atProgress()},
	{name: 'rollback progress', state: () => atProgress('rollback')},
	{name: 'summary', state: () => atSummary(outcome({stopped: true, failedPath: '/x/failed.csv'}), liveTarget), tasks: () => fakeTasks(respondLikeWizard()), steps: async (tui) => {
		await tui.press('w');
		await tui.waitFor('written');
		await tui.press('r');
		await tui.press('b');
		await tui.waitFor('Delete the');
	}},
	{name: 'summary, rolled back', state: () => atSummary(outcome({kind: 'rollback', counts: undefined, stopped: true, rolledBack: {deleted: 1, gone: 1, kept: 1, failed: 1, left: 3, clearedManagerOf: []}}))},
];

/** Runs a scene, returning every frame it drew (raw, with escape codes). */
async function play(scene: Scene, theme: Theme, size: {columns: number; rows: number} = sizes[0]): Promise<Tui> {
	const tasks = scene.tasks?.() ?? fakeTasks();
	const {tui} = await mounted(scene.state(), size as Size, {theme, tasks});
	await scene.steps?.(tui, tasks);
	await tui.resize(50, 12);
	return tui;
}

const nonAscii = (text: string) => [...new Set([...text].filter((char) => char > '\u007E'))];

// In ASCII mode run-wizard's screen writer folds each frame with asciiFold on its way out: the
// screens draw the theme's ASCII glyphs, the fold takes the typography. Both together are checked.

describe('the ASCII theme', () => {
	it('an error on the status line is ASCII too', async () => {
		const {tui} = await mounted(atMapping(), sizes[0], {theme: asciiTheme});
		await tui.press('i');
		await tui.press('c');
		await tui.waitFor('Still missing');
		expect(nonAscii(asciiFold(tui.lastFrame()))).toEqual([]);
	});

	it.each(scenes.map((scene) => [scene.name, scene] as const))('%s draws nothing but ASCII', async (_name, scene) => {
		const tui = await play(scene, asciiTheme);
		const drawn = asciiFold(tui.frames.join('\n'));
		expect(tui.frames.length).toBeGreaterThan(1);
		expect(nonAscii(drawn), drawn).toEqual([]);
		expect(flat(asciiFold(tui.lastFrame()))).toContain('Terminal too small: need 60x15, have 50x12');
	});

	it('keeps characters that come from the data (encoding samples)', async () => {
		const {tui} = await mounted(atEncoding(), sizes[0], {theme: asciiTheme});
		const samples = new Set(nonAscii('José Núñez Zoë Åberg François Côté Jos√© N√∫√±ez Zo√´ √Öberg Fran√ßois C√¥t√©'));
		const frame = asciiFold(tui.lastFrame());
		expect(frame).toContain('José Núñez');
		expect(nonAscii(frame).filter((char) => !samples.has(char))).toEqual([]);
	});

	it('is a real check: the Unicode theme draws its glyphs', async () => {
		const tui = await play(scenes.find((scene) => scene.name === 'preview')!, unicodeTheme);
		expect(nonAscii(tui.frames.join('\n'))).toEqual(expect.arrayContaining(['❯', '✔', '✖', '─']));
	});
});

describe('NO_COLOR (the no-colour theme)', () => {
	it.each(scenes.map((scene) => [scene.name, scene] as const))('%s draws no SGR code at all', async (_name, scene) => {
		const tui = await play(scene, noColorTheme);
		const raw = tui.rawFrames.join('\n');
		expect(raw).not.toMatch(sgr);
		expect(raw).not.toContain('\u001B');
		// Status is never colour alone.
		expect(tui.frames.length).toBeGreaterThan(1);
	});

	it('is a real check: the colour theme does draw SGR codes', async () => {
		const tui = await play(scenes.find((scene) => scene.name === 'file')!, unicodeTheme);
		expect(tui.rawFrames.join('\n')).toMatch(sgr);
	});

	it('marks the sandbox with brackets, selection with the pointer, status with glyphs', async () => {
		const {tui} = await mounted(atPreview(), sizes[0], {theme: noColorTheme});
		const frame = tui.lastFrame();
		expect(lines(frame)[0]).toMatch(/\[SANDBOX\]$/);
		expect(lineWith(frame, 'user1')).toMatch(/^ ❯ ✔/);
		expect(lineWith(frame, 'user2')).toContain('✖');
	});
});
