import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {noKey} from '../support/keys.js';
import type {RowPlan} from '../../source/importer/row-plan.js';
import {autoMap} from '../../source/mapping/auto-map.js';
import {commandFor, helpFor, hintsFor, keymap, type KeyContext} from '../../source/ui/keymap.js';
import {keyContext} from '../../source/ui/state/key-context.js';
import {previewRows} from '../../source/ui/state/steps/preview.js';
import {emailSentence, mfaEndDate, mfaSentence, mfaSummary, mfaWindow} from '../../source/ui/state/steps/defaults.js';
import {initialState, wizardReducer, type StartArgs, type WizardAction} from '../../source/ui/state/wizard-reducer.js';
import type {Plan, WizardState} from '../../source/ui/state/wizard-state.js';

const press = (input: string, key: Partial<Key> = {}): WizardAction => ({type: 'key', input, key: {...noKey, ...key}});
const enter = press('\r', {return: true});
const escape = press('', {escape: true});
const down = press('', {downArrow: true});
const right = press('', {rightArrow: true});
const ctrlC = press('c', {ctrl: true});

const args: StartArgs = {cwd: '/data', file: undefined, connection: {given: true, envKey: false, mode: 'sandbox', baseUrl: undefined, orgId: undefined, region: 'us'}, unfinished: []};

function run(state: WizardState, ...actions: WizardAction[]): WizardState {
	return actions.reduce(wizardReducer, state);
}

/** Taken out of the outbox, as the App's effect does. */
function take(state: WizardState): [WizardState, WizardState['outbox']] {
	return [wizardReducer(state, {type: 'outbox-taken', count: state.outbox.length}), state.outbox];
}

const columns = [
	{index: 0, header: 'Email', samples: ['ada@example.com']},
	{index: 1, header: 'First Name', samples: ['Ada']},
	{index: 2, header: 'Last Name', samples: ['Lovelace']},
	{index: 3, header: 'Password', samples: ['s3cret!Pass']},
];

function planRow(row: number, action: RowPlan['action'], issues: RowPlan['issues'] = []): RowPlan {
	return {row, line: row + 1, username: `user${row}`, email: `user${row}@example.com`, action, groups: [], systems: [], issues, ...(action === 'create' ? {body: {username: `user${row}`, email: `user${row}@example.com`, firstname: 'Ada', lastname: `L${row}`, state: 'STAGED'}} : {})};
}

const plan: Plan = {
	rows: [planRow(1, 'create'), planRow(2, 'invalid', [{row: 2, line: 3, column: 'Email', severity: 'error', message: 'not an email'}]), planRow(3, 'skip'), planRow(4, 'create', [{row: 4, line: 5, column: 'Phone', severity: 'warning', message: 'odd phone'}])],
	summary: {rows: 4, creates: 2, skips: 1, invalid: 1, memberships: 0, bindings: 0, emails: []},
	warnings: 1,
	fileIssues: [],
};

/** A state on the mapping screen of a file with the four columns above. */
function atMapping(): WizardState {
	let [state] = take(initialState(args));
	state = run(state, {type: 'connected', target: {label: 'SANDBOX', sandbox: true}, directory: {organization: 'Org', users: 3, groups: ['Engineering', 'Sales'], devices: []}});
	[state] = take(state);
	state = run(state, {type: 'folder-listed', dir: '/data', entries: [{name: 'people.csv', path: '/data/people.csv', kind: 'csv'}]});
	return run(state, {type: 'file-opened', csv: {path: '/data/people.csv', encoding: 'utf-8', delimiter: ',', headerLine: 1, columns, secret: [3]}, mapping: autoMap(columns), source: {kind: 'auto'}});
}

describe('start', () => {
	it('connects at once when the connection was given, and shows the form when it was not', () => {
		const given = initialState(args);
		expect(given.step).toBe('connect');
		expect(given.busy).toBeDefined();
		expect(given.outbox).toEqual([{kind: 'connect', form: given.connect, resumeId: undefined}]);
		const asked = initialState({...args, connection: {...args.connection, given: false, mode: 'jumpcloud'}});
		expect(asked.outbox).toEqual([]);
		expect(asked.connect.field).toBe(1);
	});

	it('offers an unfinished import first', () => {
		const state = initialState({...args, unfinished: [{id: 'a', file: '/x.csv', createdAt: '2026-11-23T10:00:00Z', target: 'http://127.0.0.1:1', done: 5, left: 3, failed: 0}]});
		expect(state.step).toBe('resume-offer');
		expect(state.outbox).toEqual([]);
		// With JC_API_KEY it connects to the import's own target at once.
		const chosen = run({...state, envKey: true}, enter);
		expect(chosen.resumeId).toBe('a');
		expect(chosen.outbox.at(-1)).toMatchObject({kind: 'connect', resumeId: 'a'});
		// Without, the key is asked for; Esc (twice: leave the field, then the screen) returns to the list.
		const asked = run(state, enter);
		expect(asked).toMatchObject({step: 'connect', outbox: []});
		expect(run(asked, escape, escape).step).toBe('resume-offer');
		// A resume that cannot be prepared (the CSV changed) comes back to the list, with the reason.
		const refused = run(chosen, {type: 'task-failed', message: 'changed', step: 'resume-offer'});
		expect(refused).toMatchObject({step: 'resume-offer', resumeId: undefined, error: 'changed'});
		expect(run(state, press('n')).step).toBe('connect');
	});

	it('opens the file named on the command line once connected, after listing its folder', () => {
		const [state] = take(initialState({...args, file: 'in/people.csv'}));
		expect(state.file.dir).toBe('/data/in');
		const connected = run(state, {type: 'connected', target: {label: 'SANDBOX', sandbox: true}, directory: {organization: 'Org', users: 0, groups: [], devices: []}});
		expect(connected.step).toBe('file');
		expect(connected.outbox).toEqual([
			{kind: 'list-folder', dir: '/data/in'},
			{kind: 'open-file', path: '/data/in/people.csv', encoding: undefined},
		]);
		expect(connected.initialFile).toBeUndefined();
	});
});

describe('connect form', () => {
	const form = initialState({...args, connection: {...args.connection, given: false, mode: 'jumpcloud'}});

	it('asks for the key instead of connecting without one', () => {
		const state = run({...form, connect: {...form.connect, field: 4}}, enter);
		expect(state.outbox).toEqual([]);
		expect(state.error).toMatch(/API key/);
		expect(state.connect).toMatchObject({field: 1, editing: true});
	});

	it('starts in the key field, takes letters as text there, and connects on Enter', () => {
		let state = form;
		expect(keyContext(state)).toBe('connect.text');
		// In a text field, q and c are letters, not commands.
		expect(run(state, press('q')).outbox).toEqual([]);
		state = run(state, {type: 'text', value: 'key-123'}, enter);
		expect(state.outbox).toEqual([{kind: 'connect', form: expect.objectContaining({apiKey: 'key-123', mode: 'jumpcloud'}), resumeId: undefined}]);
	});

	it('switches to the sandbox, whose key fields are skipped', () => {
		const state = run({...form, connect: {...form.connect, field: 0, editing: false}}, right, down);
		expect(state.connect.mode).toBe('sandbox');
		expect(state.connect.field).toBe(4);
	});

	it('keeps the typed key after a network error, and asks for it again only when JumpCloud rejects it', () => {
		const typed = run(form, {type: 'text', value: 'key-123'}, enter);
		const offline = run(typed, {type: 'task-failed', message: 'console.jumpcloud.com could not be reached', step: 'connect', keyRejected: false});
		expect(offline.connect.apiKey).toBe('key-123');
		expect(offline.error).toMatch(/could not be reached/);
		// Enter tries the same key again.
		expect(run({...offline, outbox: [], connect: {...offline.connect, field: 4}}, enter).outbox).toEqual([expect.objectContaining({kind: 'connect', form: expect.objectContaining({apiKey: 'key-123'})})]);
		const rejected = run(typed, {type: 'task-failed', message: 'JumpCloud rejected the API key (401)', step: 'connect', keyRejected: true});
		expect(rejected.connect).toMatchObject({apiKey: '', field: 1, editing: true});
	});

	it('forgets the key once connected', () => {
		const state = run({...form, connect: {...form.connect, apiKey: 'secret'}}, {type: 'connected', target: {label: 'JumpCloud', sandbox: false}, directory: {organization: 'Org', users: 0, groups: [], devices: []}});
		expect(state.connect.apiKey).toBe('');
		expect(JSON.stringify(state)).not.toContain('secret');
	});
});

describe('mapping', () => {
	it('auto-maps, then changes a target from the searchable list', () => {
		let state = atMapping();
		expect(state.step).toBe('mapping');
		expect(state.mapping!.mapping.columns.map((column) => column.target)).toEqual(['email', 'firstname', 'lastname', 'password']);
		state = run(state, down, enter);
		expect(keyContext(state)).toBe('mapping.picker');
		state = run(state, {type: 'text', value: 'job title'}, enter);
		expect(state.mapping!.mapping.columns[1]!.target).toBe('jobTitle');
		expect(state.mapping!.mapping.columns[1]!.reason).toBe('manual');
	});

	it('ignores a column and names a custom attribute, checked against JumpCloud’s rule', () => {
		let state = run(atMapping(), down, down, press('i'));
		expect(state.mapping!.mapping.columns[2]!.target).toBeNull();
		state = run(state, press('a'));
		expect(keyContext(state)).toBe('mapping.custom');
		state = run(state, {type: 'text', value: 'cost center!'}, enter);
		expect(state.mapping!.custom?.error).toMatch(/Letters and digits/);
		state = run(state, {type: 'text', value: 'costCenter2'}, enter);
		expect(state.mapping!.mapping.columns[2]!.target).toBe('attribute:costCenter2');
	});

	it('continues to the defaults and remembers the mapping; not while a required target is missing', () => {
		const state = run(atMapping(), press('i'), press('c'));
		expect(state.step).toBe('mapping');
		expect(state.error).toMatch(/Still missing: username, email/);
		const [next, tasks] = take(run(atMapping(), press('c')));
		expect(next.step).toBe('defaults');
		expect(tasks).toEqual([{kind: 'save-mapping', mapping: next.mapping!.mapping, headers: ['Email', 'First Name', 'Last Name', 'Password']}]);
	});
});

describe('defaults', () => {
	it('keeps state and email consistent: staged users get no email', () => {
		let state = run(atMapping(), press('c'));
		expect(state.options.state).toBe('STAGED');
		state = run(state, right);
		expect(state.options.state).toBe('ACTIVATED');
		state = run(state, down, right);
		expect(state.options.email).toEqual({kind: 'default'});
		state = run(state, press('', {upArrow: true}), right);
		expect(state.options).toMatchObject({state: 'STAGED', email: {kind: 'none'}});
	});

	it('says who gets which email in one sentence, and shows the MFA window as a date', () => {
		const base = initialState(args).options;
		expect(emailSentence(base)).toMatch(/staged: no email is sent now/);
		expect(emailSentence({...base, state: 'ACTIVATED', email: {kind: 'address', address: 'it@example.com'}})).toMatch(/goes to it@example.com/);
		expect(mfaEndDate({...base, requireMfa: true}, new Date('2026-11-23T12:00:00Z'))).toBe('Mon, 14 Dec 2026');
		expect(mfaEndDate(base, new Date())).toBeUndefined();
	});

	it('says what users meet of MFA: a date only for users whose window starts now', () => {
		const base = initialState(args).options;
		const at = new Date('2026-11-23T12:00:00Z');
		const required = {...base, requireMfa: true, mfaExclusionDays: 21};
		expect(mfaSentence(base, at)).toBe('MFA is not required (a row’s own MFA column still wins).');
		expect(mfaSentence(required, at)).toBe('Users cannot sign in until activated; their 21-day MFA enrolment window starts when they are activated.');
		expect(mfaWindow(required, at)).toBe('‹ 21 days › from activation');
		expect(mfaSentence({...required, state: 'ACTIVATED'}, at)).toBe('Users must enrol in MFA by Mon, 14 Dec 2026; until then they can sign in without it.');
		expect(mfaWindow({...required, state: 'ACTIVATED'}, at)).toBe('‹ 21 days › until Mon, 14 Dec 2026');
		for (const state of ['STAGED', 'ACTIVATED'] as const) {
			expect(mfaSentence({...required, state, mfaExclusionDays: 0}, at)).toBe('No MFA window: MFA is required at their first sign-in.');
			expect(mfaWindow({...required, state, mfaExclusionDays: 0}, at)).toBe('‹ 0 days › none: MFA at first sign-in');
			expect(mfaSummary({...required, state, mfaExclusionDays: 0}, [], at)).toBe('required at their first sign-in (no window)');
		}
		expect(mfaSummary(base, [], at)).toBe('not required');
		// Confirm says it for the states the planned users with MFA end in; the default's when none says.
		expect(mfaSummary(required, [], at)).toBe('required: users cannot sign in until activated; their 21-day window starts then');
		const created = (finalState: 'ACTIVATED' | 'SUSPENDED'): RowPlan => ({
			row: 1,
			line: 2,
			username: 'u',
			email: 'u@example.com',
			action: 'create',
			finalState,
			body: {username: 'u', email: 'u@example.com', state: finalState === 'SUSPENDED' ? 'SUSPENDED' : 'STAGED', enable_user_portal_multifactor: true},
			groups: [],
			systems: [],
			issues: [],
		});
		expect(mfaSummary(required, [created('SUSPENDED')], at)).toBe("required: the users' 21-day window ends Mon, 14 Dec 2026, suspended or not");
		expect(mfaSummary({...required, state: 'ACTIVATED'}, [created('SUSPENDED'), created('ACTIVATED')], at)).toBe('required: activated users enrol by Mon, 14 Dec 2026; suspended users by Mon, 14 Dec 2026');
	});

	it('takes an MFA window from 0 (MFA at the first sign-in) to 365 days, by arrows or typed', () => {
		let state = run(atMapping(), press('c'), down, right);
		expect(state.options).toMatchObject({requireMfa: true, mfaExclusionDays: 21});
		state = run(state, down, enter, {type: 'text', value: '0'}, enter);
		expect(state.options.mfaExclusionDays).toBe(0);
		state = run(state, press('', {leftArrow: true}));
		expect(state.options.mfaExclusionDays).toBe(0);
		state = run(state, right);
		expect(state.options.mfaExclusionDays).toBe(1);
		state = run(state, press('', {leftArrow: true}));
		expect(state.options.mfaExclusionDays).toBe(0);
		for (const wrong of ['366', '-1', '1.5', '7 days']) {
			const refused = run(state, enter, {type: 'text', value: wrong}, enter);
			expect(refused.defaults.editing?.error).toBe('A whole number of days, 0 to 365 (0: MFA at first sign-in).');
			expect(refused.options.mfaExclusionDays).toBe(0);
		}
	});

	it('a number typed on the MFA window replaces it; Enter on nothing keeps it; arrows step through usual windows', () => {
		let state = run(atMapping(), press('c'), down, right, down);
		expect(state.options.mfaExclusionDays).toBe(21);
		// The field opens empty: 7 typed is 7, not 217.
		state = run(state, enter);
		expect(state.defaults.editing).toMatchObject({field: 'days', value: ''});
		state = run(state, {type: 'text', value: '7'}, enter);
		expect(state.options.mfaExclusionDays).toBe(7);
		expect(run(state, enter, enter).options.mfaExclusionDays).toBe(7);
		const steps: number[] = [];
		for (let i = 0; i < 4; i++) steps.push((state = run(state, right)).options.mfaExclusionDays);
		expect(steps).toEqual([10, 14, 21, 30]);
		state = run(state, enter, {type: 'text', value: '100'}, enter, press('', {leftArrow: true}));
		expect(state.options.mfaExclusionDays).toBe(90);
		for (let i = 0; i < 20; i++) state = run(state, right);
		expect(state.options.mfaExclusionDays).toBe(365);
	});

	it('all to one address asks for the address at once', () => {
		let state = run(atMapping(), press('c'), right, down);
		expect(state.options.state).toBe('ACTIVATED');
		state = run(state, right, right);
		expect(state.options.email).toEqual({kind: 'address', address: ''});
		expect(state.defaults.editing).toMatchObject({field: 'address', value: ''});
		state = run(state, {type: 'text', value: 'it@example.com'}, enter);
		expect(state.options.email).toEqual({kind: 'address', address: 'it@example.com'});
	});

	it('with no email, says that users without a password cannot sign in', () => {
		const activated = {...initialState(args).options, state: 'ACTIVATED' as const, email: {kind: 'none' as const}};
		expect(emailSentence(activated, true)).toMatch(/no password in the file cannot sign in until one is set/);
		expect(emailSentence(activated, false)).toMatch(/file has no passwords: they cannot sign in/);
	});

	it('picks default groups from the directory, filtered', () => {
		let state = run(atMapping(), press('c'));
		state = run(state, down, down);
		expect(state.defaults.field).toBe(5);
		state = run(state, enter, {type: 'text', value: 'sal'}, enter);
		expect(state.options.groups).toEqual(['Sales']);
		state = run(state, enter, escape);
		expect(state.options.groups).toEqual([]);
		expect(keyContext(state)).toBe('defaults');
	});

	it('checks the rows against the directory on continue', () => {
		const [state, tasks] = take(run(atMapping(), press('c'), press('c')));
		expect(state.busy?.line).toMatch(/Checking every row/);
		expect(tasks.at(-1)).toMatchObject({kind: 'prepare', edits: [], options: expect.objectContaining({state: 'STAGED'})});
	});
});

describe('preview', () => {
	function atPreview(): WizardState {
		const [state] = take(run(atMapping(), press('c'), press('c')));
		return run(state, {type: 'prepared', plan});
	}

	it('shows every row, f for errors only, / to search', () => {
		let state = atPreview();
		expect(state.step).toBe('preview');
		expect(previewRows(state)).toEqual([0, 1, 2, 3]);
		state = run(state, press('f'));
		expect(previewRows(state)).toEqual([1]);
		state = run(state, press('f'), press('/'));
		expect(keyContext(state)).toBe('preview.search');
		state = run(state, {type: 'text', value: 'phone'}, enter);
		expect(previewRows(state)).toEqual([3]);
		state = run(state, press('/'), escape);
		expect(previewRows(state)).toHaveLength(4);
	});

	it('opens a row, edits a cell and checks the rows again with the edit', () => {
		let state = run(atPreview(), down, enter);
		expect(state.preview.detail?.row).toBe(2);
		expect(state.outbox.at(-1)).toEqual({kind: 'load-row', row: 2, secret: [3]});
		[state] = take(state);
		state = run(state, {type: 'row-loaded', row: 2, cells: [{column: 0, header: 'Email', target: 'email', value: 'not-an-email', secret: false}, {column: 3, header: 'Password', target: 'password', value: '', secret: true}]});
		state = run(state, press('e'));
		expect(state.preview.edit).toMatchObject({row: 2, column: 0, value: 'not-an-email'});
		state = run(state, {type: 'text', value: 'fixed@example.com'}, enter);
		expect(state.edits).toEqual([{row: 2, column: 0, value: 'fixed@example.com'}]);
		expect(state.outbox.at(-1)).toMatchObject({kind: 'prepare', edits: [{row: 2, column: 0, value: 'fixed@example.com'}]});
	});

	it('keeps a password column secret after it is ignored or pointed elsewhere', () => {
		let state = run(atMapping(), down, down, down, press('i'));
		expect(state.mapping!.mapping.columns[3]!.target).toBeNull();
		expect(state.csv!.secret).toEqual([3]);
		state = run(state, press('', {upArrow: true}), enter, {type: 'text', value: 'password'}, enter);
		expect(state.mapping!.mapping.columns[2]!.target).toBe('password');
		expect(state.csv!.secret).toEqual([3, 2]);
	});

	it('never opens a password for editing', () => {
		let state = run(atPreview(), enter);
		[state] = take(state);
		state = run(state, {type: 'row-loaded', row: 1, cells: [{column: 3, header: 'Password', target: 'password', value: '', secret: true}]}, press('e'));
		expect(state.preview.edit).toBeUndefined();
		expect(state.error).toMatch(/Passwords are never shown or edited/);
	});

	it('Esc goes back without losing choices, and forward again keeps them', () => {
		let state = run(atPreview(), escape);
		expect(state.step).toBe('defaults');
		state = run(state, escape);
		expect(state.step).toBe('mapping');
		expect(state.plan).toBe(plan);
		state = run(state, down, enter, {type: 'text', value: 'job title'}, enter, press('c'));
		expect(state.step).toBe('defaults');
		expect(state.mapping!.mapping.columns[1]!.target).toBe('jobTitle');
	});

	it('continues to the confirmation, checks the plan against the directory again, then y starts the import', () => {
		const checking = run(atPreview(), press('c'));
		expect(checking).toMatchObject({step: 'confirm', busy: {line: expect.stringContaining('again')}});
		expect(checking.outbox.at(-1)).toEqual({kind: 'refresh-plan', run: 'import'});
		// Nothing starts on a plan that is still being checked.
		expect(run(checking, press('y')).outbox).toEqual(checking.outbox);
		const state = run(checking, {type: 'plan-refreshed', plan: checking.plan!});
		expect(state.busy).toBeUndefined();
		expect(run(state, press('y')).outbox.at(-1)).toEqual({kind: 'run', run: 'import'});
		expect(run(state, press('n')).outbox).toEqual(state.outbox);
	});

	it('a plan that changed on the way to Confirm is shown as it is now, with what changed', () => {
		const checking = run(atPreview(), press('c'));
		const fresher = {...checking.plan!, summary: {...checking.plan!.summary, creates: checking.plan!.summary.creates - 1, skips: checking.plan!.summary.skips + 1}};
		const state = run(checking, {type: 'plan-refreshed', plan: fresher, changed: 'The directory changed since the preview: 1 row now exists in JumpCloud (row 2).'});
		expect(state).toMatchObject({step: 'confirm', plan: fresher, notice: expect.stringContaining('1 row now exists')});
	});

	it('reading the directory shows its progress on the busy line, and only while busy', () => {
		const checking = run(atPreview(), press('c'));
		expect(run(checking, {type: 'busy-progress', text: 'Checking the directory: 100 of 5,000 users read…'}).busy?.line).toBe('Checking the directory: 100 of 5,000 users read…');
		const idle = run(checking, {type: 'plan-refreshed', plan: checking.plan!});
		expect(run(idle, {type: 'busy-progress', text: 'late'}).busy).toBeUndefined();
	});
});

describe('a run', () => {
	it('a run that fails to start or finish goes back with the reason, and closes when a signal asked', () => {
		const [started] = take(run(initialState(args), {type: 'run-started'}));
		const failed = run(started, {type: 'run-failed', message: 'locked'});
		expect(failed).toMatchObject({step: 'confirm', error: 'locked', outbox: []});
		const [signalled] = take(run(started, {type: 'signal'}));
		expect(run(signalled, {type: 'run-failed', message: 'x'}).outbox).toEqual([{kind: 'quit', code: 130}]);
	});

	function running(): WizardState {
		const [state] = take(run(initialState(args), {type: 'run-started'}));
		return state;
	}

	it('Ctrl+C stops gently, a second Ctrl+C at once; p pauses', () => {
		let state = run(running(), ctrlC);
		expect(state.outbox).toEqual([{kind: 'stop', hard: false}]);
		[state] = take(state);
		state = run(state, ctrlC);
		expect(state.outbox).toEqual([{kind: 'stop', hard: true}]);
		expect(run(running(), press('p')).outbox).toEqual([{kind: 'pause'}]);
	});

	it('Ctrl+C elsewhere leaves the wizard', () => {
		expect(run(atMapping(), ctrlC).outbox.at(-1)).toEqual({kind: 'quit', code: 130});
	});

	it('a signal stops the run and closes the wizard once it has stopped', () => {
		let state = run(running(), {type: 'signal'});
		expect(state.outbox).toEqual([{kind: 'stop', hard: false}]);
		[state] = take(state);
		state = run(state, {type: 'run-finished', outcome: {kind: 'import', importId: 'x', counts: {rows: 4, created: 1, usersCreated: 1, skipped: 0, failed: 0, invalid: 0, remaining: 3, throttled: 0}, rolledBack: undefined, stopped: true, resultsPath: '/r.csv', failedPath: undefined, headless: 'jc-import run', written: []}});
		expect(state.step).toBe('summary');
		expect(state.outbox).toEqual([{kind: 'quit', code: 130}]);
	});

	it('the summary offers retry only after failures, and rollback only after creates', () => {
		const outcome = {kind: 'import' as const, importId: 'x', counts: {rows: 4, created: 2, usersCreated: 2, skipped: 0, failed: 0, invalid: 0, remaining: 0, throttled: 0}, rolledBack: undefined, stopped: false, resultsPath: '/r.csv', failedPath: undefined, headless: 'jc-import run', written: []};
		const state = run(running(), {type: 'run-finished', outcome});
		expect(run(state, press('r')).error).toMatch(/nothing to retry/);
		const rollback = run(state, press('b'));
		expect(rollback).toMatchObject({step: 'confirm', runKind: 'rollback'});
		expect(run(rollback, press('y')).outbox.at(-1)).toEqual({kind: 'run', run: 'rollback'});
		expect(run(state, press('q')).outbox.at(-1)).toEqual({kind: 'quit', code: 0});
	});

	it('the summary of an import stopped with rows left offers u first; a finished one does not', () => {
		const stopped = {kind: 'import' as const, importId: 'x', counts: {rows: 4, created: 1, usersCreated: 1, skipped: 0, failed: 0, invalid: 0, remaining: 3, throttled: 0}, rolledBack: undefined, stopped: true, resultsPath: '/r.csv', failedPath: undefined, headless: 'jc-import resume x --yes', written: []};
		const labels = (state: WizardState) => hintsFor(keyContext(state)).map((hint) => `${hint.keys} ${hint.label}`);
		expect(labels(run(running(), {type: 'run-finished', outcome: stopped}))[0]).toBe('u resume it here');
		const finished = {...stopped, stopped: false, counts: {...stopped.counts, created: 4, usersCreated: 4, remaining: 0}};
		expect(labels(run(running(), {type: 'run-finished', outcome: finished})).join(' ')).not.toMatch(/resume/);
	});

	it('the hints of a rollback say what works there: y deletes, Ctrl+C stops (no pause), and after it no w, r or b', () => {
		const outcome = {kind: 'import' as const, importId: 'x', counts: {rows: 4, created: 2, usersCreated: 2, skipped: 0, failed: 1, invalid: 0, remaining: 0, throttled: 0}, rolledBack: undefined, stopped: false, resultsPath: '/r.csv', failedPath: undefined, headless: 'jc-import run', written: []};
		const confirming = run(run(running(), {type: 'run-finished', outcome}), press('b'));
		const labels = (state: WizardState) => hintsFor(keyContext(state)).map((hint) => `${hint.keys} ${hint.label}`);
		expect(labels(confirming)).toContain('y delete them');
		expect(labels(confirming).join(' ')).not.toMatch(/start the import/);
		const [rolling] = take(run(confirming, press('y'), {type: 'run-started'}));
		expect(labels(rolling).join(' ')).not.toMatch(/pause/);
		expect(run(rolling, press('p')).outbox).toEqual([]);
		const rolledBack = run(rolling, {type: 'run-finished', outcome: {...outcome, kind: 'rollback', counts: undefined, rolledBack: {deleted: 2, gone: 0, kept: 0, failed: 0, left: 0, clearedManagerOf: []}}});
		expect(rolledBack.step).toBe('summary');
		expect(labels(rolledBack).join(' ')).not.toMatch(/write report|retry|roll back/);
		for (const key of ['w', 'r', 'b']) expect(run(rolledBack, press(key))).toMatchObject({step: 'summary', outbox: rolledBack.outbox, error: undefined});
	});
});

describe('the file picker', () => {
	it('Esc clears the filter typed (its hint says so); there is no screen before it to go back to', () => {
		let [state] = take(initialState(args));
		state = run(state, {type: 'connected', target: {label: 'SANDBOX', sandbox: true}, directory: {organization: 'Org', users: 3, groups: [], devices: []}});
		[state] = take(state);
		state = run(state, {type: 'folder-listed', dir: '/data', entries: [{name: 'people.csv', path: '/data/people.csv', kind: 'csv'}]});
		expect(hintsFor(keyContext(state))).toContainEqual({keys: 'Esc', label: 'clear filter'});
		const filtered = run(state, {type: 'text', value: 'peo'});
		expect(filtered.file.filter).toBe('peo');
		expect(run(filtered, escape)).toMatchObject({step: 'file', file: {filter: ''}});
		expect(run(state, escape).step).toBe('file');
	});
});

describe('typing', () => {
	it('takes every key, however fast, paste in one chunk, Backspace and Ctrl+U; control characters never', () => {
		let state = run(atMapping(), enter);
		for (const char of 'job tit') state = run(state, press(char));
		expect(state.mapping!.picker!.query).toBe('job tit');
		state = run(state, press('', {delete: true}), press('le\u001b]0;x\u0007 x'));
		expect(state.mapping!.picker!.query).toBe('job tile x');
		state = run(state, press('u', {ctrl: true}));
		expect(state.mapping!.picker!.query).toBe('');
	});

	it('filters the file list as typed, ? still opens the help there, Backspace edits the filter', () => {
		let [state] = take(initialState(args));
		state = run(state, {type: 'connected', target: {label: 'SANDBOX', sandbox: true}, directory: {organization: 'Org', users: 0, groups: [], devices: []}});
		state = run(state, {type: 'outbox-taken', count: state.outbox.length}, {type: 'folder-listed', dir: '/data', entries: [{name: '..', path: '/', kind: 'parent'}, {name: 'a.csv', path: '/data/a.csv', kind: 'csv'}, {name: 'people.csv', path: '/data/people.csv', kind: 'csv'}]});
		state = run(state, press('p'), press('e'), press('q'));
		expect(state.file.filter).toBe('peq');
		state = run(state, press('', {backspace: true}));
		expect(state.file.filter).toBe('pe');
		expect(state.file.cursor).toBe(1);
		expect(run(state, enter).outbox.at(-1)).toEqual({kind: 'open-file', path: '/data/people.csv', encoding: undefined});
		expect(run(state, press('?')).help).toBe(true);
	});

	it('takes keys that arrive in one read one by one: y then Ctrl+C starts, then stops', () => {
		const atConfirm = {...initialState(args), step: 'confirm' as const, outbox: [], busy: undefined};
		const state = run(atConfirm, press('y\u0003'));
		expect(state.outbox).toEqual([{kind: 'run', run: 'import'}, {kind: 'quit', code: 130}]);
		let typed = run(atMapping(), enter);
		typed = run(typed, press('job t\u007ftit\rc'));
		expect(typed.mapping!.mapping.columns[0]!.target).toBe('jobTitle');
		expect(typed.error).toMatch(/Still missing: username, email/);
	});
});

describe('keymap', () => {
	it('every context has hints and help from the same table', () => {
		for (const context of Object.keys(keymap) as KeyContext[]) {
			expect(hintsFor(context).length).toBeGreaterThan(0);
			expect(helpFor(context).map((hint) => hint.label)).toEqual([...new Set(keymap[context].map((binding) => binding.label))]);
		}
	});

	it('in text fields, typed characters are text; elsewhere they are commands', () => {
		expect(commandFor('preview', 'f', noKey)).toBe('errorsOnly');
		expect(commandFor('preview.search', 'f', noKey)).toBeUndefined();
		expect(commandFor('file', 'q', noKey)).toBeUndefined();
		expect(commandFor('file', '', {...noKey, return: true})).toBe('select');
		expect(commandFor('mapping.picker', 'c', {...noKey, ctrl: true})).toBe('interrupt');
		// Ink 6 reports the Backspace key as delete.
		expect(commandFor('preview.edit', '', {...noKey, delete: true})).toBeUndefined();
	});

	it('? opens the keys of the current screen and closes again', () => {
		const state = run(atMapping(), press('?'));
		expect(state.help).toBe(true);
		expect(keyContext(state)).toBe('help');
		expect(keyContext({...state, help: false})).toBe('mapping');
		expect(run(state, escape).help).toBe(false);
		expect(run(state, escape).step).toBe('mapping');
	});
});
