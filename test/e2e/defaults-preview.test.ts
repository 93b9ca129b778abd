import {afterEach, describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {disposeAll, keys, startTerminal, type PtyTerminal} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-defaults-');

// Defaults and the preview's search, in a real pty at 80x24: the built CLI with its in-process
// sandbox and the sample file. Nothing is timed: every wait is for the screen to become something.

const stepMs = 30_000;

afterEach(disposeAll);

const flat = (screen: string) => screen.replace(/\s+/g, ' ');
/** The line the pointer is on. */
const selected = (screen: string) => screen.split('\n').find((line) => line.startsWith(' ❯ ')) ?? '';
/** The title line. */
const title = (terminal: PtyTerminal) => terminal.line(0);

async function atDefaults(): Promise<PtyTerminal> {
	const terminal = startTerminal({args: ['fixtures/sample-users.csv', '--sandbox'], env: {JC_IMPORT_HOME: tempFolder(), CI: 'false'}});
	await terminal.waitForText('Map columns', stepMs);
	terminal.press('c');
	await terminal.waitForText('Defaults for every user', stepMs);
	await terminal.waitFor('the pointer on State', (screen) => selected(screen).includes('State'), stepMs);
	return terminal;
}

async function pointTo(terminal: PtyTerminal, label: string): Promise<void> {
	terminal.press(keys.down);
	await terminal.waitFor(`the pointer on ${label}`, (screen) => selected(screen).includes(label), stepMs);
}

describe('Defaults, in a real terminal', () => {
	it(
		'a number typed on the MFA window replaces it (45, not 2145); ←→ step it',
		async () => {
			const terminal = await atDefaults();
			await pointTo(terminal, 'Require MFA');
			terminal.press(keys.right);
			await terminal.waitForText('‹ 21 days › from activation', stepMs);
			await pointTo(terminal, 'MFA window');
			terminal.press(keys.enter);
			await terminal.waitForText('21 now: type 0 to 365, Enter', stepMs);
			await terminal.type('45');
			terminal.press(keys.enter);
			await terminal.waitFor('the window of 45 days', (screen) => selected(screen).includes('‹ 45 days › from activation'), stepMs);
			expect(terminal.screen()).not.toContain('2145');
			expect(flat(terminal.screen())).toContain('their 45-day MFA enrolment window starts when they are activated.');
			terminal.press(keys.right);
			await terminal.waitFor('a step up from 45', (screen) => /‹ (\d+) days ›/.test(selected(screen)) && !selected(screen).includes('‹ 45 days ›'), stepMs);
			const stepped = Number(/‹ (\d+) days ›/.exec(selected(terminal.screen()))![1]);
			expect(stepped).toBeGreaterThan(45);
		},
		120_000,
	);

	it(
		'email none without passwords warns they cannot sign in; "all to one address" asks for the address at once, and c without one says to give it and stays',
		async () => {
			const terminal = await atDefaults();
			terminal.press(keys.right);
			await terminal.waitForText('‹ activated: can sign in ›', stepMs);
			await pointTo(terminal, 'Email');
			// "none" (the first choice once activated), for a file with no passwords: they cannot sign in, and the screen says so.
			expect(selected(terminal.screen())).toContain('‹ none ›');
			expect(flat(terminal.screen())).toContain('Users are activated and no email is sent, and the file has no passwords: they cannot sign in until each is sent an activation email from the console.');
			terminal.press(keys.right);
			await terminal.waitForText('welcome/activation email ›', stepMs);
			terminal.press(keys.right);
			// The address line opens for typing by itself, and the sentence asks for it.
			await terminal.waitForText('type the address, Enter', stepMs);
			expect(flat(terminal.screen())).toContain('every welcome and activation email goes to one address, not to the users: give it on the Address line.');
			expect(terminal.screen()).not.toContain('goes to ,');
			terminal.press(keys.escape);
			await terminal.waitForText('(Enter to type it)', stepMs);
			terminal.press('c');
			await terminal.waitForText('Give the address the emails go to (Enter on the address line).', stepMs);
			expect(title(terminal)).toMatch(/^ Defaults for every user/);
			expect(selected(terminal.screen())).toContain('Address');

			terminal.press(keys.enter);
			await terminal.waitForText('type the address, Enter', stepMs);
			await terminal.type('it@example.com');
			terminal.press(keys.enter);
			await terminal.waitFor('the sentence naming the address', (screen) => flat(screen).includes('every welcome and activation email goes to it@example.com, not to the users.'), stepMs);
			terminal.press('c');
			await terminal.waitForText(' to create ', stepMs);
			expect(title(terminal)).toMatch(/^ Preview/);
		},
		120_000,
	);
});

describe('the preview search, in a real terminal', () => {
	it(
		'the active search is named with how to clear it; Esc clears it first, and only then goes back',
		async () => {
			const terminal = await atDefaults();
			terminal.press('c');
			await terminal.waitForText(' to create ', stepMs);
			terminal.press('/');
			await terminal.waitForText('Search:', stepMs);
			await terminal.type('hopper');
			terminal.press(keys.enter);
			await terminal.waitForText('Showing search “hopper”: 1 row (Esc shows all)', stepMs);
			// The rows shown are the ones found: Grace Hopper is, Katherine Johnson is not.
			expect(terminal.screen()).toContain('grace.hopper');
			expect(terminal.screen()).not.toContain('katherine.johnson');

			terminal.press(keys.escape);
			await terminal.waitFor('the search gone, still on Preview', (screen) => !screen.includes('Showing') && screen.includes('katherine.johnson'), stepMs);
			expect(title(terminal)).toMatch(/^ Preview/);

			// Errors only and a search together: both named; one Esc takes both away.
			terminal.press('f');
			await terminal.waitForText('Showing errors only: 0 rows (Esc shows all)', stepMs);
			terminal.press('/');
			await terminal.waitForText('Search:', stepMs);
			await terminal.type('ada');
			terminal.press(keys.enter);
			await terminal.waitForText('Showing errors only, search “ada”: 0 rows (Esc shows all)', stepMs);
			terminal.press(keys.escape);
			await terminal.waitFor('no filter, still on Preview', (screen) => !screen.includes('Showing') && screen.includes('katherine.johnson'), stepMs);
			expect(title(terminal)).toMatch(/^ Preview/);

			// Typing a search, Esc clears what was typed and stays.
			terminal.press('/');
			await terminal.waitForText('Search:', stepMs);
			await terminal.type('zzz');
			await terminal.waitFor('nothing found', (screen) => !screen.includes('katherine.johnson'), stepMs);
			terminal.press(keys.escape);
			await terminal.waitFor('the search cleared, still on Preview', (screen) => !screen.includes('Search:') && screen.includes('katherine.johnson'), stepMs);
			expect(title(terminal)).toMatch(/^ Preview/);

			// With nothing to clear, Esc goes back.
			terminal.press(keys.escape);
			await terminal.waitFor('Defaults again', (screen) => screen.startsWith(' Defaults for every user'), stepMs);
		},
		120_000,
	);
});
