import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {type PtyTerminal, startTerminal, type TerminalOptions, useOwnSandboxes} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-kinds-');

// The wizard on terminals of different kinds: colour where the terminal has it (CI=false is not
// CI), none where it has not (a VT100) but still a progress bar, and ASCII cuts that do not look
// like data.

const sample = 'fixtures/sample-users.csv';
const stepMs = 30_000;
const testMs = 180_000;

const ownSandbox = useOwnSandboxes();


function start(options: TerminalOptions): PtyTerminal {
	return startTerminal({...options, env: {JC_IMPORT_HOME: tempFolder(), ...options.env}});
}

const coloured = (colours: string[] | undefined) => colours !== undefined && colours.every((colour) => colour !== 'default');

describe('colour', () => {
	for (const ci of ['false', '0']) {
		it(
			`CI=${ci} is not CI: the wizard draws in colour`,
			async () => {
				const terminal = start({args: [sample, '--sandbox'], env: {CI: ci}});
				await terminal.waitForText('Map columns', stepMs);
				// The target is drawn in the accent colour, the selected row's pointer too.
				expect(terminal.foregroundOf('simulated JumpCloud')).toSatisfy(coloured);
				expect(terminal.screen()).not.toContain('[SANDBOX]');
				expect(terminal.raw()).toMatch(/\u001b\[(3\d|9\d|38;)/);
			},
			testMs,
		);
	}

	it(
		'CI=true still means no wizard (control: the variable is read)',
		async () => {
			const terminal = start({args: [sample, '--sandbox'], env: {CI: 'true'}});
			expect(await terminal.waitForExit(stepMs)).toBe(2);
		},
		testMs,
	);
});

describe('a monochrome terminal (TERM=vt100)', () => {
	it(
		'gets no colour codes, and a progress bar drawn with characters',
		async () => {
			const sandbox = await ownSandbox({seed: 5, latencyMs: 300});
			const lines = ['First Name,Last Name,Email', ...Array.from({length: 150}, (_, i) => `Mono${i},User${i},mono${i}@vt.example.com`)];
			const file = path.join(tempFolder(), 'users.csv');
			writeFileSync(file, `${lines.join('\n')}\n`);
			const terminal = start({args: [file], env: {TERM: 'vt100', JC_API_URL: sandbox.url, JC_API_KEY: sandbox.apiKey}});
			await terminal.waitForText('Map columns', stepMs);
			terminal.press('c');
			await terminal.waitForText('Defaults for every user', stepMs);
			terminal.press('c');
			await terminal.waitForText(' to create ', stepMs);
			terminal.press('c');
			await terminal.waitForText('Press y to start', stepMs);
			terminal.press('y');
			await terminal.waitForText('Importing', stepMs);
			// Block characters for done and to do: visible without colour, as a coloured band is not.
			await terminal.waitFor('a bar of characters', (screen) => /^ [█░#.]{20,} \d+\/150$/m.test(screen), stepMs);
			// No colour anywhere: a VT100 would show none of it.
			expect(terminal.raw()).not.toMatch(/\u001b\[[0-9;]*(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38|48)(;[0-9;]*)?m/);
		},
		testMs,
	);
});

describe('ASCII mode', () => {
	it(
		'cuts values with three dots, never a lone ~ that reads as data',
		async () => {
			const terminal = start({args: [sample, '--sandbox', '--ascii']});
			await terminal.waitForText('Map columns', stepMs);
			const screen = terminal.screen();
			// The sample's work emails do not fit their column at 80 columns.
			expect(screen).toMatch(/ada\.lovelace@ex[a-z]*\.\.\. /);
			expect(screen).not.toContain('~');
			expect(screen).not.toContain('…');
		},
		testMs,
	);
});
