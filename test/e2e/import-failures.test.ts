import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {keys, startTerminal, useOwnSandboxes, startImportWithDefaults} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-failures-');

// Rows failing while an import runs, in a real pty at 80x24: the built CLI against a sandbox the
// test owns, which answers every create 503 until enough rows have failed, then answers slowly, so
// the import is still running while the failed list is browsed. Nothing is timed: every wait is
// for the screen to become something.

const stepMs = 30_000;
const importMs = 180_000;

const ownSandbox = useOwnSandboxes();

const failedCount = (screen: string) => Number(/Failed \((\d+)\)/.exec(screen)?.[1] ?? 0);
/** The failed row the pointer is on: its row number. */
const pointedRow = (screen: string) => /^ ❯ \S+ +(\d+) /m.exec(screen)?.[1];
/** The lines of the failed list (the only table with a pointer column). */
const failedLines = (screen: string) => screen.split('\n').filter((line) => /^ [❯ ] ✖ +\d+ /.test(line));
const atBottom = (screen: string) => failedLines(screen).at(-1)?.startsWith(' ❯ ') === true;
const atTop = (screen: string) => failedLines(screen)[0]?.startsWith(' ❯ ') === true;

describe('the failed rows during an import, in a real terminal', () => {
	it(
		'↑↓ pick a failed row, Enter opens its error in full, ↑↓ go to the next, Esc closes; the import goes on',
		async () => {
			const sandbox = await ownSandbox({seed: 41, faults: {create503: 1}});
			const file = path.join(tempFolder(), 'users.csv');
			writeFileSync(file, `${['First Name,Last Name,Email', ...Array.from({length: 400}, (_, i) => `Gen${i},User${i},gen${i}@failures.example.com`)].join('\n')}\n`);
			const terminal = startTerminal({args: [file], env: {JC_API_URL: sandbox.url, JC_API_KEY: sandbox.apiKey, JC_IMPORT_HOME: tempFolder(), CI: 'false'}});
			await startImportWithDefaults(terminal, stepMs);
			await terminal.waitFor('three failed rows', (screen) => failedCount(screen) >= 3, importMs);
			// No more failures, and slow answers: the import is still running while the list is read.
			sandbox.setKnobs({faults: {}, latencyMs: 1500});
			expect(terminal.screen()).toMatch(/^ Importing/);
			expect(terminal.screen()).toContain('↑↓ pick one, Enter reads it in full');

			// ↓ picks a failed row; ↑↓ then go to another, whichever way there is one.
			terminal.press(keys.down);
			await terminal.waitFor('a failed row picked', (screen) => pointedRow(screen) !== undefined, stepMs);
			const first = pointedRow(terminal.screen())!;
			terminal.press(atBottom(terminal.screen()) ? keys.up : keys.down);
			await terminal.waitFor('another failed row picked', (screen) => pointedRow(screen) !== undefined && pointedRow(screen) !== first, stepMs);
			const picked = pointedRow(terminal.screen())!;
			const wasAtTop = atTop(terminal.screen());

			terminal.press(keys.enter);
			await terminal.waitForText('Esc closes · ↑↓ the next', stepMs);
			const open = terminal.screen();
			expect(open).toMatch(new RegExp(`✖ Row ${picked} gen\\d+`));
			expect(open).toMatch(/failure \d+ of \d+ · Esc closes/);
			// The error itself, whole, under its heading: not a cut table cell.
			const heading = open.split('\n').findIndex((line) => line.includes(`✖ Row ${picked} `));
			const below = open.split('\n').slice(heading + 2);
			const error = below.slice(0, below.findIndex((line) => line.trim() === '')).join(' ').replace(/\s+/g, ' ').trim();
			expect(error).toBe('JumpCloud had a server error (503); it is usually temporary. Service Unavailable (POST /api/systemusers)');

			// Open, ↑↓ go to the next failure (↓ older, ↑ newer).
			terminal.press(wasAtTop ? keys.down : keys.up);
			await terminal.waitFor('another failure open', (screen) => /✖ Row \d+ gen/.test(screen) && !screen.includes(`✖ Row ${picked} `), stepMs);
			terminal.press(keys.escape);
			await terminal.waitFor('the lists again', (screen) => /Failed \(\d+\)/.test(screen) && !screen.includes('Esc closes'), stepMs);
			expect(terminal.screen()).toMatch(/^ Importing/);

			// Stop at once: the summary follows.
			terminal.press(keys.ctrlC);
			terminal.press(keys.ctrlC);
			await terminal.waitForText('Import stopped', importMs);
			terminal.press('q');
			await terminal.waitForExit(stepMs);
		},
		300_000,
	);
});
