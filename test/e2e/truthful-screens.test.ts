import {afterEach, describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {disposeAll, keys, startTerminal} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-truthful-');

// Screens that tell the truth, in a real pty: the built CLI with its in-process sandbox, the sample
// file (ten users to create, two the sandbox has). Nothing is timed: every wait is for text.

const stepMs = 30_000;

afterEach(() => {
	disposeAll();
});

/** The hint line: the last line drawn. */
const hints = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';

describe('what the screens say, in a real terminal', () => {
	it(
		'the Preview counts the plan and Esc takes its filter away; a rollback says y deletes, and once rolled back offers no w, r or b',
		async () => {
			const home = tempFolder();
			const terminal = startTerminal({args: ['fixtures/sample-users.csv', '--sandbox'], env: {JC_IMPORT_HOME: home}});
			await terminal.waitForText('Map columns', stepMs);
			terminal.press('c');
			await terminal.waitForText('Defaults for every user', stepMs);
			terminal.press('c');
			await terminal.waitForText(' to create ', stepMs);
			expect(terminal.screen()).toContain('10 to create · 0 warnings · 0 errors · 2 exist');

			terminal.press('f');
			await terminal.waitForText('Showing errors only: 0 rows (Esc shows all)', stepMs);
			terminal.press(keys.escape);
			await terminal.waitFor('the filter gone, still on Preview', (screen) => !screen.includes('Showing') && screen.startsWith(' Preview'), stepMs);

			terminal.press('c');
			await terminal.waitForText('Press y to start', stepMs);
			expect(terminal.screen()).toMatch(/Skip {6}2 rows already in JumpCloud/);
			terminal.press('y');
			await terminal.waitForText('Import finished', stepMs);
			expect(hints(terminal.screen())).toContain('b roll back');

			terminal.press('b');
			await terminal.waitForText('Press y to delete them', stepMs);
			expect(hints(terminal.screen())).toContain('y delete them');
			expect(hints(terminal.screen())).not.toContain('start the import');
			terminal.press('y');
			await terminal.waitForText('Rolled back', stepMs);
			const rolledBack = hints(terminal.screen());
			expect(rolledBack).toContain('n new import');
			expect(rolledBack).not.toMatch(/write report|retry failed|roll back/);
		},
		120_000,
	);
});
