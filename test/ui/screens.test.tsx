import {afterEach, describe, expect, it, vi} from 'vitest';
import stringWidth from 'string-width';
import {defaultImportOptions} from '../../source/importer/options.js';
import {ProgressTracker} from '../../source/importer/progress-tracker.js';
import type {RunCounts} from '../../source/importer/runner.js';
import {autoMap} from '../../source/mapping/mapping.js';
import {helpFor, type KeyContext} from '../../source/ui/keymap.js';
import {mfaEndDate} from '../../source/ui/state/steps/defaults.js';
import type {Plan, WizardState} from '../../source/ui/state/wizard-state.js';
import {asciiFold, type Theme} from '../../source/ui/theme.js';
import {cleanupTui, keys, type Tui} from './render-tui.js';
import {
	apply,
	asciiTheme,
	atConfirm,
	atConnect,
	atDefaults,
	atEncoding,
	atFile,
	atMapping,
	atPreview,
	atProgress,
	atResumeOffer,
	atSummary,
	counts,
	csvColumns,
	csvInfo,
	expectFits,
	folderEntries,
	fakeTasks,
	flat,
	liveTarget,
	mountApp,
	noColorTheme,
	outcome,
	plan,
	planOf,
	planRow,
	respondLikeWizard,
	rowCells,
	taken,
	unicodeTheme,
	type FakeTasks,
	type Mounted,
} from './wizard-fixtures.js';

// Vitest workers have no TTY, so chalk would draw no colour at all and the NO_COLOR checks would
// pass for the wrong reason. Must run before Ink (and chalk) load.
vi.hoisted(() => {
	process.env.FORCE_COLOR = '1';
	// The connect screen's placeholder reads it.
	delete process.env.JC_API_KEY;
});

afterEach(cleanupTui);

const sizes = [
	{columns: 80, rows: 24},
	{columns: 60, rows: 15},
] as const;
type Size = (typeof sizes)[number];

const endKey = '\u001B[F';
const ctrlC = keys.ctrlC;
const lines = (frame: string) => frame.split('\n');
/** The table row holding a text has the pointer. */
const pointedAt = (text: string) => (frame: string) => lineWith(frame, text).startsWith(' ❯ ');
/** Without any whitespace: a path or command wrapped over lines reads whole again. */
const squash = (frame: string) => frame.replace(/\s+/g, '');
/** The line a text is on (first match). */
const lineWith = (frame: string, text: string) => lines(frame).find((line) => line.includes(text)) ?? '';
const sgr = /\u001B\[[\d;]*m/g;
// Control characters except the newlines between lines (ESC included).
const controlExceptNewline = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

async function mounted(state: WizardState, size: Size, options: {theme?: Theme; tasks?: FakeTasks} = {}): Promise<Mounted> {
	const app = mountApp(state, {...size, ...options});
	await app.tui.waitFor((frame) => frame.length > 0);
	return app;
}

/** Below the minimum the frame says so (and only that), then the screen comes back as it was. */
async function expectTooSmallThenBack(tui: Tui, size: Size, still: string): Promise<void> {
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
function expectScreen(tui: Tui, size: Size, ...texts: string[]): string {
	const frame = tui.lastFrame();
	expectFits(frame, size.columns, size.rows);
	for (const text of texts) expect(frame, `"${text}" missing`).toContain(text);
	return frame;
}

/** A tracker fed a synthetic run: 35 of 100 rows finished in 10 s (30 created, 2 skipped, 3 failed). */
function trackedRun(): {tracker: ProgressTracker; clock: {now: number}} {
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

describe.each(sizes)('every screen at $columns×$rows', (size) => {
	const wide = size.columns >= 80;

	it('resume offer: the unfinished imports with what is done and left; Enter resumes, n starts anew', async () => {
		const {tui, tasks} = await mounted(atResumeOffer(), size);
		const frame = expectScreen(tui, size, 'Unfinished import', '2 imports did not finish', '2026-11-23 10:00', '2026-11-20 09:00', 'Created', 'Left', 'Failed', 'resume it', 'new import');
		expect(flat(frame)).toContain('Resume one (no user is created twice), or start a new import.');
		expect(lineWith(frame, '2026-11-23')).toMatch(/^ ❯ .*people.*\s120\s+380\s+3$/);
		expect(lineWith(frame, '2026-11-20')).toMatch(/contra.*\s4\s+\?\s+0$/);
		await tui.press(keys.down);
		await tui.waitFor(pointedAt('2026-11-20'));
		await expectTooSmallThenBack(tui, size, '2 imports did not finish');
		await tui.press(keys.enter);
		// No key known: the form asks for it, cursor in the key field.
		await tui.waitFor('API key:');
		expectScreen(tui, size, 'Connect', '❯ API key:', 'leave field');
		expect(tasks.recorded).toEqual([]);

		const fresh = await mounted(atResumeOffer(), size);
		await fresh.tui.press('n');
		await fresh.tui.waitFor('Where should the users go?');
		expectScreen(fresh.tui, size, 'Connect');
	});

	it('connect, sandbox: says it is simulated; Enter starts it and goes on to the file', async () => {
		const tasks = fakeTasks(respondLikeWizard());
		const {tui} = await mounted(atConnect('sandbox'), size, {tasks});
		const frame = expectScreen(tui, size, 'Connect', 'Where should the users go?', '❯ Target: ‹ the sandbox ›', '[ Connect ]', 'Enter connect');
		expect(flat(frame)).toContain('A simulated JumpCloud on this machine: nothing real is touched, and it is gone when you quit.');
		expect(frame).not.toContain('API key');
		await expectTooSmallThenBack(tui, size, 'Where should the users go?');
		await tui.press(keys.enter);
		await vi.waitFor(() => expect(tasks.recorded[0]).toMatchObject({kind: 'connect', form: {mode: 'sandbox'}}));
		expect(tui.frames.some((shown) => shown.includes('Starting the sandbox…'))).toBe(true);
		await tui.waitFor('people.csv');
		expectScreen(tui, size, 'Choose a CSV file', 'SANDBOX');
		await vi.waitFor(() => expect(tasks.recorded.map((task) => task.kind)).toEqual(['connect', 'list-folder']));
	});

	it('connect, org: the key is masked, never drawn; a bad org id is explained; Enter connects', async () => {
		const {tui, tasks} = await mounted(atConnect('jumpcloud'), size);
		expectScreen(tui, size, 'Target: ‹ a JumpCloud organization ›', '❯ API key:', 'Org id:', 'Region:', '‹ US ›', '[ Connect ]', 'Esc leave field');
		expect(flat(tui.lastFrame())).toContain('The key is kept in memory only: never written to disk or shown.');
		await tui.type('sk-secret-42');
		await tui.waitFor('************');
		expectScreen(tui, size, '❯ API key: ************');
		// Out of the field, still masked.
		await tui.press(keys.escape);
		await tui.waitFor((shown) => !shown.includes('❯ API key'));
		expect(lineWith(tui.lastFrame(), 'API key:')).toMatch(/^ {3}API key: \*{12}$/);
		await tui.press(keys.down);
		await tui.waitFor('❯ Org id:');
		await tui.type('xyz');
		await tui.press(keys.enter);
		await tui.waitFor('24 hexadecimal');
		expectScreen(tui, size, '✖ An org id is 24 hexadecimal');
		expect(tasks.recorded).toEqual([]);
		await tui.press(keys.enter); // back into the field
		for (let i = 0; i < 3; i++) await tui.press(keys.backspace);
		await tui.type('5f3c9e2a1b4d6f8e0a2c4e6f');
		await tui.press(keys.escape);
		await tui.press(keys.down);
		await tui.waitFor('❯ Region:');
		await tui.press(keys.right);
		await tui.waitFor('‹ EU ›');
		await tui.press(keys.down);
		await tui.waitFor((shown) => /❯ +\[ Connect \]/.test(shown));
		await tui.press(keys.enter);
		await tui.waitFor('Checking the key…');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'connect', form: expect.objectContaining({mode: 'jumpcloud', apiKey: 'sk-secret-42', orgId: '5f3c9e2a1b4d6f8e0a2c4e6f', region: 'eu'}), resumeId: undefined}]));
		expect(tui.frames.join('\n')).not.toContain('secret');
		await expectTooSmallThenBack(tui, size, 'Checking the key…');
		expect(tui.frames.join('\n')).not.toContain('secret');
	});

	it('file browser: folder, kinds and sizes; typing filters; Enter opens the file', async () => {
		const {tui, tasks} = await mounted(atFile(), size);
		const frame = expectScreen(tui, size, 'Choose a CSV file', '/data', 'Filter:', 'archive/', 'contractors.csv', 'people.csv', 'notes.txt', '2.0 KB', '5.2 MB', '12 B', 'folder', 'CSV', 'Enter open');
		expect(lineWith(frame, 'Filter:')).toContain('type to filter');
		expect(lineWith(frame, '..')).toMatch(/^ ❯ \.\./);
		await expectTooSmallThenBack(tui, size, 'contractors.csv');
		await tui.type('peo');
		await tui.waitFor((shown) => !shown.includes('contractors.csv'));
		const filtered = expectScreen(tui, size, 'Filter: peo', 'people.csv', '..');
		expect(filtered).not.toContain('notes.txt');
		expect(filtered).not.toContain('archive/');
		await tui.press(keys.down);
		await tui.waitFor(pointedAt('people.csv'));
		await tui.press(keys.enter);
		await tui.waitFor('Reading the file…');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'open-file', path: '/data/people.csv', encoding: undefined}]));

		// `..` always stays; at the top of the disk there is none, and nothing may match.
		const empty = await mounted(apply(atFile(), {type: 'folder-listed', dir: '/', entries: folderEntries.slice(1)}), size);
		await empty.tui.type('zzz');
		await empty.tui.waitFor('Nothing matches');
		expectScreen(empty.tui, size, 'Nothing matches');
	});

	it('encoding check: the names decoded each way; the chosen one opens the file', async () => {
		const {tui, tasks} = await mounted(atEncoding(), size);
		const frame = expectScreen(tui, size, 'Which encoding', '❯ Windows-1252 (Western Europe, Excel on Windows)', 'José Núñez · Zoë Åberg', 'Mac Roman (old Mac Excel)', 'Jos√© N√∫√±ez', 'use this encoding');
		expect(flat(frame)).toContain('This file is not UTF-8. Which line shows the names correctly?');
		await expectTooSmallThenBack(tui, size, 'Mac Roman');
		await tui.press(keys.down);
		await tui.waitFor(pointedAt('Mac Roman'));
		await tui.press(keys.enter);
		await tui.waitFor('Reading the file…');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'open-file', path: '/data/people.csv', encoding: 'macintosh'}]));
	});

	it('mapping: columns, samples (passwords hidden), targets and confidence', async () => {
		const {tui} = await mounted(atMapping(), size);
		const frame = expectScreen(tui, size, 'Map columns', 'Column', 'Match', '❯ ✔ Email', 'First Name', 'first name', 'Ada, Alan', '100%', '↷ Badge', '— ignored', '✔ Every required attribute has a column.', 'Enter change');
		expect(lineWith(frame, 'Password')).toContain('********');
		expect(tui.frames.join('\n')).not.toMatch(/s3cret|hunter2/);
		expect(lineWith(frame, 'Badge')).not.toContain('%');
		expect(frame).toContain(wide ? 'JumpCloud attribute' : 'JumpCloud attrib');
		await expectTooSmallThenBack(tui, size, 'First Name');
	});

	it('mapping: the searchable picker changes a target', async () => {
		const {tui} = await mounted(atMapping(), size);
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.waitFor('becomes:');
		const picker = expectScreen(tui, size, 'Column “First Name” becomes:', 'Search:', 'Attribute', 'ignore this column', 'username', 'Enter choose', 'Esc cancel');
		expect(lineWith(picker, 'first name')).toMatch(/^ ❯ /);
		await tui.type('job');
		await tui.waitFor((shown) => !shown.includes('username'));
		const narrowed = expectScreen(tui, size, 'Search: job', '❯ job title');
		expect(narrowed).not.toContain('last name');
		await expectTooSmallThenBack(tui, size, 'job title');
		await tui.press(keys.enter);
		await tui.waitFor('Every required attribute');
		expect(lineWith(tui.lastFrame(), 'First Name')).toMatch(/job title\s+yours$/);
	});

	it('mapping: a custom attribute is named in a field and checked', async () => {
		const {tui} = await mounted(atMapping(), size);
		await tui.press(keys.pageDown);
		await tui.press('a');
		await tui.waitFor('Custom attribute name:');
		expectScreen(tui, size, 'Custom attribute name: Badge', 'Enter save name');
		await tui.type('!');
		await tui.press(keys.enter);
		await tui.waitFor('Letters and digits only');
		expectScreen(tui, size, 'Letters and digits only');
		await tui.press(keys.backspace);
		await tui.type('2');
		await tui.press(keys.enter);
		await tui.waitFor((shown) => !shown.includes('Custom attribute name'));
		expect(lineWith(tui.lastFrame(), 'Badge')).toMatch(wide ? /custom attribute Badge2\s+yours$/ : /custom attribut.*\s+yours$/);
		expectFits(tui.lastFrame(), size.columns, size.rows);
	});

	it('mapping: a missing required attribute is named and blocks continuing', async () => {
		const {tui, tasks} = await mounted(atMapping(), size);
		await tui.press('i');
		await tui.waitFor('Required and not mapped');
		expectScreen(tui, size, '✖ Required and not mapped: username, email');
		await tui.press('c');
		await tui.waitFor('Still missing');
		expectScreen(tui, size, 'Map columns', '✖ Still missing: username, email');
		expect(tasks.recorded).toEqual([]);
		await expectTooSmallThenBack(tui, size, 'Required and not mapped');
	});

	it('mapping: says when the mapping is the one saved for these headers; c saves and goes on', async () => {
		const {tui, tasks} = await mounted(atMapping(csvColumns, {kind: 'saved', savedAt: '2026-03-01T10:00:00.000Z'}), size);
		expectScreen(tui, size, 'Using the mapping you saved for these headers', wide ? 'on 2026-03-01.' : '');
		await tui.press('c');
		await tui.waitFor('Defaults for every user');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'save-mapping', mapping: expect.objectContaining({columns: expect.any(Array)}), headers: ['Email', 'First Name', 'Last Name', 'Password', 'Badge']}]));
	});

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

	it('preview: every row with its status glyph; f for errors only; / to search', async () => {
		const {tui} = await mounted(atPreview(), size);
		const frame = expectScreen(tui, size, 'Preview', '2 to create · 1 warning · 1 error · 1 exists', 'Row', 'Username', 'Email', '✔ create  ⚠ warning  ✖ error (not sent)', 'Enter open row');
		expect(lineWith(frame, 'user1')).toMatch(/^ ❯ ✔ +1 {2}user1/);
		expect(lineWith(frame, 'user2')).toMatch(/^ {3}✖ +2 {2}user2/);
		expect(lineWith(frame, 'user3')).toMatch(/^ {3}↷ +3 {2}user3/);
		expect(lineWith(frame, 'user4')).toMatch(/^ {3}⚠ +4 {2}user4/);
		expect(lineWith(frame, 'user2')).toContain('Email: no');
		expect(lineWith(frame, 'user1')).toContain(wide ? 'Engineering' : 'Engineeri');
		if (wide) expect(frame).toContain('↷ exists (skipped)');
		await expectTooSmallThenBack(tui, size, 'user4');
		await tui.press('f');
		await tui.waitFor('errors only');
		const errors = expectScreen(tui, size, 'Showing errors only: 1 row (Esc shows all)', 'user2');
		expect(errors).not.toMatch(/user[134]/);
		await tui.press('f');
		await tui.press('/');
		await tui.waitFor('Search:');
		await tui.type('odd');
		await tui.waitFor((shown) => !shown.includes('user1'));
		expectScreen(tui, size, 'Search: odd', 'user4');
		await tui.press(keys.enter);
		await tui.waitFor('Showing search');
		const searched = expectScreen(tui, size, 'Showing search “odd”: 1 row (Esc shows all)', '⚠');
		expect(searched).not.toMatch(/user[123]/);
		await tui.press('/');
		await tui.press(keys.escape);
		await tui.waitFor('user1');
		expect(tui.lastFrame()).not.toContain('Showing');
		// A search done, and the errors-only filter: Esc takes both away first, then goes back.
		await tui.press('/');
		await tui.type('odd');
		await tui.press(keys.enter);
		await tui.press('f');
		await tui.waitFor('Showing errors only, search');
		await tui.press(keys.escape);
		await tui.waitFor('user1');
		expectScreen(tui, size, 'Preview', 'user4');
		expect(tui.lastFrame()).not.toContain('Showing');
		await tui.press(keys.escape);
		await tui.waitFor('Defaults for every user');
	});

	it('preview: a row in detail, the password shown as hidden, a cell edited and checked again', async () => {
		const edited = planOf([planRow(1, 'create'), planRow(2, 'create'), planRow(3, 'skip'), planRow(4, 'create')]);
		const tasks = fakeTasks(respondLikeWizard({planFor: (task) => (task.edits.length > 0 ? edited : plan), cells: (row) => rowCells(row, 'Leaked-Pa55')}));
		const {tui} = await mounted(taken(atPreview()), size, {tasks});
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.waitFor('(hidden)');
		const detail = expectScreen(tui, size, 'Row 2 (line 3): not sent: it has errors', 'Column', 'Attribute', 'Value', 'not-an-email', '✖ Email: not an email address', 'edit cell', 'Esc close');
		expect(lineWith(detail, 'Password')).toMatch(/password\s+\(hidden\)$/);
		expect(lineWith(detail, 'Badge')).toContain('— ignored');
		expect(tui.frames.join('\n')).not.toContain('Leaked');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'load-row', row: 2, secret: [3]}]));
		// A password is never opened for editing.
		await tui.press(keys.down);
		await tui.press(keys.down);
		await tui.press('e');
		await tui.waitFor('Passwords are never shown or edited here');
		expect(tui.frames.join('\n')).not.toContain('Leaked');
		await tui.press(keys.up);
		await tui.press(keys.up);
		await tui.press('e');
		await tui.waitFor('New value for Email:');
		expectScreen(tui, size, 'New value for Email: not-an-email', 'save and re-check');
		await expectTooSmallThenBack(tui, size, 'New value for Email:');
		for (let i = 0; i < 'not-an-email'.length; i++) await tui.press(keys.backspace);
		await tui.type('fixed@example.com');
		await tui.press(keys.enter);
		await tui.waitFor('will be created');
		await tui.waitFor('fixed@example.com');
		const after = expectScreen(tui, size, 'Row 2 (line 3): will be created');
		expect(lineWith(after, 'Email  ')).toContain(wide ? 'fixed@example.com  (edited)' : 'fixed@example.com');
		await vi.waitFor(() => expect(tasks.recorded.map((task) => task.kind)).toEqual(['load-row', 'prepare', 'load-row']));
		await vi.waitFor(() => expect(tasks.recorded[1]).toMatchObject({kind: 'prepare', edits: [{row: 2, column: 0, value: 'fixed@example.com'}]}));
		expect(tui.frames.some((shown) => shown.includes('Checking the rows again…'))).toBe(true);
		await tui.press(keys.escape);
		await tui.waitFor('3 to create · 0 warnings · 0 errors · 1 exists');
		expectScreen(tui, size, 'user2');
	});

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

	it('progress: counters, bar, rate, ETA, the latest rows and the failed ones', async () => {
		const tasks = fakeTasks();
		const {tracker} = trackedRun();
		tasks.tracker = tracker;
		const {tui} = await mounted(atProgress(), size, {tasks});
		const frame = expectScreen(tui, size, 'Importing', '35/100', '✔ 30 created', '↷ 2 skipped', '✖ 3 failed', '65 remaining', '✔ running', '3.5 users/s', 'ETA 19s', 'elapsed 10s', 'Failed (3)', 'p pause/resume', 'Ctrl+C stop');
		// Newest first in both lists; on a short terminal only the failed rows are listed, all three.
		const failed = lines(frame).slice(lines(frame).findIndex((line) => line.includes('Failed (3)')));
		expect(failed.slice(2, 5)).toEqual([expect.stringMatching(/✖ +35 {2}user35 +HTTP 400: email taken 35$/), expect.stringMatching(/✖ +34 {2}user34 +HTTP 400/), expect.stringMatching(/✖ +33 {2}user33 +HTTP 400/)]);
		if (wide) {
			const latest = lines(frame).slice(lines(frame).findIndex((line) => line.includes('Latest')));
			expect(latest[2]).toMatch(/✖ +35 {2}user35 +failed: HTTP 400: email taken 35$/);
			expect(lineWith(frame, 'user32')).toMatch(/↷ +32 {2}user32 +skipped: already exists$/);
			expect(frame).toContain('latest 5 of 35 kept');
		} else {
			expect(frame).not.toContain('Latest');
		}
		// In colour the bar is green spaces, then grey ones.
		const bar = tui.lastRawFrame().split('\n').find((line) => line.includes('35/100')) ?? '';
		const filled = /\u001B\[42m( +)/.exec(bar)?.[1]?.length ?? 0;
		const empty = /\u001B\[100m( +)/.exec(bar)?.[1]?.length ?? 0;
		expect(filled).toBeGreaterThan(0);
		expect(filled / (filled + empty)).toBeCloseTo(0.35, 1);
		await expectTooSmallThenBack(tui, size, '35/100');
	});

	it('progress: paused, throttled and stopping are said in words; p pauses, Ctrl+C stops, twice at once', async () => {
		const tasks = fakeTasks();
		const {tracker, clock} = trackedRun();
		tasks.tracker = tracker;
		const {tui} = await mounted(atProgress(), size, {tasks});
		await tui.press('p');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'pause'}]));
		tracker.track({type: 'paused'}, clock.now);
		await tui.waitFor('PAUSED (p resumes)');
		expectScreen(tui, size, '⚠ PAUSED (p resumes)');
		tracker.track({type: 'resumed'}, clock.now);
		tracker.track({type: 'throttled', rate: 4}, clock.now);
		await tui.waitFor('throttled by JumpCloud');
		expectScreen(tui, size, '⚠ throttled by JumpCloud, slowing down');
		clock.now += 6000; // the slow-down is over
		await tui.waitFor('✔ running');
		await tui.press(ctrlC);
		await vi.waitFor(() => expect(tasks.recorded.at(-1)).toEqual({kind: 'stop', hard: false}));
		tracker.track({type: 'row-started', row: 36, username: 'user36'}, clock.now);
		tracker.track({type: 'row-started', row: 37, username: 'user37'}, clock.now);
		tracker.track({type: 'stopping', hard: false}, clock.now);
		await tui.waitFor('STOPPING');
		expect(tui.lastFrame()).toContain('⚠ STOPPING: 2 in flight (Ctrl+C: at once)');
		expectScreen(tui, size, 'Importing');
		await tui.press(ctrlC);
		await vi.waitFor(() => expect(tasks.recorded.at(-1)).toEqual({kind: 'stop', hard: true}));
		tracker.track({type: 'stopping', hard: true}, clock.now);
		await tui.waitFor('STOPPING now');
		expectScreen(tui, size, '✖ STOPPING now');
	});

	it('progress: before the first row, no rate and no ETA', async () => {
		const tasks = fakeTasks();
		tasks.tracker = new ProgressTracker({now: () => 0});
		tasks.tracker.track({type: 'started', rows: 10, toDo: 10, counts: {rows: 10, created: 0, usersCreated: 0, skipped: 0, failed: 0, invalid: 0, remaining: 10, throttled: 0}, retryFailed: false}, 0);
		const {tui} = await mounted(atProgress(), size, {tasks});
		const frame = expectScreen(tui, size, '0/10', '✔ 0 created', '10 remaining', '– users/s', 'ETA –', 'No rows');
		expect(frame).not.toContain('Failed (');
	});

	it('progress: a rollback counts deletes', async () => {
		const tasks = fakeTasks();
		tasks.rollback = {deleted: 3, gone: 0, kept: 0, failed: 1, total: 10};
		const {tui} = await mounted(atProgress('rollback'), size, {tasks});
		const frame = expectScreen(tui, size, 'Rolling back', '✔ 3 deleted   ✖ 1 failed   of 10');
		expect(flat(frame)).toContain('Every delete is journaled');
		tasks.rollback.deleted = 5;
		await tui.waitFor('5 deleted');
		await expectTooSmallThenBack(tui, size, '5 deleted');
	});

	it('summary: finished, with the report files and the same import as a command', async () => {
		const tasks = fakeTasks(respondLikeWizard());
		const {tui, controls} = await mounted(atSummary(outcome({counts: counts({failed: 1, created: 1}), failedPath: '/home/ada/imports/x/failed.csv'})), size, {tasks});
		const frame = expectScreen(tui, size, 'Import finished', '✔ 1 created', '↷ 1 skipped', '✖ 1 failed', 'Import 20261123-100000-abcd', 'Results:', 'Failed rows (fix and import again):', 'The same import in a script:', 'w write report');
		// Paths are whole, wrapped when long.
		expect(squash(frame)).toContain('Results:/home/ada/.local/share/jc-import/imports/20261123-100000-abcd/results.csv');
		expect(squash(frame)).toContain('Failedrows(fixandimportagain):/home/ada/imports/x/failed.csv');
		expect(flat(frame)).toContain('1 not sent (errors) 0 left');
		// At the minimum size the command is below the fold (it is printed again on quitting).
		if (wide) expect(squash(frame)).toContain('jc-importrun/data/people.csv--mapping/home/ada/.local/share/jc-import/imports/20261123-100000-abcd/mapping.json--sandbox--yes');
		expect(frame).not.toContain('Stopped');
		await expectTooSmallThenBack(tui, size, 'Import finished');
		await tui.press('w');
		await tui.waitFor('written /data/people.results');
		expectScreen(tui, size, '✔ written /data/people.results-', 'Written: /data/people.results');
		expect(squash(tui.lastFrame())).toContain('✔written/data/people.results-20261123-100000-abcd.csv');
		await vi.waitFor(() => expect(tasks.recorded).toEqual([{kind: 'write-report'}]));
		await tui.press('q');
		await vi.waitFor(() => expect(controls.exitCode).toBe(1)); // a row failed
	});

	it('summary: stopped, with the whole resume command', async () => {
		const {tui, controls} = await mounted(atSummary(outcome({stopped: true, counts: counts({remaining: 300})}), liveTarget), size);
		const frame = expectScreen(tui, size, 'Import stopped', '300 left');
		expect(flat(frame)).toContain('⚠ Stopped: nothing is lost. u resumes it here (no user is created twice), or later: jc-import resume 20261123-100000-abcd');
		await expectTooSmallThenBack(tui, size, 'Import stopped');
		await tui.press('q');
		await vi.waitFor(() => expect(controls.exitCode).toBe(130));
	});

	it('summary: stopped in the sandbox resumes here only, never later by command', async () => {
		const {tui} = await mounted(atSummary(outcome({stopped: true, counts: counts({remaining: 3})})), size);
		const frame = expectScreen(tui, size, 'Import stopped');
		expect(flat(frame)).toContain('⚠ Stopped. u resumes it here (no user is created twice); the sandbox ends when you quit, so it cannot be resumed later.');
		expect(frame).not.toContain('jc-import resume');
	});

	it('summary: rolled back, and a rollback that stopped says how to finish it', async () => {
		const done = await mounted(atSummary(outcome({kind: 'rollback', counts: undefined, rolledBack: {deleted: 2, gone: 0, kept: 0, failed: 0, left: 0, clearedManagerOf: []}})), size);
		const frame = expectScreen(done.tui, size, 'Rolled back', '✔ 2 deleted   0 already gone   ✖ 0 failed   0 left', 'n starts a new import, q quits.');
		expect(frame).not.toContain('To finish');
		await expectTooSmallThenBack(done.tui, size, 'Rolled back');
		const stopped = await mounted(atSummary(outcome({kind: 'rollback', counts: undefined, stopped: true, rolledBack: {deleted: 1, gone: 1, kept: 1, failed: 1, left: 3, clearedManagerOf: []}})), size);
		expectScreen(stopped.tui, size, 'Rollback stopped', '✔ 1 deleted   1 already gone   ✖ 1 failed   3 left', '1 kept: this import cannot prove it made them', 'To finish: jc-import rollback 20261123-100000-abcd');
	});

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

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('fixed after the screen tests found them', () => {
	it('? opens the help on the file screen, whose filter takes every other key', async () => {
		const {tui} = await mounted(atFile(), sizes[0]);
		await tui.press('?');
		await tui.waitFor('Keys on this screen', 500);
	});

	it('Tab from the key field lands in the org id field, ready for typing', async () => {
		const {tui} = await mounted(atConnect('jumpcloud'), sizes[0]);
		await tui.type('sk-1');
		await tui.press(keys.tab);
		await tui.waitFor('❯ Org id:', 500);
	});
});

describe('the frame around every screen', () => {
	it('keeps the status line for the status: a body too tall is clipped above it, and a status does not move the body', async () => {
		const size = sizes[1];
		// Activated users with the default emails: six fields and a four-line sentence, more than 60×15 holds.
		const state = apply(atDefaults(), {type: 'command', command: 'right'}, {type: 'command', command: 'down'}, {type: 'command', command: 'right'});
		const {tui, dispatch} = await mounted(state, size);
		expect(flat(tui.lastFrame())).toContain('Users are activated: a user with a password');
		const before = lines(tui.lastFrame());
		expect(before.at(-2)?.trim()).toBe('');
		expect(before.at(-1)).toContain('c continue');
		dispatch({type: 'task-failed', message: 'Disk full'});
		await tui.waitFor('Disk full');
		const after = lines(tui.lastFrame());
		expect(after.at(-2)).toBe(' ✖ Disk full');
		expect(after.slice(0, -2)).toEqual(before.slice(0, -2));
		expectFits(tui.lastFrame(), size.columns, size.rows);
	});
});

describe('the wizard end to end, by keys alone', () => {
	it('sandbox → file → mapping → defaults → preview → confirm → progress → summary', async () => {
		const tasks = fakeTasks(respondLikeWizard());
		const {tui, dispatch, controls} = await mounted(atConnect('sandbox'), sizes[0], {tasks});
		await tui.press(keys.enter);
		await tui.waitFor('people.csv');
		await tui.type('people');
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.waitFor('Map columns');
		await tui.press('c');
		await tui.waitFor('Defaults for every user');
		await tui.press('c');
		await tui.waitFor('2 to create ·');
		await tui.press('c');
		await tui.waitFor('Where     the SANDBOX');
		await tui.press('y');
		await tui.waitFor('Importing');
		dispatch({type: 'run-finished', outcome: outcome()});
		await tui.waitFor('Import finished');
		await vi.waitFor(() => expect(tasks.recorded.map((task) => task.kind)).toEqual(['connect', 'list-folder', 'open-file', 'save-mapping', 'prepare', 'refresh-plan', 'run']));
		// Esc on the summary goes nowhere: the run is over.
		await tui.press(keys.escape);
		expect(tui.lastFrame()).toContain('Import finished');
		await tui.press('q');
		await vi.waitFor(() => expect(controls.exitCode).toBe(1)); // a row was not sent
	});

	it('Esc walks back through the steps with every choice kept', async () => {
		const {tui} = await mounted(atPreview(), sizes[0]);
		await tui.press(keys.escape);
		await tui.waitFor('Defaults for every user');
		await tui.press(keys.escape);
		await tui.waitFor('Map columns');
		await tui.press(keys.down);
		await tui.press('i');
		await tui.waitFor((frame) => /First Name.*— ignored/.test(frame));
		await tui.press('c');
		await tui.waitFor('Defaults for every user');
		await tui.press(keys.escape);
		await tui.waitFor('Map columns');
		expect(lineWith(tui.lastFrame(), 'First Name')).toContain('— ignored');
	});
});

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

const hostile = {
	title: '\u001B]0;owned\u0007',
	clear: '\u001B[2J',
	red: '\u001B[31m',
};

describe('text from the CSV is drawn inert', () => {
	const columns = [
		{index: 0, header: `Email${hostile.title}`, samples: [`ada@example.com${hostile.clear}`, 'bob@example.com\rX']},
		{index: 1, header: `First${hostile.red}Name`, samples: [`Ada${hostile.title}`, 'Bo\u0008b']},
		{index: 2, header: 'Username', samples: ['ada\u0007', 'bob']},
	];
	const evilRows = planOf([
		planRow(1, 'create', {username: `eve${hostile.title}`, email: `eve@example.com${hostile.clear}`, body: {username: 'eve', email: 'eve@example.com', firstname: `Eve\r${hostile.red}`, lastname: 'Evil', state: 'STAGED'}}),
		planRow(2, 'invalid', {username: 'mallory\r\nX', issues: [{row: 2, line: 3, column: `Email${hostile.clear}`, severity: 'error', message: `bad ${hostile.title}value`}]}),
	]);
	const evilCells = () => [
		{column: 0, header: `Email${hostile.title}`, target: 'email', value: `eve@example.com${hostile.clear}\u001B[?1049l`, secret: false},
		{column: 1, header: 'First\rName', target: 'firstname', value: `Eve${hostile.red}\u0007`, secret: false},
	];

	/** Nothing but colour codes may reach the terminal: no OSC, no clear screen, no CR, no BEL. */
	function expectInert(tui: Tui, payloadGone = true): void {
		const raw = tui.rawFrames.join('\n').replace(sgr, '');
		expect(raw).not.toMatch(controlExceptNewline);
		if (payloadGone) expect(tui.frames.join('\n')).not.toContain('owned');
	}

	it.each(sizes)('on the mapping screen and its picker, at $columns×$rows', async (size) => {
		const state = apply(atFile(), {type: 'file-opened', csv: csvInfo(columns), mapping: autoMap(columns), source: {kind: 'auto'}});
		const {tui} = await mounted(state, size);
		await tui.waitFor('Map columns');
		const frame = expectScreen(tui, size, 'Email', 'FirstName', 'Username');
		expect(lineWith(frame, 'ada@exam')).not.toContain('[2J');
		expect(frame).toContain('Ada, Bo\uFFFDb');
		expect(frame).toContain('ada\uFFFD, bob');
		expect(frame).not.toContain('owned');
		await tui.press(keys.enter);
		await tui.waitFor('becomes:');
		expectScreen(tui, size, 'Column “Email” becomes:');
		await tui.press(keys.escape);
		await tui.press('a');
		// The suggested name keeps letters and digits only: harmless, if odd.
		await tui.waitFor('Custom attribute name: Email0owned');
		expectInert(tui, false);
	});

	it.each(sizes)('on the preview, its search, the row detail and the edit field, at $columns×$rows', async (size) => {
		const tasks = fakeTasks(respondLikeWizard({cells: evilCells}));
		const {tui} = await mounted(taken(atPreview(evilRows)), size, {tasks});
		const frame = expectScreen(tui, size, 'eve', 'mallory X');
		expect(lineWith(frame, 'eve')).toContain('eve@example.com');
		expect(lineWith(frame, 'mallory')).toContain(size.columns >= 80 ? 'Email: bad value' : 'Email: b');
		await tui.press('/');
		await tui.type('eve');
		await tui.press(keys.enter);
		await tui.press(keys.enter);
		await tui.waitFor('Row 1 (line 2)');
		await tui.waitFor('Eve');
		const detail = expectScreen(tui, size, 'Email', 'First Name', 'eve@example.com');
		expect(detail).not.toContain('[2J');
		await tui.press('e');
		await tui.waitFor('New value for Email');
		expectScreen(tui, size, 'New value for Email: eve@example.com');
		await tui.press(keys.escape);
		await tui.press(keys.down);
		await tui.press('e');
		await tui.waitFor('New value for First Name');
		expectInert(tui);
	});

	it('in the file browser and the status line', async () => {
		const state = apply(atFile(), {type: 'folder-listed', dir: `/data${hostile.title}`, entries: [{name: `evil${hostile.clear}.csv`, path: '/data/evil.csv', kind: 'csv', size: 1}]});
		const {tui, dispatch} = await mounted(state, sizes[0]);
		expectScreen(tui, sizes[0], '/data', 'evil.csv');
		dispatch({type: 'task-failed', message: `Cannot read /data/evil${hostile.clear}.csv${hostile.title}: bad`});
		await tui.waitFor('Cannot read');
		expectScreen(tui, sizes[0], '✖ Cannot read /data/evil.csv: bad');
		expectInert(tui);
	});
});

describe('wide characters', () => {
	const names = planOf([
		planRow(1, 'create', {username: '山田太郎', email: '太郎@例え.jp', groups: [{id: 'g', name: 'Grp1'}], body: {username: '山田太郎', email: 'taro@example.jp', firstname: '太郎', lastname: '山田', state: 'STAGED'}}),
		planRow(2, 'create', {username: 'zoë👩‍👩‍👧‍👦', email: 'zoe@example.com', groups: [{id: 'g', name: 'Grp2'}], body: {username: 'zoe', email: 'zoe@example.com', firstname: 'Zoë 👩‍👩‍👧‍👦', lastname: 'Ng😀😀😀😀😀😀😀😀😀😀', state: 'STAGED'}}),
		planRow(3, 'create', {username: '김민준김민준김민준김민준', email: '김민준@example.kr', groups: [{id: 'g', name: 'Grp3'}], body: {username: 'minjun', email: 'minjun@example.kr', firstname: '민준', lastname: '김', state: 'STAGED'}}),
		planRow(4, 'create', {username: 'ann', email: 'ann@example.com', groups: [{id: 'g', name: 'Grp4'}]}),
	]);

	it.each(sizes)('CJK and emoji names keep the preview within $columns×$rows, columns aligned', async (size) => {
		const {tui} = await mounted(atPreview(names), size);
		const frame = expectScreen(tui, size, '山田', 'Grp1', 'Grp2', 'Grp3', 'Grp4');
		// The last column starts at the same terminal column on every row.
		const starts = ['Grp1', 'Grp2', 'Grp3', 'Grp4'].map((group) => {
			const line = lineWith(frame, group);
			return stringWidth(line.slice(0, line.indexOf(group)));
		});
		expect(new Set(starts).size).toBe(1);
		await tui.press(keys.down);
		await tui.waitFor(pointedAt('Grp2'));
		expectFits(tui.lastFrame(), size.columns, size.rows);
	});
});
