import {afterEach, describe, expect, it, vi} from 'vitest';
import {withDerivations, type Mapping} from '../../source/mapping/mapping.js';
import type {CsvInfo, WizardState} from '../../source/ui/state/wizard-state.js';
import {cleanupTui, keys} from './render-tui.js';
import {apply, atFile, csvInfo, expectFits, flat, mountApp, noKey} from './wizard-fixtures.js';

vi.hoisted(() => {
	process.env.FORCE_COLOR = '1';
});

afterEach(cleanupTui);

const sizes = [
	{columns: 80, rows: 24},
	{columns: 60, rows: 15},
] as const;

const columns: CsvInfo['columns'] = [
	{index: 0, header: 'Email', samples: ['ada@example.com', 'alan@example.com']},
	{index: 1, header: 'Username', samples: ['ada', 'alan']},
	{index: 2, header: 'Handy privat', samples: ['+49 170 1234567', '+49 171 7654321']},
	{index: 3, header: 'Shirt size', samples: ['S', 'XL']},
	{index: 4, header: 'Kennwort', samples: ['Geheim-123', 'Geheim-456']},
];

/** Reasons as the matcher gives them, one of them long enough to wrap at 60 columns, one carrying escape codes from a cell. */
const phoneEvidence = [
	'header words: handy + privat → mobile phone (German: Handy is a mobile phone, privat is home)',
	'values: 2 of 2 look like phone numbers',
	'vetoed: home phone \u001b]0;pwned\u0007— a mobile number is not a landline',
	// More than 24 rows hold: the last ones are reached with ↓.
	...Array.from({length: 16}, (_, n) => `reason ${n + 4}`),
	'the last reason',
];

function mapping(): Mapping {
	return withDerivations(
		[
			{index: 0, header: 'Email', target: 'email', confidence: 1, reason: 'exact', evidence: ['header words: email → email']},
			{index: 1, header: 'Username', target: 'username', confidence: 1, reason: 'exact', evidence: []},
			{index: 2, header: 'Handy privat', target: 'mobile_number', confidence: 0.88, reason: 'synonym', evidence: phoneEvidence},
			{index: 3, header: 'Shirt size', target: null, confidence: 0, reason: null, evidence: [], proposal: 'attribute:shirtSize'},
			// The matcher quoting a password column's value must not show it.
			{index: 4, header: 'Kennwort', target: 'password', confidence: 0.92, reason: 'synonym', evidence: ['values: Geheim-123 is long enough to be a password']},
		],
		[],
	);
}

function atMapping(): WizardState {
	return apply(atFile(), {type: 'file-opened', csv: csvInfo(columns), mapping: mapping(), source: {kind: 'auto'}});
}

const lineWith = (frame: string, text: string) => frame.split('\n').find((line) => line.includes(text)) ?? '';

describe.each(sizes)('Map columns: a column in detail at $columns×$rows', (size) => {
	it('d opens the reasons, each wrapped under its bullet, sanitized; ↓ reaches the last; Esc closes', async () => {
		const {tui} = mountApp(atMapping(), size);
		await tui.waitFor('Map columns');
		await tui.press(keys.down);
		await tui.press(keys.down);
		await tui.press('d');
		await tui.waitFor('Why:');
		const frame = tui.lastFrame();
		expectFits(frame, size.columns, size.rows);
		expect(frame).toContain('“Handy privat” → mobile phone · 88% sure');
		expect(frame).toContain('• header words: handy + privat');
		expect(flat(frame)).toContain('(German: Handy is a mobile phone, privat is home)');
		expect(frame).toContain('• values: 2 of 2 look like phone numbers');
		expect(tui.frames.join('\n')).not.toContain('pwned');
		if (size.columns === 60) {
			// A reason longer than the line goes on under its first word, not under the bullet.
			const wrapped = frame.split('\n')[frame.split('\n').findIndex((line) => line.includes('• header words')) + 1]!;
			expect(wrapped).toMatch(/^\s*│?\s{4}\S/);
		}
		expect(frame).toContain('more below');
		expect(frame).not.toContain('the last reason');
		for (let n = 0; n < phoneEvidence.length; n++) await tui.press(keys.down);
		await tui.waitFor('the last reason');
		expect(tui.lastFrame()).toContain('more above');
		expect(tui.lastFrame()).not.toContain('more below');
		expectFits(tui.lastFrame(), size.columns, size.rows);
		await tui.press(keys.escape);
		await tui.waitFor((shown) => !shown.includes('Why:'));
		expect(tui.lastFrame()).toContain('Every required attribute has a column.');
	});

	it('an ignored column shows its suggestion dimmed, and s takes it as the user choice', async () => {
		const {tui} = mountApp(atMapping(), size);
		await tui.waitFor('Map columns');
		expect(tui.lastFrame()).not.toContain('suggestion:');
		for (let n = 0; n < 3; n++) await tui.press(keys.down);
		await tui.waitFor('suggestion: custom attribute shirtSize');
		const frame = tui.lastFrame();
		expectFits(frame, size.columns, size.rows);
		expect(lineWith(frame, 'Shirt size')).toContain('— ignored');
		expect(flat(frame)).toContain('suggestion: custom attribute shirtSize (s takes it, d why)');
		// Dimmed: drawn in the muted colour (grey, SGR 90).
		expect(tui.lastRawFrame()).toMatch(/\u001B\[90m\s*suggestion: custom attribute shirtSize/);
		await tui.press('s');
		await tui.waitFor((shown) => !shown.includes('suggestion:'));
		expect(lineWith(tui.lastFrame(), 'Shirt size')).toMatch(/custom attribut.*\s+yours$/);
		// Cut in the table, whole under it.
		expect(flat(tui.lastFrame())).toContain('“Shirt size” → custom attribute shirtSize');
		expectFits(tui.lastFrame(), size.columns, size.rows);
	});

	it('the detail of an ignored column offers its suggestion, and s there takes it', async () => {
		const {tui} = mountApp(atMapping(), size);
		await tui.waitFor('Map columns');
		for (let n = 0; n < 3; n++) await tui.press(keys.down);
		await tui.press('d');
		await tui.waitFor('Why:');
		expect(flat(tui.lastFrame())).toContain('“Shirt size” → not imported');
		expect(flat(tui.lastFrame())).toContain('Why: no attribute fits its header or values.');
		expect(flat(tui.lastFrame())).toContain('Suggestion: custom attribute shirtSize (not applied; s takes it)');
		expect(tui.lastFrame()).toContain('s take suggestion');
		await tui.press('s');
		await tui.waitFor('Why: you chose it.');
		expect(flat(tui.lastFrame())).toContain('“Shirt size” → custom attribute shirtSize');
		expect(tui.lastFrame()).not.toContain('Suggestion:');
		expectFits(tui.lastFrame(), size.columns, size.rows);
	});

	it('a password column in detail never shows its values, even quoted in a reason', async () => {
		const {tui} = mountApp(atMapping(), size);
		await tui.waitFor('Map columns');
		await tui.press('\u001B[F');
		await tui.press('d');
		await tui.waitFor('Why:');
		expect(tui.lastFrame()).toContain('“Kennwort” → password');
		expect(tui.lastFrame()).toContain('values: ******** is long enough');
		expect(tui.frames.join('\n')).not.toContain('Geheim');
	});
});

describe('Map columns: keys of the suggestion', () => {
	const key = (state: WizardState, input: string) => apply(state, {type: 'key', input, key: noKey});
	const cursorAt = (state: WizardState, cursor: number) => ({...state, mapping: {...state.mapping!, cursor}});

	it('s on a column with no suggestion changes nothing and says why', () => {
		const state = key(cursorAt(atMapping(), 2), 's');
		expect(state.mapping!.mapping.columns[2]!.target).toBe('mobile_number');
		expect(state.error).toContain('No custom attribute is suggested for this column');
	});

	it('s maps the column to the suggested attribute as a manual choice; the next s says there is none', () => {
		const state = key(cursorAt(atMapping(), 3), 's');
		expect(state.mapping!.mapping.columns[3]).toMatchObject({target: 'attribute:shirtSize', reason: 'manual', confidence: 1});
		expect(key(state, 's').error).toContain('No custom attribute is suggested');
	});

	it('the reasons scroll no further than the last one and no higher than the first', () => {
		let state = key(cursorAt(atMapping(), 2), 'd');
		for (let n = 0; n < 20; n++) state = key(state, 'j');
		expect(state.mapping!.detail).toEqual({column: 2, scroll: phoneEvidence.length - 1});
		state = key(state, 'k');
		expect(state.mapping!.detail!.scroll).toBe(phoneEvidence.length - 2);
		for (let n = 0; n < 20; n++) state = key(state, 'k');
		expect(state.mapping!.detail!.scroll).toBe(0);
		expect(key(state, 'd').mapping!.detail).toBeUndefined();
	});
});
