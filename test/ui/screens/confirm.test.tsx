import './screen-env.js';
import {describe, expect, it, vi} from 'vitest';
import {defaultImportOptions} from '../../../source/importer/options.js';
import {mfaEndDate} from '../../../source/ui/state/steps/defaults.js';
import type {Plan, WizardState} from '../../../source/ui/state/wizard-state.js';
import {keys} from '../render-tui.js';
import {atConfirm, atResumeOffer, atSummary, fakeTasks, flat, liveTarget, planOf, planRow, respondLikeWizard} from '../wizard-fixtures.js';
import {sizes, mounted, expectTooSmallThenBack, expectScreen} from './screen-helpers.js';

describe.each(sizes)('every screen at $columns×$rows', (size) => {
	const wide = size.columns >= 80;

	it('confirm: the blast radius, and y starts the import', async () => {
		const {tui, tasks} = await mounted(atConfirm(), size);
		const frame = expectScreen(tui, size, 'Confirm', 'Where     the SANDBOX (simulated; nothing real is touched)', 'Create    2 users, ending staged', 'Skip      1 row already in JumpCloud', 'Not sent  1 row with errors', 'Groups    1 membership', 'Devices   0 device bindings', 'Emails    none sent', 'MFA       not required', 'y start the import');
		if (wide) expect(flat(frame)).toContain('Press y to start. Ctrl+C during the import stops it cleanly; it can be resumed.');
		await expectTooSmallThenBack(tui, size, 'Create    2 users');
		await tui.press('n');
		expect(tasks.recorded).toEqual([]);
		await tui.press('y');
		await tui.waitFor('Starting…');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'run', run: 'import'}]));
	});

	it('confirm: the MFA line says what users meet, by the state they end in', async () => {
		const confirm = atConfirm();
		const mfaLine = async (options: Partial<WizardState['options']>, rows?: Plan['rows']) => {
			const {tui} = await mounted({...confirm, options: {...confirm.options, ...options}, ...(rows ? {plan: planOf(rows)} : {})}, size);
			const frame = expectScreen(tui, size, 'MFA ');
			tui.unmount();
			// The line wraps: read it from its label to the blank line after it.
			const all = frame.split('\n');
			const from = all.findIndex((line) => line.trimStart().startsWith('MFA '));
			const to = all.findIndex((line, index) => index > from && line.trim() === '');
			return flat(all.slice(from, to).join(' ')).trim();
		};
		const dates = (days: number) => [0, 60_000].map((late) => mfaEndDate({...defaultImportOptions, requireMfa: true, mfaExclusionDays: days}, new Date(Date.now() + late))!);
		expect(await mfaLine({})).toBe('MFA not required');
		expect(await mfaLine({requireMfa: true, mfaExclusionDays: 0})).toBe('MFA required at their first sign-in (no window)');
		expect(await mfaLine({requireMfa: true, mfaExclusionDays: 7})).toBe('MFA required: users cannot sign in until activated; their 7-day window starts then');
		expect(dates(7).map((date) => `MFA required: users must enrol by ${date}; until then they can sign in without it`)).toContain(await mfaLine({state: 'ACTIVATED', requireMfa: true, mfaExclusionDays: 7}));
		// Rows that end in other states (their own state column) are said too; one whose own column says no is not counted.
		const mfa = (finalState: 'STAGED' | 'ACTIVATED' | 'SUSPENDED', required: boolean) => ({finalState, body: {username: 'u', email: 'u@example.com', state: finalState === 'SUSPENDED' ? 'SUSPENDED' : 'STAGED', enable_user_portal_multifactor: required}}) as const;
		const mixed = await mfaLine({state: 'ACTIVATED', requireMfa: true, mfaExclusionDays: 7}, [planRow(1, 'create', mfa('ACTIVATED', true)), planRow(2, 'create', mfa('STAGED', true)), planRow(3, 'create', mfa('SUSPENDED', false))]);
		expect(dates(7).map((date) => `MFA required: activated users enrol by ${date}; staged users within 7 days of activation`)).toContain(mixed);
	});

	it('confirm: a live org is named in full, organization included', async () => {
		const {tui} = await mounted(atConfirm(liveTarget), size);
		const frame = expectScreen(tui, size, 'Where     JumpCloud console.jumpcloud.com org');
		expect(flat(frame)).toContain('JumpCloud console.jumpcloud.com org 5f3c9e2a1b4d6f8e0a2c4e6f, organization “Acme Corp”');
		expect(frame).not.toContain('SANDBOX');
	});

	it('confirm: a resume says what was done and what is left, after the key is asked for', async () => {
		const tasks = fakeTasks(respondLikeWizard());
		const {tui} = await mounted(atResumeOffer(), size, {tasks});
		await tui.press(keys.enter);
		await tui.waitFor('API key:');
		await tui.type('sk-resume');
		await tui.press(keys.enter);
		await tui.waitFor('Resume    import');
		const frame = expectScreen(tui, size, 'Confirm', 'Where     JumpCloud console.jumpcloud.com org');
		expect(flat(frame)).toContain('Resume import 20261123-100000-abcd: 120 users created before, 380 left to create; nothing is created twice');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'connect', form: expect.objectContaining({apiKey: 'sk-resume'}), resumeId: '20261123-100000-abcd'}, {kind: 'prepare-resume', id: '20261123-100000-abcd'}]));
		await tui.press('y');
		await tui.waitFor('Importing');
		await vi.waitFor(() => expect(tasks.recorded.at(-1)).toEqual({kind: 'run', run: 'resume'}));
	});

	it('confirm: rollback names how many users go, and y starts it', async () => {
		const {tui, tasks} = await mounted(atSummary(), size);
		await tui.press('b');
		await tui.waitFor('Delete the');
		const frame = expectScreen(tui, size, 'Confirm', '⚠ Delete the 2 users import 20261123-100000-abcd created?');
		expect(flat(frame)).toContain('JumpCloud bills every user that is not removed within 48 hours');
		expect(frame).toContain('In the SANDBOX');
		await expectTooSmallThenBack(tui, size, 'Delete the 2 users');
		await tui.press('y');
		await tui.waitFor('Starting…');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'run', run: 'rollback'}]));
	});
});
