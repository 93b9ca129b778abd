import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {keys, type PtyTerminal, startTerminal, useOwnSandboxes} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-connect-');

// Connect and a resume, in a real pty at 80x24: where each value came from, and an unfinished
// import's own target. Nothing is timed: every wait is for the screen to become something.

const stepMs = 30_000;
const importMs = 120_000;

const ownSandbox = useOwnSandboxes();

const flat = (screen: string) => screen.replace(/\s+/g, ' ');
const selected = (screen: string) => screen.split('\n').find((line) => line.startsWith(' ❯ ')) ?? '';
/** The number of emails Confirm says will be sent (`Emails   300 activation emails to …`). */
const emailsOn = (screen: string) => Number((/Emails +([\d,]+) /.exec(screen)?.[1] ?? 'NaN').replaceAll(',', ''));

/** The wizard with no connection given: no key, only what the test passes. */
function connectForm(args: string[], env: Record<string, string> = {}): PtyTerminal {
	return startTerminal({args, env: {JC_IMPORT_HOME: tempFolder(), CI: 'false', ...env}});
}

/** Connect on an organization (the form starts on the sandbox): → switches. */
async function onOrganization(terminal: PtyTerminal): Promise<string> {
	await terminal.waitForText('Where should the users go?', stepMs);
	if (!terminal.screen().includes('a JumpCloud organization')) {
		await terminal.waitFor('the pointer on Target', (screen) => selected(screen).includes('Target:'), stepMs);
		terminal.press(keys.right);
		await terminal.waitForText('API key:', stepMs);
	}
	return flat(terminal.screen());
}

describe('Connect says where each value came from, in a real terminal', () => {
	it(
		'nothing given: the US region by default, never "from JC_API_URL"',
		async () => {
			const shown = await onOrganization(connectForm([]));
			expect(shown).toContain('Region: ‹ US › ←→ US, EU or IN');
			expect(shown).not.toContain('JC_API_URL');
		},
		60_000,
	);

	it(
		'JC_API_URL set: the URL, from JC_API_URL',
		async () => {
			const shown = await onOrganization(connectForm([], {JC_API_URL: 'https://console.eu.jumpcloud.com'}));
			expect(shown).toContain('API URL: https://console.eu.jumpcloud.com from JC_API_URL');
		},
		60_000,
	);

	it(
		'--api-url over JC_API_URL: the flag URL, from --api-url',
		async () => {
			const shown = await onOrganization(connectForm(['--api-url', 'https://console.in.jumpcloud.com'], {JC_API_URL: 'https://console.eu.jumpcloud.com'}));
			expect(shown).toContain('API URL: https://console.in.jumpcloud.com from --api-url');
			expect(shown).not.toContain('console.eu.jumpcloud.com');
		},
		60_000,
	);
});

describe('Connect, when the connection fails, in a real terminal', () => {
	it(
		'a network error keeps the typed key',
		async () => {
			// Nothing listens on port 9 (discard): the connection is refused.
			const terminal = connectForm(['--api-url', 'http://127.0.0.1:9']);
			await onOrganization(terminal);
			// Into the key field (moving onto a field edits it).
			for (let step = 0; step < 5 && !selected(terminal.screen()).includes('API key:'); step++) {
				const before = terminal.screen();
				terminal.press(keys.up);
				await terminal.waitFor('the pointer moved', (screen) => screen !== before, stepMs);
			}
			await terminal.waitFor('the key field', (screen) => selected(screen).includes('API key:'), stepMs);
			await terminal.type('k'.repeat(20));
			await terminal.waitFor('the key typed, masked', (screen) => /API key: +\*{20}/.test(screen), stepMs);
			terminal.press(keys.enter);
			await terminal.waitForText('Could not reach JumpCloud', stepMs);
			// Still on Connect, the key still there (masked), and Enter tries again with it.
			expect(terminal.line(0)).toMatch(/^ Connect/);
			expect(terminal.screen()).toMatch(/API key: +\*{20}/);
			expect(terminal.screen()).not.toContain('(JumpCloud console › your name › API Settings)');
		},
		60_000,
	);

	it(
		'at 60x15, the notes under the fields keep their indent when they wrap',
		async () => {
			const terminal = startTerminal({args: [], env: {JC_IMPORT_HOME: tempFolder(), CI: 'false'}, columns: 60, rows: 15});
			await terminal.waitForText('The key is kept in memory only', stepMs);
			const keyNote = terminal.screen().split('\n');
			const at = keyNote.findIndex((line) => line.includes('The key is kept in memory only'));
			expect(keyNote[at]!.indexOf('The key')).toBe(4);
			expect(keyNote[at + 1]).toMatch(/^ {4}\S/);
			// The sandbox's note too: out of the key field, up to Target, ← to the sandbox.
			terminal.press(keys.escape);
			terminal.press(keys.up);
			terminal.press(keys.left);
			await terminal.waitForText('A simulated JumpCloud', stepMs);
			const lines = terminal.screen().split('\n');
			const first = lines.findIndex((line) => line.includes('A simulated JumpCloud'));
			expect(lines[first]!.indexOf('A simulated')).toBe(4);
			// The sentence goes on under its own first word.
			expect(lines[first + 1]).toMatch(/^ {4}\S/);
		},
		60_000,
	);
});

describe('an unfinished import, in a real terminal', () => {
	it(
		'offered with where it goes; Connect shows its own target; its Confirm counts only the emails still to send; Ctrl+C there says it is unfinished, with its resume command',
		async () => {
			const sandbox = await ownSandbox({seed: 31, latencyMs: 20});
			const home = tempFolder();
			const file = path.join(tempFolder(), 'users.csv');
			writeFileSync(file, `${['First Name,Last Name,Email', ...Array.from({length: 300}, (_, i) => `Gen${i},User${i},gen${i}@connect.example.com`)].join('\n')}\n`);

			// An import stopped part way, against the sandbox the test owns.
			const first = startTerminal({args: [file], env: {JC_API_URL: sandbox.url, JC_API_KEY: sandbox.apiKey, JC_IMPORT_HOME: home, CI: 'false'}});
			await first.waitForText('Map columns', stepMs);
			first.press('c');
			// Activated, with JumpCloud's emails: each user is sent one.
			await first.waitForText('Defaults for every user', stepMs);
			await first.waitFor('the pointer on State', (screen) => selected(screen).includes('State'), stepMs);
			first.press(keys.right);
			await first.waitForText('‹ activated: can sign in ›', stepMs);
			first.press(keys.down);
			await first.waitFor('the pointer on Email', (screen) => selected(screen).includes('Email'), stepMs);
			first.press(keys.right);
			await first.waitForText('welcome/activation email ›', stepMs);
			first.press('c');
			await first.waitForText(' to create ', stepMs);
			first.press('c');
			await first.waitForText('Press y to start', stepMs);
			expect(emailsOn(first.screen())).toBe(300);
			first.press('y');
			await first.waitFor('a few created', (screen) => Number(/(\d+) created/.exec(screen)?.[1] ?? 0) >= 5, importMs);
			first.press(keys.ctrlC);
			await first.waitForText('Import stopped', importMs);
			const id = /Import (\d{8}-\d{6}-[0-9a-f]+)/.exec(first.screen())?.[1];
			expect(id).toBeDefined();
			first.press('q');
			await first.waitForExit(stepMs);

			// Started again with no connection at all: the import is offered with its target.
			const terminal = startTerminal({env: {JC_IMPORT_HOME: home, CI: 'false'}});
			await terminal.waitForText('Unfinished import', stepMs);
			expect(flat(terminal.screen())).toContain(`Goes to Sandbox Org (simulated) at ${sandbox.url}`);
			terminal.press(keys.enter);
			await terminal.waitForText('API key:', stepMs);
			// The import's own URL, not the form's default region, and not to be switched.
			expect(flat(terminal.screen())).toContain(`API URL: ${sandbox.url} import ${id}, organization “Sandbox Org (simulated)”`);
			expect(terminal.screen()).not.toContain('‹ US ›');

			await terminal.type(sandbox.apiKey);
			terminal.press(keys.enter);
			await terminal.waitForText('Press y to start', stepMs);
			expect(flat(terminal.screen())).toMatch(new RegExp(`Resume import ${id}: [\\d,]+ users created before, [\\d,]+ left to create`));
			// The Resume value is longer than the line: it wraps under its own first word.
			const confirmLines = terminal.screen().split('\n');
			const resumeAt = confirmLines.findIndex((line) => /^ +Resume +import /.test(line));
			expect(resumeAt).toBeGreaterThan(-1);
			expect(confirmLines[resumeAt + 1]).toMatch(new RegExp(`^ {${confirmLines[resumeAt]!.indexOf('import ')}}\\S`));
			// The emails line counts only the emails still to be sent: one per user left.
			const left = Number(/([\d,]+) left to create/.exec(flat(terminal.screen()))![1]!.replaceAll(',', ''));
			expect(left).toBeGreaterThan(0);
			expect(left).toBeLessThan(300);
			expect(emailsOn(terminal.screen())).toBe(left);
			terminal.press(keys.ctrlC);
			expect(await terminal.waitForExit(stepMs)).toBe(130);
			const farewell = flat(terminal.text());
			expect(farewell).toContain(`import ${id} is unfinished`);
			expect(farewell).toContain(`jc-import resume ${id}`);
			expect(farewell).not.toContain('nothing was created');
		},
		300_000,
	);
});
