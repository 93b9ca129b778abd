import './screen-env.js';
import {describe, expect, it} from 'vitest';
import {helpFor, type KeyContext} from '../../../source/ui/keymap.js';
import type {WizardState} from '../../../source/ui/state/wizard-state.js';
import {keys} from '../render-tui.js';
import {atConfirm, atConnect, atDefaults, atEncoding, atMapping, atPreview, atProgress, atResumeOffer, atSummary, flat} from '../wizard-fixtures.js';
import {sizes, lines, mounted, expectTooSmallThenBack, expectScreen, escapeRegExp} from './screen-helpers.js';

describe.each(sizes)('every screen at $columns×$rows', (size) => {
	// Every context with a `?`, over the screen it explains.
	const helpScreens: Array<[KeyContext, () => WizardState, string]> = [
		['resume-offer', atResumeOffer, '?'],
		['connect', () => atConnect('sandbox'), '?'],
		['encoding', atEncoding, '?'],
		['mapping', () => atMapping(), '?'],
		['defaults', atDefaults, '?'],
		['preview', () => atPreview(), '?'],
		['confirm', () => atConfirm(), '?'],
		['progress', () => atProgress(), '?'],
		['summary', () => atSummary(), '?'],
	];
	it.each(helpScreens)('the ? help lists every key of %s, and Esc closes it', async (context, state, key) => {
		const {tui} = await mounted(state(), size);
		const before = tui.lastFrame();
		await tui.press(key);
		await tui.waitFor('Keys on this screen');
		const frame = expectScreen(tui, size, 'Keys on this screen', 'Esc close');
		expect(flat(frame)).toContain('Ctrl+C leaves the wizard (during an import: stops it, resumable). ? or Esc closes this.');
		for (const hint of helpFor(context)) {
			// Keys, padding, then the label (cut with … only where two columns leave little room).
			const shown = new RegExp(`(^ | {2})${escapeRegExp(hint.keys)} +${escapeRegExp(hint.label.slice(0, 10))}`);
			expect(lines(frame).some((line) => shown.test(line)), `${hint.keys} ${hint.label}\n${frame}`).toBe(true);
		}
		// The first line keeps the screen's title.
		expect(lines(frame)[0]).toBe(lines(before)[0]);
		await expectTooSmallThenBack(tui, size, 'Keys on this screen');
		await tui.press(keys.escape);
		await tui.waitFor((shown) => !shown.includes('Keys on this screen'));
		expect(tui.lastFrame()).toBe(before);
	});
});
