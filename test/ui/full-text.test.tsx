import {afterEach, describe, expect, it} from 'vitest';
import {commandFor, keymap, messageOpenAfter, type KeyContext} from '../../source/ui/keymap.js';
import {keyContext} from '../../source/ui/state/key-context.js';
import {wizardReducer} from '../../source/ui/state/wizard-reducer.js';
import type {WizardState} from '../../source/ui/state/wizard-state.js';
import {cleanupTui, keys} from './render-tui.js';
import {apply, atMapping, atPreview, csvColumns, expectFits, fakeTasks, flat, mountApp, noKey, planOf, planRow, respondLikeWizard, taken} from './wizard-fixtures.js';
import {wrapLines} from '../../source/ui/components/wrap.js';

afterEach(cleanupTui);

/* Nothing cut off beyond reach: what a line cannot hold can be opened in full. */

const ctrlE = '\u0005';
const squeezed = (text: string) => text.replace(/\s+/g, '');
const longError =
	'Could not reach JumpCloud at https://console.eu.jumpcloud.com/api/v2/systemgroups?limit=1&skip=0 (connect ETIMEDOUT 203.0.113.17:443 after 30 seconds): check the URL, a proxy (HTTPS_PROXY) or the network, then press Enter to try again.';

/** The mapping screen with an error on its status line, as a failed task leaves it. */
function withError(message = longError): WizardState {
	return apply(atMapping(), {type: 'task-failed', message});
}

describe('the status line', () => {
	for (const [columns, rows] of [
		[80, 24],
		[60, 15],
	] as const) {
		it(`says when it is cut, and Ctrl+E opens the whole message, wrapped (${columns}x${rows})`, async () => {
			const {tui} = mountApp(withError(), {columns, rows});
			await tui.waitFor('Map columns');
			const cut = tui.lastFrame().split('\n').at(-2)!;
			expect(cut).toMatch(/… \(Ctrl\+E full text\)$/);
			expect(flat(tui.lastFrame())).not.toContain('then press Enter to try again.');
			expectFits(tui.lastFrame(), columns, rows);

			await tui.press(ctrlE);
			const open = tui.lastFrame();
			expect(open).toContain('The message in full');
			// Wrapped: a URL longer than the line is broken inside; every character is there.
			expect(squeezed(open)).toContain(squeezed(`✖ ${longError}`));
			expect(open).toContain('Esc close');
			expectFits(open, columns, rows);

			// Esc only closes it: the screen underneath is still the mapping, not the step before.
			await tui.press(keys.escape);
			expect(tui.lastFrame()).not.toContain('The message in full');
			expect(tui.lastFrame()).toContain('Column');
			expect(tui.lastFrame().split('\n')[0]).toContain('Map columns');
		});
	}

	it('any key closes it and does nothing else; a message that fits is drawn whole', async () => {
		const {tui} = mountApp(withError(), {columns: 80, rows: 24});
		await tui.waitFor('Map columns');
		await tui.press(ctrlE);
		await tui.press('i');
		expect(tui.lastFrame()).not.toContain('The message in full');
		// `i` would have ignored the selected column (Email) as well as Badge.
		expect(tui.lastFrame().match(/— ignored/g)).toHaveLength(1);
		expect(tui.lastFrame()).toContain('full text');

		const short = mountApp(withError('Could not save the mapping.'), {columns: 80, rows: 24});
		await short.tui.waitFor('Map columns');
		expect(short.tui.lastFrame().split('\n').at(-2)).toContain('✖ Could not save the mapping.');
		expect(short.tui.lastFrame()).not.toContain('full text');
	});

	it('text is sanitized in the overlay', async () => {
		const {tui} = mountApp(withError('bad \u001b]0;owned\u0007value ' + 'x'.repeat(120)), {columns: 60, rows: 15});
		await tui.waitFor('Map columns');
		await tui.press(ctrlE);
		expect(tui.lastRawFrame()).not.toContain('\u001b]0;');
		expect(flat(tui.lastFrame())).toContain('bad');
	});
});

describe('the message key in the reducer', () => {
	const ctrl = (input: string) => ({type: 'key' as const, input, key: {...noKey, ctrl: true}});
	const press = (input: string, key: Partial<typeof noKey> = {}) => ({type: 'key' as const, input, key: {...noKey, ...key}});

	it('is Ctrl+E in every context, text fields too, and bound nowhere else', () => {
		for (const context of Object.keys(keymap) as KeyContext[]) {
			expect(commandFor(context, 'e', {...noKey, ctrl: true}), context).toBe('fullMessage');
			expect(keymap[context].some((binding) => binding.keys.includes('ctrl+e')), context).toBe(false);
		}
	});

	it('opens on Ctrl+E, and the next key only closes it; Ctrl+C and Ctrl+L keep their meaning', () => {
		const state = withError();
		const open = wizardReducer(state, ctrl('e'));
		expect(open.messageOpen).toBe(true);
		expect(keyContext(open)).toBe('message');
		// The error is still there to read.
		expect(open.error).toBe(longError);
		const closed = wizardReducer(open, press('', {escape: true}));
		expect(closed.messageOpen).toBe(false);
		expect(closed.step).toBe('mapping');
		expect(closed.error).toBe(longError);
		expect(wizardReducer(open, ctrl('l')).messageOpen).toBe(true);
		expect(wizardReducer(open, ctrl('c')).outbox.at(-1)).toEqual({kind: 'quit', code: 130});
		// Keys in one read: Ctrl+E then i opens and closes, ignoring nothing.
		const both = wizardReducer(state, press('\u0005i'));
		expect(both.messageOpen).toBe(false);
		expect(both.mapping).toEqual(state.mapping);
	});

	it('follows the same rule as the Frame', () => {
		expect(messageOpenAfter(false, 'e', {...noKey, ctrl: true})).toBe(true);
		expect(messageOpenAfter(true, 'x', noKey)).toBe(false);
		expect(messageOpenAfter(false, 'x', noKey)).toBe(false);
		expect(messageOpenAfter(true, 'e', {...noKey, ctrl: true})).toBe(false);
		expect(messageOpenAfter(true, 'l', {...noKey, ctrl: true})).toBe(true);
	});
});

describe('a row in the preview', () => {
	const issue = (column: string | null, message: string) => ({row: 2, line: 3, column, severity: 'error' as const, message});
	const long = (what: string) => `${what}: not accepted by JumpCloud, which cannot store it; fix it in the CSV or with e`;
	const issues = [issue('Email', long('email')), issue('First Name', long('first name')), issue('Badge', long('badge')), issue(null, long('row'))];
	const rows = planOf([planRow(1, 'create'), planRow(2, 'invalid', {issues}), planRow(3, 'create')]);

	async function openRow(columns: number, rows_: number) {
		const tasks = fakeTasks(respondLikeWizard({planFor: () => rows}));
		const app = mountApp(taken(atPreview(rows)), {columns, rows: rows_, tasks});
		await app.tui.waitFor('Preview');
		await app.tui.press(keys.down);
		await app.tui.press(keys.enter);
		await app.tui.waitFor('(hidden)');
		return app;
	}

	it('shows every issue wrapped in full when there is room (80x24)', async () => {
		const {tui} = await openRow(80, 24);
		const frame = tui.lastFrame();
		for (const one of issues) expect(squeezed(frame)).toContain(squeezed(`✖ ${one.column ?? 'row'}: ${one.message}`));
		// A wrapped issue keeps its indent under its first word.
		expect(frame).toMatch(/\n {3}\S/);
		expect(frame).not.toContain('more issue');
		expectFits(frame, 80, 24);
	});

	it('says how many more when they do not fit, and the cursor on a cell brings its issues (60x15)', async () => {
		const {tui} = await openRow(60, 15);
		let frame = tui.lastFrame();
		expectFits(frame, 60, 15);
		expect(frame).toMatch(/\+3 more issues/);
		expect(squeezed(frame)).toContain(squeezed(`✖ Email: ${long('email')}`));
		expect(frame).not.toContain('First Name: first name');
		await tui.press(keys.down);
		frame = tui.lastFrame();
		expectFits(frame, 60, 15);
		expect(squeezed(frame)).toContain(squeezed(`✖ First Name: ${long('first name')}`));
	});

	it('wraps at spaces, breaks a word longer than the line, and indents what follows', () => {
		expect(wrapLines('aaa bbb ccc', 7, '  ')).toEqual(['aaa bbb', '  ccc']);
		expect(wrapLines('x https://example.com/abcdefgh', 10, '  ')).toEqual(['x', '  https://', '  example.', '  com/abcd', '  efgh']);
		expect(wrapLines('short', 30)).toEqual(['short']);
		expect(wrapLines('a\u001b[31mred', 30)).toEqual(['ared']);
	});
});

describe('a custom attribute on the mapping screen', () => {
	for (const [columns, rows] of [
		[80, 24],
		[60, 15],
	] as const) {
		it(`the selected row shows its column and attribute in full when the table cuts them (${columns}x${rows})`, async () => {
			// More columns than the table has rows for, at both sizes.
			const extra = Array.from({length: 20}, (_, n) => ({index: 5 + n, header: `Extra ${n + 1}`, samples: ['x']}));
			const {tui} = mountApp(atMapping([...csvColumns, ...extra]), {columns, rows});
			await tui.waitFor('Map columns');
			for (let step = 0; step < 4; step++) await tui.press(keys.down);
			expect(tui.lastFrame()).not.toContain('→');
			await tui.press('a');
			// The field starts with the header as the name: Ctrl+U clears it.
			await tui.press('\u0015');
			await tui.type('EmployeeCostCenterCode2026');
			await tui.press(keys.enter);
			const frame = tui.lastFrame();
			expectFits(frame, columns, rows);
			expect(lineWith(frame, 'B-1')).not.toContain('EmployeeCostCenterCode2026');
			expect(squeezed(frame)).toContain(squeezed('❯ “Badge” → custom attribute EmployeeCostCenterCode2026'));
			// The table gave the line its room: nothing under it was pushed out.
			expect(frame).toContain('Filled in when empty');
			// Another row, whose cells fit: no line.
			await tui.press(keys.up);
			expect(tui.lastFrame()).not.toContain('→');
		});
	}
});

const lineWith = (frame: string, text: string) => frame.split('\n').find((line) => line.includes(text)) ?? '';
