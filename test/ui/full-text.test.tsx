import {afterEach, describe, expect, it} from 'vitest';
import {commandFor, keymap, messageOpenAfter, type KeyContext} from '../../source/ui/keymap.js';
import {keyContext} from '../../source/ui/state/key-context.js';
import {initialState, wizardReducer} from '../../source/ui/state/wizard-reducer.js';
import type {WizardState} from '../../source/ui/state/wizard-state.js';
import {cleanupTui, keys} from './render-tui.js';
import {apply, atMapping, baseArgs, atPreview, atProgress, csvColumns, expectFits, fakeTasks, flat, mountApp, noKey, planOf, planRow, respondLikeWizard, taken} from './wizard-fixtures.js';
import {wrapLines} from '../../source/ui/components/wrap.js';
import {ProgressTracker} from '../../source/importer/progress-tracker.js';

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

	it('names where the users go in full too: the header cuts a long target at 60 columns', async () => {
		const label = 'JumpCloud https://console.eu.jumpcloud.com, organization Acme Holding Europe (multi-tenant)';
		const {tui} = mountApp({...withError(), target: {label, sandbox: false}}, {columns: 60, rows: 15});
		await tui.waitFor('Map columns');
		expect(tui.lastFrame().split('\n')[0]).not.toContain('(multi-tenant)');
		await tui.press(ctrlE);
		expect(squeezed(tui.lastFrame())).toContain(squeezed(`Where: ${label}`));
		expectFits(tui.lastFrame(), 60, 15);
	});

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

	it('a message taller than the screen gives up the title before its own last words (60x15)', async () => {
		const words = Array.from({length: 70}, (_, n) => `word${n}`).join(' ');
		const {tui} = mountApp(withError(`${words} THE END.`), {columns: 60, rows: 15});
		await tui.waitFor('Map columns');
		await tui.press(ctrlE);
		const frame = tui.lastFrame();
		expectFits(frame, 60, 15);
		expect(frame).toContain('THE END.');
		expect(frame).not.toContain('The message in full');
		// Wrapped lines keep their indent under the first word.
		expect(frame.split('\n')[3]).toMatch(/^ {3}word/);
		// Longer than even that: the last line says it goes on.
		const endless = mountApp(withError(`${words} ${words} THE END.`), {columns: 60, rows: 15});
		await endless.tui.waitFor('Map columns');
		await endless.tui.press(ctrlE);
		expectFits(endless.tui.lastFrame(), 60, 15);
		expect(endless.tui.lastFrame().split('\n')[11]).toMatch(/word\d+ …$/);
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

	it('typed while the wizard starts, it opens the message once the start is over, as the Frame does', () => {
		// Connecting at start: keys are held for the first screen that is ready.
		const starting = initialState(baseArgs);
		const held = wizardReducer(starting, ctrl('e'));
		expect(held.messageOpen).not.toBe(true);
		// The start failed: held keys are dropped, but Ctrl+E among them has opened the message.
		expect(wizardReducer(held, {type: 'task-failed', message: longError, step: 'connect'}).messageOpen).toBe(true);
		// Ctrl+E then a key: opened and closed.
		const closedAgain = wizardReducer(held, press('x'));
		expect(wizardReducer(closedAgain, {type: 'task-failed', message: longError, step: 'connect'}).messageOpen).toBe(false);
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

describe('the notes under the mapping', () => {
	for (const [columns, rows] of [
		[80, 24],
		[60, 15],
	] as const) {
		it(`wrap rather than lose their ends (${columns}x${rows})`, async () => {
			const {tui} = mountApp(atMapping(), {columns, rows});
			await tui.waitFor('Map columns');
			const frame = tui.lastFrame();
			expectFits(frame, columns, rows);
			expect(flat(frame)).toMatch(/Filled in when empty: username from email; display name from first name \+ last name\./);
			expect(frame.split('\n').slice(2, -2).join('\n')).not.toMatch(/las…|name…/);
		});
	}
});

const lineWith = (frame: string, text: string) => frame.split('\n').find((line) => line.includes(text)) ?? '';

describe('the progress screen', () => {
	const failure = (row: number) => `JumpCloud refused row ${row}: validation failed: email must be unique in the organization; username must be 1 to 64 letters, digits or . _ - (got user${row}!); see the results report for details`;

	/** 100 rows: 20 created, then `failed` rows failed (rows 21…), with long errors. */
	function tracker(failed: number, stopping = false): ProgressTracker {
		const tracked = new ProgressTracker({now: () => 10_000});
		tracked.track({type: 'started', rows: 100, toDo: 100, counts: {rows: 100, created: 0, usersCreated: 0, skipped: 0, failed: 0, invalid: 0, remaining: 100, throttled: 0}, retryFailed: false}, 0);
		for (let row = 1; row <= 20 + failed; row++) {
			tracked.track({type: 'row-started', row, username: `user${row}`}, row * 10);
			if (row <= 20) {
				tracked.track({type: 'row-created', row, username: `user${row}`, userId: `id${row}`, reconciled: false}, row * 10 + 1);
				tracked.track({type: 'row-done', row, username: `user${row}`, userId: `id${row}`}, row * 10 + 2);
			} else {
				tracked.track({type: 'row-failed', row, username: `user${row}`, step: 'create', error: failure(row)}, row * 10 + 2);
			}
		}
		if (stopping) tracked.track({type: 'stopping', hard: false}, 9_000);
		return tracked;
	}

	async function mounted(tracked: ProgressTracker, columns: number, rows: number) {
		const tasks = fakeTasks();
		tasks.tracker = tracked;
		const app = mountApp(atProgress(), {columns, rows, tasks});
		await app.tui.waitFor('Failed (');
		return app.tui;
	}

	for (const [columns, rows] of [
		[80, 24],
		[60, 15],
	] as const) {
		it(`the failed list scrolls with arrows and Enter opens a failure in full (${columns}x${rows})`, async () => {
			const tui = await mounted(tracker(10), columns, rows);
			expectFits(tui.lastFrame(), columns, rows);
			// The footer at 60 columns has no room for the keys: the list says them.
			expect(lineWith(tui.lastFrame(), 'Failed (10)')).toContain('↑↓ pick one, Enter reads it in full');
			// Newest first; row 21, the oldest, is below the window.
			expect(tui.lastFrame()).toMatch(/ 30 {2}user30 /);
			expect(tui.lastFrame()).not.toMatch(/ 21 {2}user21 /);
			// The first ↓ picks the newest; nine more reach the oldest, the window following.
			for (let step = 0; step < 10; step++) await tui.press(keys.down);
			expect(lineWith(tui.lastFrame(), '❯')).toMatch(/ 21 {2}user21 /);
			expectFits(tui.lastFrame(), columns, rows);

			await tui.press(keys.enter);
			let frame = tui.lastFrame();
			expectFits(frame, columns, rows);
			expect(frame).toContain('Row 21 user21');
			expect(squeezed(frame)).toContain(squeezed(failure(21)));
			// Open, ↑ goes to the next newer failure.
			await tui.press(keys.up);
			frame = tui.lastFrame();
			expect(squeezed(frame)).toContain(squeezed(failure(22)));
			expect(frame).toContain('failure 9 of 10');
			await tui.press(keys.escape);
			expect(tui.lastFrame()).toContain('Failed (10)');
			expect(tui.lastFrame()).toContain('Importing');
		});
	}

	it('the state line splits in two rather than cut what a stop says (60x15)', async () => {
		const tui = await mounted(tracker(2, true), 60, 15);
		const frame = tui.lastFrame();
		expectFits(frame, 60, 15);
		expect(frame).toContain('STOPPING: 0 in flight (Ctrl+C: at once)');
		expect(frame).toMatch(/\n {3}[\d.–]+ users\/s {3}ETA .+ {3}elapsed \d+s\n/);
	});

	it('the reducer moves among the failed rows it was told of, and opens and closes one', () => {
		let state = apply(atProgress(), {type: 'failed-seen', count: 3});
		expect(keyContext(state)).toBe('progress.failed');
		const down = {type: 'key' as const, input: '', key: {...noKey, downArrow: true}};
		const up = {type: 'key' as const, input: '', key: {...noKey, upArrow: true}};
		state = apply(state, down);
		expect(state.failedList).toEqual({count: 3, cursor: 2, open: false});
		state = apply(state, down, down, down);
		expect(state.failedList?.cursor).toBe(0);
		state = apply(state, up, {type: 'key', input: '\r', key: {...noKey, return: true}});
		expect(state.failedList).toEqual({count: 3, cursor: 1, open: true});
		expect(keyContext(state)).toBe('progress.failure');
		state = apply(state, {type: 'key', input: '', key: {...noKey, escape: true}});
		expect(state.failedList?.open).toBe(false);
		expect(keyContext(apply(atProgress(), down))).toBe('progress');
	});
});

describe('a rollback in progress', () => {
	it('wraps its counts and its note rather than cut them (60x15)', async () => {
		const tasks = fakeTasks();
		tasks.rollback = {deleted: 12_345, gone: 2_222, kept: 3_333, failed: 4_444, total: 99_999};
		const {tui} = mountApp(atProgress('rollback'), {columns: 60, rows: 15, tasks});
		await tui.waitFor('Rolling back');
		const frame = tui.lastFrame();
		expectFits(frame, 60, 15);
		expect(flat(frame)).toContain('✔ 12345 deleted 2222 already gone ↷ 3333 kept ✖ 4444 failed of 99999');
		expect(flat(frame)).toContain('Every delete is journaled: Ctrl+C stops, and the rollback can be finished later.');
		// The body (not the header, whose target gives way) has nothing cut.
		expect(frame.split('\n').slice(2).join('\n')).not.toContain('…');
	});
});
