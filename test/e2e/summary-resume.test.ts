import {readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {disposeAll, keys, startTerminal, type PtyTerminal, startImportWithDefaults} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-summary-');

// The stopped screen's u, in a real pty: the built CLI with its in-process sandbox, which lives as
// long as the wizard, so the import is resumed right there. Nothing is timed: every wait is for
// something to appear, with a timeout that only says when to give up and show the screen.

const stepMs = 30_000;
const importMs = 120_000;
const rows = 600;

afterEach(() => {
	disposeAll();
});

/** Whitespace runs (the wizard's wrapping) folded to one space. */
const flat = (screen: string) => screen.replace(/\s+/g, ' ');

function countOf(terminal: PtyTerminal, word: string): number | undefined {
	const match = new RegExp(`(\\d[\\d,]*) ${word}\\b`).exec(terminal.screen());
	return match ? Number(match[1]!.replaceAll(',', '')) : undefined;
}

describe('the stopped screen resumes the import right there', () => {
	it(
		'Ctrl+C, then u and y on the summary: the sandbox import finishes in the same wizard, every row created once',
		async () => {
			const folder = tempFolder();
			const file = path.join(folder, 'users.csv');
			writeFileSync(file, `${['First Name,Last Name,Email', ...Array.from({length: rows}, (_, i) => `Gen${i},User${i},gen${i}@resume.example.com`)].join('\n')}\n`);
			const home = path.join(folder, 'home');
			const terminal = startTerminal({args: [file, '--sandbox'], env: {JC_IMPORT_HOME: home}});
			await startImportWithDefaults(terminal, stepMs);
			await terminal.waitFor('at least 10 created', () => (countOf(terminal, 'created') ?? 0) >= 10, importMs);
			terminal.press(keys.ctrlC);
			await terminal.waitForText('Import stopped', importMs);
			expect(countOf(terminal, 'left')).toBeGreaterThan(0);
			const stopped = flat(terminal.screen());
			expect(stopped).toContain('u resumes it here (no user is created twice); the sandbox ends when you quit, so it cannot be resumed later.');
			expect(stopped).toContain('none: a script cannot reach this sandbox');
			expect(stopped).not.toContain('--sandbox --yes');

			terminal.press('u');
			await terminal.waitForText('Press y to start', stepMs);
			expect(flat(terminal.screen())).toMatch(/Resume import \d{8}-\d{6}-[0-9a-f]+: [\d,]+ users created before, [\d,]+ left to create/);
			terminal.press('y');
			await terminal.waitForText('Import finished', importMs);
			// The sandbox refuses a second user with the same username or email: all created, none skipped or failed.
			expect(countOf(terminal, 'created')).toBe(rows);
			expect(countOf(terminal, 'skipped')).toBe(0);
			expect(countOf(terminal, 'failed')).toBe(0);
			expect(countOf(terminal, 'left')).toBe(0);

			// w: the report goes into the import's folder, nothing beside the CSV.
			terminal.press('w');
			await terminal.waitForText('written', stepMs);
			expect(readdirSync(folder).sort()).toEqual(['home', 'users.csv']);
			terminal.press('q');
			expect(await terminal.waitForExit(stepMs)).toBe(0);
		},
		300_000,
	);
});
