import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {keys, type PtyTerminal, startTerminal, useOwnSandboxes} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-wrapped-');

// Issue 15, on a real terminal: wrapped lines keep their indent (Defaults' email sentence), and what a
// narrow screen cuts can still be read whole (a custom attribute's name on Map columns; the progress
// screen's state line and where the users go, during an import). The built CLI in a pty; nothing is
// timed: every wait is for the screen (or the sandbox) to become something.

const stepMs = 30_000;
const ctrlE = '\u0005';
const ctrlU = '\u0015';

const ownSandbox = useOwnSandboxes();

const squeezed = (text: string) => text.replace(/\s+/g, '');
const lines = (screen: string) => screen.split('\n');
const indentOf = (line: string) => line.length - line.trimStart().length;
/** The line the pointer is on (a table's selected row, or a field's). */
const pointed = (screen: string) => lines(screen).find((line) => line.startsWith(' ❯ ')) ?? '';

/**
 * The screen lines holding `sentence`, from the one it starts on, as long as each goes on with the
 * sentence's next words (at 60x15 the screen may show only its start).
 */
function sentenceLines(screen: string, sentence: string): string[] {
	const all = lines(screen);
	const words = sentence.split(' ');
	const start = all.findIndex((line) => line.trim().startsWith(words.slice(0, 4).join(' ')));
	if (start < 0) return [];
	const found: string[] = [];
	let sofar = '';
	for (const line of all.slice(start)) {
		const next = sofar === '' ? line.trim() : `${sofar} ${line.trim()}`;
		if (line.trim() === '' || !sentence.startsWith(next)) break;
		found.push(line);
		sofar = next;
	}
	return found;
}

async function waitForCondition(what: string, condition: () => boolean, terminal: PtyTerminal): Promise<void> {
	const deadline = Date.now() + stepMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`${what}: not so within ${stepMs} ms; the screen:\n${terminal.screen()}`);
		await sleep(25);
	}
}

describe('Defaults: the email sentence, wrapped, keeps its indent', () => {
	const welcome =
		'Users are activated: a user with a password in the file gets the welcome email at their email; the others get an activation email to set a password, at their alternate email if they have one, else their email.';
	const oneAddress = 'Users are activated; every welcome and activation email goes to one address, not to the users: give it on the Address line.';

	for (const [columns, rows] of [
		[80, 24],
		[60, 15],
	] as const) {
		it(
			`every line of the sentence starts under its first character, none at column 0 (${columns}x${rows})`,
			async () => {
				const terminal = startTerminal({args: ['fixtures/sample-users.csv', '--sandbox'], env: {JC_IMPORT_HOME: tempFolder(), CI: 'false'}, columns, rows});
				await terminal.waitForText('Map columns', stepMs);
				terminal.press('c');
				await terminal.waitForText('Defaults for every user', stepMs);
				await terminal.waitFor('the pointer on State', (screen) => pointed(screen).includes('State'), stepMs);
				terminal.press(keys.right);
				await terminal.waitForText('‹ activated: can sign in ›', stepMs);
				terminal.press(keys.down);
				await terminal.waitFor('the pointer on Email', (screen) => pointed(screen).includes('Email'), stepMs);

				const expectIndented = (sentence: string, whole: boolean) => {
					const shown = sentenceLines(terminal.screen(), sentence);
					// Wrapped over lines at both sizes (at 60x15 the frame may clip its end, never its start).
					expect(shown.length, terminal.screen()).toBeGreaterThanOrEqual(2);
					if (whole) expect(shown.map((line) => line.trim()).join(' ')).toBe(sentence);
					const first = indentOf(shown[0]!);
					expect(first).toBeGreaterThan(0);
					// Each continuation starts where the sentence's first character is: not at column 0, not a column further in.
					expect(shown.map(indentOf), shown.join('\n')).toEqual(shown.map(() => first));
				};

				// JumpCloud's own emails: the longest sentence (three lines at 80 columns).
				terminal.press(keys.right);
				await terminal.waitForText('‹ JumpCloud’s welcome/activation email ›', stepMs);
				await terminal.waitFor('the welcome sentence', (screen) => sentenceLines(screen, welcome).length >= 2, stepMs);
				expectIndented(welcome, columns === 80);

				// All to one address, before it is given.
				terminal.press(keys.right);
				await terminal.waitForText('‹ all to one address ›', stepMs);
				await terminal.waitFor('the one-address sentence', (screen) => sentenceLines(screen, oneAddress).length >= 2, stepMs);
				expectIndented(oneAddress, columns === 80);
			},
			120_000,
		);
	}
});

describe('Map columns: a long custom attribute name, cut by the table, is shown whole', () => {
	it(
		'at 60x15 the selected row names its column and attribute in full under the table; a row that fits has no such line',
		async () => {
			const home = tempFolder();
			const file = path.join(home, 'badges.csv');
			// JumpCloud attribute names: letters and digits, at most 31. The last header names one itself.
			const typed = 'EmployeeCostCenterCode2026';
			const named = 'ThisIsAVeryLongCustomAttribute1';
			writeFileSync(file, `First Name,Last Name,Email,Badge,attribute:${named}\nAda,Lovelace,ada@example.com,B-1,x1\nGrace,Hopper,grace@example.com,B-2,x2\n`);
			const terminal = startTerminal({args: [file, '--sandbox'], env: {JC_IMPORT_HOME: home, CI: 'false'}, columns: 60, rows: 15});
			await terminal.waitForText('Map columns', stepMs);
			// Rows that fit: nothing under the table repeats them.
			expect(terminal.screen()).not.toContain('→');

			// Badge, made a custom attribute with a long name by hand.
			for (const column of ['Last Name', 'Email', 'Badge']) {
				terminal.press(keys.down);
				await terminal.waitFor(`the pointer on ${column}`, (screen) => pointed(screen).includes(column), stepMs);
			}
			terminal.press('a');
			await terminal.waitForText('Custom attribute name:', stepMs);
			terminal.press(ctrlU);
			await terminal.type(typed);
			await terminal.waitForText(typed, stepMs);
			terminal.press(keys.enter);
			await terminal.waitFor('the custom attribute in full', (screen) => !screen.includes('Custom attribute name:') && squeezed(screen).includes(squeezed(`❯ “Badge” → custom attribute ${typed}`)), stepMs);
			let screen = terminal.screen();
			// The table cuts it: its row holds the start of the name only.
			expect(pointed(screen)).toContain('Badge');
			expect(pointed(screen)).toContain('…');
			expect(pointed(screen)).not.toContain(typed);

			// The column whose header names the attribute: header and attribute both cut, both whole under the table.
			terminal.press(keys.down);
			await terminal.waitFor('the named attribute in full', (screen) => squeezed(screen).includes(squeezed(`❯ “attribute:${named}” → custom attribute ${named}`)), stepMs);
			screen = terminal.screen();
			expect(pointed(screen)).toContain('attribute:');
			expect(pointed(screen)).not.toContain(named);

			// Back on a row that fits: the line goes.
			for (const column of ['Badge', 'Email']) {
				terminal.press(keys.up);
				await terminal.waitFor(`the pointer on ${column}`, (screen) => pointed(screen).includes(column), stepMs);
			}
			await terminal.waitFor('no line in full', (screen) => !screen.includes('→'), stepMs);
		},
		120_000,
	);
});

describe('the progress screen at 60x15: nothing cut beyond reach while an import runs', () => {
	it(
		'Ctrl+E opens where the users go (cut in the header) in full and any key closes it, the import going on; a stop says its state whole, its numbers on a line of their own',
		async () => {
			const sandbox = await ownSandbox({seed: 15, latencyMs: 300});
			const home = tempFolder();
			const file = path.join(home, 'users.csv');
			writeFileSync(file, `${['First Name,Last Name,Email', ...Array.from({length: 200}, (_, i) => `Gen${i},User${i},gen${i}@cut.example.com`)].join('\n')}\n`);
			// The organization's id makes the target longer than a 60-column header holds.
			const terminal = startTerminal({
				args: [file, '--org-id', sandbox.orgId],
				env: {JC_API_URL: sandbox.url, JC_API_KEY: sandbox.apiKey, JC_IMPORT_HOME: home, CI: 'false'},
				columns: 60,
				rows: 15,
			});
			for (const [screen, key] of [
				['Map columns', 'c'],
				['Defaults for every user', 'c'],
				[' to create ', 'c'],
				['y start the import', 'y'],
			] as const) {
				await terminal.waitForText(screen, stepMs);
				terminal.press(key);
			}
			const created = (screen: string) => Number(/✔ ([\d,]+) created/.exec(screen)?.[1]?.replaceAll(',', '') ?? Number.NaN);
			await terminal.waitFor('the import running, a user created', (screen) => screen.includes('✔ running') && created(screen) >= 1, stepMs);
			const where = `Where: JumpCloud ${new URL(sandbox.url).host} org ${sandbox.orgId}`;
			const header = terminal.line(0);
			expect(header).toMatch(/^ Importing/);
			expect(header).toContain('…');
			expect(header).not.toContain(sandbox.orgId);

			terminal.press(ctrlE);
			await terminal.waitForText('The message in full', stepMs);
			expect(squeezed(terminal.screen())).toContain(squeezed(where));
			expect(terminal.line(0)).toMatch(/^ Importing/);
			terminal.press(keys.escape);
			await terminal.waitFor('the progress again', (screen) => !screen.includes('The message in full') && screen.includes('✔ running'), stepMs);
			// Closing it touched nothing: the import goes on.
			const seen = created(terminal.screen());
			await terminal.waitFor('more users created', (screen) => created(screen) > seen, stepMs);

			// A graceful stop with requests in flight: answers slow enough that it is still stopping when read.
			sandbox.setKnobs({latencyMs: 5_000});
			const sent = sandbox.stats.requests;
			await waitForCondition('requests sent at the slow latency', () => sandbox.stats.requests >= sent + 3, terminal);
			terminal.press(keys.ctrlC);
			await terminal.waitForText('STOPPING:', stepMs);
			const stopping = lines(terminal.screen());
			const at = stopping.findIndex((line) => line.includes('STOPPING:'));
			// The state whole, with how to stop at once; rate, ETA and elapsed whole on the line under it.
			expect(stopping[at]).toMatch(/^ ⚠ STOPPING: \d+ in flight \(Ctrl\+C: at once\)\s*$/);
			expect(stopping[at + 1]).toMatch(/^ {3}[\d.–]+ users\/s {3}ETA \S+ {3}elapsed (?:\d+m)?\d+s\s*$/);
			expect(terminal.screen()).not.toMatch(/STOPPING.*…/);
			await terminal.waitForText('Import stopped', stepMs);
		},
		180_000,
	);
});
