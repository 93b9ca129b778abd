import './screen-env.js';
import {describe, expect, it, vi} from 'vitest';
import {defaultImportOptions} from '../../../source/importer/options.js';
import {mfaEndDate} from '../../../source/ui/state/steps/defaults.js';
import {keys} from '../render-tui.js';
import {atDefaults, expectFits, flat} from '../wizard-fixtures.js';
import {sizes, lineWith, mounted, expectTooSmallThenBack, expectScreen} from './screen-helpers.js';

describe.each(sizes)('every screen at $columns×$rows', (size) => {
	const wide = size.columns >= 80;

	it('defaults: staged and activated in one sentence each', async () => {
		const {tui} = await mounted(atDefaults(), size);
		const staged = expectScreen(tui, size, 'Defaults for every user', '❯ State', '‹ staged: created, not yet able to sign', 'Require MFA', '‹ no ›', 'Groups', '(none: Enter to pick)', 'Existing users', '‹ skip the row');
		expect(flat(staged)).toContain('Users are created staged: no email is sent now; JumpCloud emails each user when you activate them in the console.');
		expect(staged).not.toContain('Email ');
		await expectTooSmallThenBack(tui, size, 'Existing users');
		await tui.press(keys.right);
		await tui.waitFor('activated: can sign in');
		const activated = expectScreen(tui, size, '‹ activated: can sign in ›', 'Email', '‹ none ›');
		expect(flat(activated)).toContain('Users are activated and no email is sent: tell them yourself how to sign in.');
		await tui.press(keys.down);
		await tui.press(keys.right);
		await tui.waitFor('welcome/activation email ›');
		// The long sentence wraps; at the minimum size its start is still there.
		expect(flat(tui.lastFrame())).toContain(wide ? 'Users are activated: a user with a password in the file gets the welcome email at their email; the others get an activation email to set a password, at their alternate email if they have one, else their email.' : 'Users are activated: a user with a password in the file gets the welcome email');
		await tui.press(keys.right);
		await tui.waitFor('all to one address');
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.type('not-an-address');
		await tui.press(keys.enter);
		await tui.waitFor('That is not an email address.');
		for (let i = 0; i < 'not-an-address'.length; i++) await tui.press(keys.backspace);
		await tui.type('it@example.com');
		await tui.press(keys.enter);
		await tui.waitFor((shown) => flat(shown).includes('goes to it@example.com'));
		expect(flat(tui.lastFrame())).toContain('every welcome and activation email goes to it@example.com, not to the users.');
		expectFits(tui.lastFrame(), size.columns, size.rows);
	});

	it('defaults: what users meet of MFA, with a date only where it is true for them', async () => {
		const {tui} = await mounted(atDefaults(), size);
		expect(flat(tui.lastFrame())).toContain('MFA is not required (a row’s own MFA column still wins).');
		await tui.press(keys.down);
		await tui.press(keys.right);
		await tui.waitFor('MFA window');
		// Around now: the frame may have been drawn a moment before.
		const end = (days: number) => [0, 60_000].map((late) => mfaEndDate({...defaultImportOptions, requireMfa: true, mfaExclusionDays: days}, new Date(Date.now() + late))!);
		// Staged users cannot sign in yet: their window starts at activation, so no calendar date.
		const staged = expectScreen(tui, size, 'Require MFA', '‹ yes ›', '‹ 21 days › from activation');
		expect(flat(staged)).toContain(wide ? 'Users cannot sign in until activated; their 21-day MFA enrolment window starts when they are activated.' : 'Users cannot sign in until activated; their 21-day MFA');
		expect(end(21).some((date) => staged.includes(date))).toBe(false);
		expect(staged).not.toContain('enrol in MFA by');
		await tui.press(keys.down);
		await tui.press(keys.right);
		await tui.waitFor('‹ 30 days › from activation');
		// Activated now: the window ends on a date.
		await tui.press(keys.up);
		await tui.press(keys.up);
		await tui.press(keys.right);
		await tui.waitFor('activated: can sign in');
		const activated = expectScreen(tui, size, '‹ 30 days › until ');
		expect(end(30).some((date) => lineWith(activated, 'MFA window').includes(date))).toBe(true);
		// At the minimum size the sentence is cut off: the date is in the line above it.
		if (wide) expect(end(30).some((date) => flat(activated).includes(`Users must enrol in MFA by ${date}; until then they can sign in without it.`))).toBe(true);
		expect(flat(activated)).not.toContain('from activation');
		await expectTooSmallThenBack(tui, size, '30 days');
	});

	it('defaults: a window of 0 days is MFA at the first sign-in', async () => {
		const state = atDefaults();
		const {tui} = await mounted({...state, options: {...state.options, requireMfa: true, mfaExclusionDays: 1}, defaults: {...state.defaults, field: 4}}, size);
		await tui.waitFor('‹ 1 days ›');
		await tui.press(keys.left);
		await tui.waitFor('‹ 0 days ›');
		const frame = expectScreen(tui, size, '‹ 0 days › none: MFA at first sign-in');
		expect(flat(frame)).toContain('No MFA window: MFA is required at their first sign-in.');
		expect(frame).not.toContain('from activation');
	});

	it('defaults: groups picked from the directory with a filter; c checks the rows', async () => {
		const {tui, tasks} = await mounted(atDefaults(), size);
		await tui.press(keys.down);
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.waitFor('User groups every user joins');
		expectScreen(tui, size, 'User groups every user joins (0 ticked)', 'Filter:', 'Engineering', 'Finance', 'Sales Managers', 'Enter tick/untick', 'Esc done');
		await tui.type('sal');
		await tui.waitFor((shown) => !shown.includes('Finance'));
		expectScreen(tui, size, 'Filter: sal', '○ Sales', '○ Sales Managers');
		await tui.press(keys.enter);
		await tui.waitFor('(1 ticked)');
		expect(lineWith(tui.lastFrame(), 'Sales ')).toMatch(/^ ❯ ◉ Sales\s*$/);
		expect(lineWith(tui.lastFrame(), 'Managers')).toContain('○ Sales Managers');
		await expectTooSmallThenBack(tui, size, '(1 ticked)');
		await tui.press(keys.escape);
		await tui.waitFor('Existing users');
		expect(lineWith(tui.lastFrame(), 'Groups')).toMatch(/❯ Groups\s+Sales$/);
		await tui.press('c');
		await tui.waitFor('Checking every row against the directory…');
		await vi.waitFor(() => expect(tasks.recorded.at(-1)).toMatchObject({kind: 'prepare', options: {groups: ['Sales'], state: 'STAGED'}, edits: []}));
	});
});
