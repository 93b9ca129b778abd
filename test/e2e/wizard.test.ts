import {listImportIds} from '../../source/importer/import-store.js';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startSandbox, type Knobs, type Sandbox} from '../../source/sandbox/index.js';
import {useTempFolders} from '../support/temp-dir.js';
import {disposeAll, keys, startTerminal, type PtyTerminal, type TerminalOptions} from './pty-terminal.js';

// The wizard end to end: the built CLI in a real pty, drawn by a headless xterm, against a sandbox.
// Nothing here is timed: every wait is for something to appear, with a timeout that only says when
// to give up and show the screen.

const sample = 'fixtures/sample-users.csv';
/** A step of the wizard (a screen drawn, a plan built) on a slow, shared CI machine. */
const stepMs = 30_000;
/** A whole import of a few hundred users through a sandbox with latency. */
const importMs = 120_000;
const testMs = 300_000;

// Registered before the afterEach below, so it runs after it (hooks run as a stack): folders go once the terminals are gone.
const tempDir = useTempFolders('jc-e2e-wizard-');
const sandboxes: Sandbox[] = [];

afterEach(async () => {
	disposeAll();
	await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
});

/** A sandbox the test owns: it outlives the wizard, so a relaunch can resume against the same users. */
async function externalSandbox(knobs: Knobs = {}): Promise<{sandbox: Sandbox; env: Record<string, string>}> {
	const sandbox = await startSandbox({seed: 11, ...knobs});
	sandboxes.push(sandbox);
	return {sandbox, env: {JC_API_URL: sandbox.url, JC_API_KEY: sandbox.apiKey}};
}

/** A CSV of `count` new users at `domain`; returns its path and the emails in row order. */
function generatedCsv(count: number, domain: string): {file: string; emails: string[]} {
	const emails = Array.from({length: count}, (_, i) => `gen${i}@${domain}`);
	const lines = ['First Name,Last Name,Email', ...emails.map((email, i) => `Gen${i},User${i},${email}`)];
	const file = path.join(tempDir(), 'users.csv');
	writeFileSync(file, `${lines.join('\n')}\n`);
	return {file, emails};
}

/** Each child gets its own JC_IMPORT_HOME (imports, presets, settings): nothing leaks between tests. */
function start(options: TerminalOptions & {home?: string} = {}): PtyTerminal & {home: string} {
	const home = options.home ?? tempDir();
	const terminal = startTerminal({...options, env: {JC_IMPORT_HOME: home, ...options.env}});
	return Object.assign(terminal, {home});
}

const title = (terminal: PtyTerminal) => terminal.line(0);

/** The number before a word on screen (`✔ 12 created`, `175 left`), or undefined. */
function countOf(terminal: PtyTerminal, word: string): number | undefined {
	const match = new RegExp(`(\\d[\\d,]*) ${word}\\b`).exec(terminal.screen());
	return match ? Number(match[1]!.replaceAll(',', '')) : undefined;
}

async function waitForCreated(terminal: PtyTerminal, atLeast: number): Promise<void> {
	await terminal.waitFor(`at least ${atLeast} created`, () => (countOf(terminal, 'created') ?? 0) >= atLeast, importMs);
}

/** From the columns to the progress screen, accepting every suggestion: c, c, c, y. */
async function walkToImport(terminal: PtyTerminal): Promise<void> {
	await terminal.waitForText('Map columns', stepMs);
	terminal.press('c');
	await terminal.waitForText('Defaults for every user', stepMs);
	terminal.press('c');
	await terminal.waitForText('Preview', stepMs);
	await terminal.waitForText(' to create ', stepMs);
	terminal.press('c');
	await terminal.waitForText('Press y to start', stepMs);
	terminal.press('y');
	await terminal.waitForText('Importing', stepMs);
}

function importId(terminal: PtyTerminal): string {
	const match = /Import (\d{8}-\d{6}-[0-9a-f]+)/.exec(terminal.screen());
	if (!match) throw new Error(`no import id on screen:\n${terminal.screen()}`);
	return match[1]!;
}

type JournalRecord = {t: string; event?: string; row?: number; step?: string};

/** The journal of the only import in a home. */
function journalOf(home: string): JournalRecord[] {
	const imports = path.join(home, 'imports');
	const ids = listImportIds(imports);
	expect(ids).toHaveLength(1);
	const text = readFileSync(path.join(imports, ids[0]!, 'journal.jsonl'), 'utf8');
	return text
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as JournalRecord);
}

/** Relaunch with no file: the unfinished import is offered first; Enter, y, and it runs to its end. */
async function resumeToEnd(home: string, env: Record<string, string>): Promise<PtyTerminal> {
	const terminal = start({home, env});
	await terminal.waitForText('Unfinished import', stepMs);
	expect(title(terminal)).toMatch(/^ Unfinished import/);
	terminal.press(keys.enter);
	await terminal.waitForText('Press y to start', stepMs);
	expect(terminal.screen()).toMatch(/Resume\s+import \d{8}-/);
	terminal.press('y');
	await terminal.waitForText('Import finished', importMs);
	expect(countOf(terminal, 'failed')).toBe(0);
	expect(countOf(terminal, 'left')).toBe(0);
	terminal.press('q');
	expect(await terminal.waitForExit(stepMs)).toBe(0);
	expect(terminal.isAlternateScreen()).toBe(false);
	return terminal;
}

/** Exactly one user in the sandbox per CSV row, found by email; none created twice. */
function expectOneUserPerRow(sandbox: Sandbox, emails: string[]): void {
	const domain = emails[0]!.split('@')[1]!;
	const found = [...sandbox.directory.users.values()].map((user) => user.email).filter((email) => email.endsWith(`@${domain}`));
	const twice = found.filter((email, index) => found.indexOf(email) !== index);
	expect(twice).toEqual([]);
	expect(found.sort()).toEqual([...emails].sort());
}

/** An SGR that sets a foreground or background colour (30–37, 38;…, 39 aside, 40–47, 48;…, 90–97, 100–107). */
const colourSgr = /\u001b\[(?:\d+;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;\d+)*m/;

describe('the wizard in a real terminal', () => {
	it(
		'walks every screen to a finished import in the in-process sandbox, then gives the normal screen back with a summary',
		async () => {
			const terminal = start({args: [sample, '--sandbox']});
			const screens: Array<[title: string, keys: string]> = [
				['Map columns', 'c'],
				['Defaults for every user', 'c'],
				['Preview', 'c'],
				['Confirm', 'y'],
				['Importing', ''],
				['Import finished', 'q'],
			];
			for (const [name, key] of screens) {
				await terminal.waitForText(name, name === 'Import finished' ? importMs : stepMs);
				if (name === 'Preview') await terminal.waitForText(' to create ', stepMs);
				// Confirm shows the plan once it is checked against the directory again.
				if (name === 'Confirm') await terminal.waitForText('Press y to start', stepMs);
				// The title on the left of the first line, the SANDBOX badge on its right, on every screen.
				expect(title(terminal)).toMatch(new RegExp(`^ ${name} `));
				expect(title(terminal)).toMatch(/ SANDBOX ?$/);
				if (key) terminal.press(key);
			}
			expect(terminal.screen()).toMatch(/10 created\s+\S+ 2 skipped\s+\S+ 0 failed/);
			const id = importId(terminal);
			expect(await terminal.waitForExit(stepMs)).toBe(0);
			expect(terminal.isAlternateScreen()).toBe(false);
			// What stays in the scrollback once the wizard is gone.
			const lines = terminal.text().split('\n');
			expect(lines[0]).toBe(`jc-import: import ${id}: 10 created, 2 skipped, 0 failed, 0 not sent (errors), 0 left.`);
			// A script cannot reach the in-process sandbox: said, rather than a command that imports into a new, empty one.
			expect(terminal.text()).toContain('The same import in a script: none: a script cannot reach this sandbox');
			expect(terminal.text()).not.toContain('--sandbox --yes');
			expect(terminal.text()).not.toContain('Import finished');
			// Colour is on by default: the NO_COLOR test below is not passing for want of any colour.
			expect(terminal.raw()).toMatch(colourSgr);
		},
		testMs,
	);

	it(
		'a target changed in the picker and a column ignored reach the users created',
		async () => {
			const {sandbox, env} = await externalSandbox();
			const terminal = start({args: [sample], env});
			await terminal.waitForText('Map columns', stepMs);
			const rowOf = (column: string) => terminal.screen().split('\n').find((line) => line.includes(column)) ?? '';
			expect(rowOf('Department')).toContain('department');

			// Department: 5 rows down from First Name; Enter opens the picker, a search narrows it.
			for (let i = 0; i < 5; i++) terminal.press(keys.down);
			await terminal.waitFor('cursor on Department', () => /[❯>] \S+ Department/.test(terminal.screen()));
			terminal.press(keys.enter);
			await terminal.waitForText('Column “Department” becomes:', stepMs);
			// Key by key, each seen in the field before the next (fast typing has its own test below).
			await typeWatching(terminal, 'cost', 'Search:');
			await terminal.waitFor('only cost center left in the list', () => /[❯>] cost center/.test(terminal.screen()) && !terminal.screen().includes('first name'));
			terminal.press(keys.enter);
			await terminal.waitFor('Department now becomes cost center', () => rowOf('Department').includes('cost center'));
			expect(terminal.screen()).not.toContain('becomes:');

			// Office City: 3 rows further; i ignores it.
			for (let i = 0; i < 3; i++) terminal.press(keys.down);
			await terminal.waitFor('cursor on Office City', () => /[❯>] \S+ Office City/.test(terminal.screen()));
			terminal.press('i');
			await terminal.waitFor('Office City ignored', () => rowOf('Office City').includes('ignored'));
			expect(rowOf('Department')).toContain('cost center');

			terminal.press('c');
			await terminal.waitForText('Defaults for every user', stepMs);
			terminal.press('c');
			await terminal.waitForText(' to create ', stepMs);
			terminal.press('c');
			await terminal.waitForText('Press y to start', stepMs);
			terminal.press('y');
			await terminal.waitForText('Import finished', importMs);
			expect(terminal.screen()).toMatch(/10 created\s+\S+ 2 skipped\s+\S+ 0 failed/);
			terminal.press('q');
			expect(await terminal.waitForExit(stepMs)).toBe(0);

			const csv = readFileSync(sample, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
			const seeded = new Set(['ada.lovelace@example.com', 'jane.smith@example.com']);
			const created = csv.filter((cells) => !seeded.has(cells[2]!));
			expect(created).toHaveLength(10);
			for (const cells of created) {
				const [email, department, city] = [cells[2]!, cells[5]!, cells[8]!];
				const user = [...sandbox.directory.users.values()].find((candidate) => candidate.email === email);
				expect(user, email).toBeDefined();
				expect(user!.costCenter).toBe(department);
				expect(user!.department).toBeUndefined();
				// The ignored city is nowhere on the user (no work address, no location).
				expect(JSON.stringify(user)).not.toContain(city);
			}
		},
		testMs,
	);

	it(
		'typing at 10 ms a key into the target picker keeps every character, in order',
		async () => {
			const terminal = start({args: [sample, '--sandbox']});
			await terminal.waitForText('Map columns', stepMs);
			terminal.press(keys.enter);
			await terminal.waitForText('becomes:', stepMs);
			await terminal.type('cost cen');
			await terminal.waitFor('the whole search in the field', (screen) => /Search: cost cen\s*$/m.test(screen));
			expect(terminal.screen()).toMatch(/[❯>] cost center/);
		},
		testMs,
	);

	it(
		'survives resizes mid-import (bigger, too small, back) and ends on a clean screen',
		async () => {
			const {sandbox, env} = await externalSandbox({latencyMs: 40});
			const {file, emails} = generatedCsv(150, 'resize.example.com');
			const terminal = start({args: [file], env});
			await walkToImport(terminal);
			await waitForCreated(terminal, 1);
			// Slower answers while the terminal changes size, so the import is still running throughout.
			sandbox.setKnobs({latencyMs: 300});
			const rule = (columns: number) => ` ${'─'.repeat(columns - 2)}`;

			terminal.resize(100, 30);
			await terminal.waitFor('the frame redrawn at 100×30', (screen) => screen.split('\n')[1] === rule(100) && /^ Importing /.test(screen));
			// The frame is rows-1 tall: the hints on row 28, nothing under them.
			expect(terminal.line(28)).toMatch(/Ctrl\+C/);
			expect(terminal.line(29)).toBe('');
			const bar = terminal.screen().split('\n').find((line) => / [\d,]+\/150$/.test(line)) ?? '';
			expect(bar.length).toBeGreaterThan(80);

			terminal.resize(50, 12);
			await terminal.waitForText('Terminal too small', stepMs);
			expect(terminal.screen()).toContain('Terminal too small: need 60×15, have 50×12');

			terminal.resize(80, 24);
			await terminal.waitFor('the frame redrawn at 80×24', (screen) => screen.split('\n')[1] === rule(80) && !screen.includes('too small'));
			expect(title(terminal)).toMatch(/^ Import(ing|\sfinished) /);
			sandbox.setKnobs({latencyMs: 0});
			await terminal.waitForText('Import finished', importMs);
			expect(countOf(terminal, 'created')).toBe(150);

			const final = terminal.screen();
			const lines = final.split('\n');
			expect(lines).toHaveLength(24);
			expect(lines[0]).toMatch(/^ Import finished +JumpCloud 127\.0\.0\.1:\d+$/);
			expect(lines[1]).toBe(rule(80));
			// Inside the frame's padding: nothing in the last column, every drawn line indented by one.
			for (const line of lines) {
				expect(line.length).toBeLessThanOrEqual(79);
				if (line !== '') expect(line).toMatch(/^ \S/);
			}
			expect(lines[23]).toBe('');
			for (const leftover of ['Terminal too small', 'Importing', 'Latest', '█', '░', 'running', 'remaining']) {
				expect(final).not.toContain(leftover);
			}
			// The incremental redraw must equal a full one: a resize there and back clears and redraws whole.
			terminal.resize(81, 24);
			await terminal.waitFor('the frame redrawn at 81×24', (screen) => screen.split('\n')[1] === rule(81));
			terminal.resize(80, 24);
			await terminal.waitFor('the frame redrawn at 80×24 again', (screen) => screen === final);

			terminal.press('q');
			expect(await terminal.waitForExit(stepMs)).toBe(0);
			expectOneUserPerRow(sandbox, emails);
		},
		testMs,
	);

	describe('stopped mid-import, then resumed by relaunching', () => {
		it(
			'Ctrl+C stops after the requests in flight (exit 130, resume command printed); a relaunch resumes to one user per row',
			async () => {
				const {sandbox, env} = await externalSandbox({latencyMs: 40});
				const {file, emails} = generatedCsv(200, 'stop.example.com');
				const terminal = start({args: [file], env});
				await walkToImport(terminal);
				await waitForCreated(terminal, 10);
				terminal.press(keys.ctrlC);
				await terminal.waitForText('Import stopped', stepMs);
				expect(countOf(terminal, 'left')).toBeGreaterThan(0);
				const id = importId(terminal);
				expect(terminal.screen()).toContain('later: jc-import resume');
				terminal.press('q');
				expect(await terminal.waitForExit(stepMs)).toBe(130);
				expect(terminal.isAlternateScreen()).toBe(false);
				expect(terminal.text()).toMatch(new RegExp(`^jc-import: import ${id}: \\d+ created`, 'm'));
				expect(terminal.text()).toContain(`jc-import resume ${id}`);
				// A graceful stop: every row sent was answered and journaled, then the run says it stopped.
				const journal = journalOf(terminal.home);
				expect(journal.at(-1)).toMatchObject({t: 'run', event: 'stopped'});
				const intents = journal.filter((record) => record.t === 'intent').map((record) => record.row);
				const done = new Set(journal.filter((record) => record.t === 'done').map((record) => record.row));
				expect(intents.filter((row) => !done.has(row))).toEqual([]);

				await resumeToEnd(terminal.home, env);
				expectOneUserPerRow(sandbox, emails);
			},
			testMs,
		);

		it(
			'a second Ctrl+C stops at once, abandoning requests in flight; a relaunch still resumes to one user per row',
			async () => {
				const {sandbox, env} = await externalSandbox({latencyMs: 40});
				const {file, emails} = generatedCsv(200, 'hard.example.com');
				const terminal = start({args: [file], env});
				await walkToImport(terminal);
				await waitForCreated(terminal, 10);
				// Requests now take long enough that the graceful stop is still waiting when the second Ctrl+C comes.
				sandbox.setKnobs({latencyMs: 2_000});
				const sent = sandbox.stats.requests;
				await until(() => sandbox.stats.requests >= sent + 3);
				terminal.press(keys.ctrlC);
				await terminal.waitForText('STOPPING', stepMs);
				terminal.press(keys.ctrlC);
				await terminal.waitForText('Import stopped', stepMs);
				expect(countOf(terminal, 'left')).toBeGreaterThan(0);
				terminal.press('q');
				expect(await terminal.waitForExit(stepMs)).toBe(130);
				expect(terminal.isAlternateScreen()).toBe(false);
				const journal = journalOf(terminal.home);
				const done = new Set(journal.filter((record) => record.t === 'done').map((record) => record.row));
				const abandoned = journal.filter((record) => record.t === 'intent' && !done.has(record.row));
				expect(abandoned.length).toBeGreaterThan(0);

				// The abandoned creates still land (the server finishes what it was sent); resume after they have.
				sandbox.setKnobs({latencyMs: 40});
				await until(() => inFlight(sandbox) === 0);
				await resumeToEnd(terminal.home, env);
				expectOneUserPerRow(sandbox, emails);
			},
			testMs,
		);

		it(
			'SIGHUP stops like Ctrl+C, exits 130 by itself with the run journaled as stopped; a relaunch resumes to one user per row',
			async () => {
				const {sandbox, env} = await externalSandbox({latencyMs: 40});
				const {file, emails} = generatedCsv(200, 'hangup.example.com');
				const terminal = start({args: [file], env});
				await walkToImport(terminal);
				await waitForCreated(terminal, 10);
				terminal.kill('SIGHUP');
				expect(await terminal.waitForExit(stepMs)).toBe(130);
				expect(terminal.isAlternateScreen()).toBe(false);
				expect(terminal.text()).toMatch(/jc-import resume \d{8}-/);
				const journal = journalOf(terminal.home);
				expect(journal.at(-1)).toMatchObject({t: 'run', event: 'stopped'});
				const done = new Set(journal.filter((record) => record.t === 'done').map((record) => record.row));
				expect(journal.filter((record) => record.t === 'intent' && !done.has(record.row))).toEqual([]);

				await until(() => inFlight(sandbox) === 0);
				await resumeToEnd(terminal.home, env);
				expectOneUserPerRow(sandbox, emails);
			},
			testMs,
		);
	});

	it(
		'cells holding escape sequences are drawn as plain text: no title change, no clear, no colour, no link, no bidi',
		async () => {
			const esc = '\u001b';
			const bel = '\u0007';
			const hostile = {
				first: `Eve${esc}]0;pwned${bel}`,
				last: `Title${esc}]2;pwned${bel}Two`,
				job: `Line\rFeed\bX`,
				department: `${esc}[31m${esc}[38;2;1;2;3mRedDept${esc}[0m`,
				id: `${esc}[2J0999`,
				city: `${esc}]8;;https://evil.example/${bel}LinkCity${esc}]8;;${bel}\u202Eevil`,
			};
			const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
			const rows = [
				['First Name', 'Last Name', 'Email', 'Job Title', 'Department', 'Employee ID', 'Office City'],
				['Amy', 'Able', 'amy.able@escape.example.com', 'Clerk', 'Ops', '100', 'Oslo'],
				[hostile.first, hostile.last, 'eve.evil@escape.example.com', hostile.job, hostile.department, hostile.id, hostile.city],
				['Bob', 'Best', 'bob.best@escape.example.com', 'Clerk', 'Ops', '101', 'Oslo'],
			];
			const file = path.join(tempDir(), 'hostile.csv');
			writeFileSync(file, `${rows.map((row) => row.map(quote).join(',')).join('\n')}\n`);

			const terminal = start({args: [file, '--sandbox']});
			await terminal.waitForText('Map columns', stepMs);
			terminal.press('c');
			await terminal.waitForText('Defaults for every user', stepMs);
			terminal.press('c');
			await terminal.waitForText(' to create ', stepMs);
			await terminal.waitForText('eve.evil', stepMs);
			terminal.press(keys.down);
			await terminal.waitFor('cursor on row 2', () => /[❯>] \S+\s+2 /.test(terminal.screen()));
			terminal.press(keys.enter);
			await terminal.waitForText('Row 2 (line 3)', stepMs);
			// The cells, once read (the warnings above them name the values too, drawn first).
			await terminal.waitFor('the row cells', (shown) => shown.includes('Attribute') && !shown.includes('Reading the row'), stepMs);

			const screen = terminal.screen();
			// Each cell as it is sent: escape sequences gone whole, other controls removed (a line break shown as a space).
			expect(screen).toMatch(/first name\s+Eve\s*$/m);
			expect(screen).toMatch(/last name\s+TitleTwo\s*$/m);
			expect(screen).toMatch(/job title\s+Line FeedX\s*$/m);
			expect(screen).toMatch(/department\s+RedDept\s*$/m);
			expect(screen).toMatch(/employee ID\s+0999\s*$/m);
			expect(screen).toMatch(/LinkCityevil\s*$/m);
			expect(screen).not.toContain('pwned');
			expect(screen).not.toContain('\u202E');
			expect(screen).not.toContain('evil.example');
			// Drawn in the default colour, not red.
			expect(terminal.foregroundOf('RedDept')).toEqual(Array(7).fill('default'));

			// Nothing from the cells reached the terminal as a sequence, in any frame drawn so far.
			const raw = terminal.raw();
			expect(terminal.titles()).toEqual([]);
			for (const sequence of [']0;pwned', ']2;pwned', `${esc}[2J0999`, `${esc}[31m${esc}[38;2;1;2;3m`, `${esc}[38;2;1;2;3m`, `${esc}[31mRedDept`, ']8;;', 'evil.example', '\u202E', 'Line\rFeed', 'Feed\bX']) {
				expect(raw, JSON.stringify(sequence)).not.toContain(sequence);
			}
			terminal.press(keys.escape);
			await terminal.waitForText(' to create ', stepMs);
			terminal.press(keys.ctrlC);
			expect(await terminal.waitForExit(stepMs)).toBe(130);
			expect(terminal.titles()).toEqual([]);
			expect(terminal.isAlternateScreen()).toBe(false);
		},
		testMs,
	);

	describe('plain output', () => {
		it(
			'NO_COLOR=1: not one colour sequence in the whole run, and the badge still says SANDBOX',
			async () => {
				const terminal = start({args: [sample, '--sandbox'], env: {NO_COLOR: '1'}});
				await walkToImport(terminal);
				expect(title(terminal)).toMatch(/\[SANDBOX\]$/);
				await terminal.waitForText('Import finished', importMs);
				terminal.press('q');
				expect(await terminal.waitForExit(stepMs)).toBe(0);
				const found = terminal.raw().match(new RegExp(colourSgr, 'g')) ?? [];
				expect(found).toEqual([]);
			},
			testMs,
		);

		it(
			'--ascii: every screen drawn in ASCII only, with > as the pointer and +, -, x as statuses',
			async () => {
				// ASCII data too, so any other character on screen comes from the wizard itself.
				const lines = [
					'First Name,Last Name,Email,Department',
					'Ann,Ascii,ann.ascii@ascii.example.com,Ops',
					'Jane,Smith,jane.smith@example.com,Ops',
					'Bad,Row,not-an-email,Ops',
					'Ben,Ascii,ben.ascii@ascii.example.com,Ops',
				];
				const file = path.join(tempDir(), 'ascii.csv');
				writeFileSync(file, `${lines.join('\n')}\n`);
				const terminal = start({args: [file, '--sandbox', '--ascii']});
				const offending: string[] = [];
				const check = (where: string) => {
					const screen = terminal.screen();
					const others = [...new Set(screen.replace(/[\x20-\x7e\n]/g, ''))];
					if (others.length > 0) offending.push(`${where}: ${others.join(' ')}`);
				};

				await terminal.waitForText('Map columns', stepMs);
				check('Map columns');
				expect(terminal.screen()).toMatch(/^ > \+ First Name/m);
				terminal.press(keys.enter);
				await terminal.waitForText('becomes:', stepMs);
				check('the target picker');
				terminal.press(keys.escape);
				await terminal.waitFor('picker closed', (screen) => !screen.includes('becomes:'));
				terminal.press('?');
				await terminal.waitForText('Keys on this screen', stepMs);
				check('the ? help');
				terminal.press('?');
				await terminal.waitFor('help closed', (screen) => !screen.includes('Keys on this screen'));
				terminal.press('c');
				await terminal.waitForText('Defaults for every user', stepMs);
				check('Defaults for every user');
				terminal.press('c');
				await terminal.waitForText(' to create ', stepMs);
				check('Preview');
				const preview = terminal.screen();
				expect(preview).toMatch(/^ > \+ +1 +ann\.ascii/m);
				expect(preview).toMatch(/^ {3}- +2 +jane\.smith/m);
				expect(preview).toMatch(/^ {3}x +3 /m);
				terminal.press(keys.enter);
				await terminal.waitForText('Row 1 (line 2)', stepMs);
				check('a row opened');
				terminal.press(keys.escape);
				await terminal.waitFor('row closed', (screen) => screen.includes(' to create '));
				terminal.press('c');
				await terminal.waitForText('Press y to start', stepMs);
				check('Confirm');
				terminal.press('y');
				await terminal.waitForText('Importing', stepMs);
				check('Importing');
				await terminal.waitForText('Import finished', importMs);
				check('Import finished');
				terminal.press('q');
				expect(await terminal.waitForExit(stepMs)).toBe(1);
				check('the normal screen after');
				expect(terminal.raw()).not.toMatch(/[\u2500-\u257f\u2580-\u259f]/);
				expect(offending).toEqual([]);
			},
			testMs,
		);
	});
});

/** Types key by key, waiting for the field labelled `label` to show what was typed so far (no spaces: a trailing one does not show). */
async function typeWatching(terminal: PtyTerminal, text: string, label: string): Promise<void> {
	let typed = '';
	for (const char of text) {
		terminal.press(char);
		typed += char;
		const expected = `${label} ${typed}`;
		await terminal.waitFor(`"${expected}" in the field`, (screen) => screen.split('\n').some((line) => line.trimEnd().endsWith(expected)));
	}
}

/** In-flight requests at the sandbox: arrived, not yet answered. */
function inFlight(sandbox: Sandbox): number {
	const answered = Object.values(sandbox.stats.byStatus).reduce((sum, count) => sum + count, 0);
	return sandbox.stats.requests - answered - sandbox.stats.dropped - sandbox.stats.droppedAfterCommit;
}

async function until(condition: () => boolean, timeoutMs = stepMs): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}
