import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {disposeAll, keys, startTerminal, type PtyTerminal} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-cut-');

// What a line cannot hold can be opened in full, in a real pty at the smallest size (60x15): the
// built CLI with its in-process sandbox. Nothing is timed: every wait is for the screen.

const stepMs = 30_000;

afterEach(disposeAll);

const squeezed = (text: string) => text.replace(/\s+/g, '');
const selected = (screen: string) => screen.split('\n').find((line) => line.startsWith(' ❯ ')) ?? '';

async function moveTo(terminal: PtyTerminal, label: string): Promise<void> {
	for (let step = 0; step < 10 && !selected(terminal.screen()).includes(label); step++) {
		const before = selected(terminal.screen());
		terminal.press(keys.down);
		await terminal.waitFor('the pointer moved', (screen) => selected(screen) !== before, stepMs);
	}
	expect(selected(terminal.screen())).toContain(label);
}

describe('cut items open in full, at 60x15 in a real terminal', () => {
	it(
		'a row whose issues the preview cuts: Enter shows them whole, and ↑↓ to a cell show its own',
		async () => {
			const file = path.join(tempFolder(), 'people.csv');
			writeFileSync(
				file,
				[
					'First Name,Last Name,Email,Department,Manager Email,Mobile Phone',
					'Ann,Able,ann.able@cut.example.com,Ops,nobody.known.anywhere@elsewhere.example.com,+1 555 0101 ext 99 call after five',
					'Bad,Row,not-an-email,Ops,,',
					'',
				].join('\n'),
			);
			const terminal = startTerminal({args: [file, '--sandbox'], env: {JC_IMPORT_HOME: tempFolder(), CI: 'false'}, columns: 60, rows: 15});
			await terminal.waitForText('Map columns', stepMs);
			terminal.press('c');
			await terminal.waitForText('Defaults for every user', stepMs);
			terminal.press('c');
			await terminal.waitForText(' to create ', stepMs);
			// The issues column is cut at 60 columns.
			expect(selected(terminal.screen())).toMatch(/ann\.able .*…$/);
			expect(terminal.screen()).not.toContain('does not look like a phone number');

			terminal.press(keys.enter);
			await terminal.waitForText('Row 1 (line 2)', stepMs);
			// Once the row's cells are read, they take the room: the first issue whole, and how to reach the other.
			await terminal.waitFor('the row cells', (screen) => screen.includes('Attribute') && !screen.includes('Reading the row'), stepMs);
			expect(squeezed(terminal.screen())).toContain(squeezed('⚠ Mobile Phone: +1 555 0101 ext 99 call after five does not look like a phone number'));
			expect(terminal.screen()).toContain('more issue: ↑↓ to a cell shows its own');
			await moveTo(terminal, 'Manager Email');
			await terminal.waitFor('the manager cell issue', (screen) => squeezed(screen).includes(squeezed('⚠ Manager Email: created without manager: nobody.known.anywhere@elsewhere.example.com is neither a JumpCloud user nor a row of this file')), stepMs);
		},
		120_000,
	);
});
