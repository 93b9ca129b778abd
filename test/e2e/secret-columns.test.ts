import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {disposeAll, startTerminal} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-secret-');

// Which columns are masked, in a real pty at 80x24: the built CLI with its in-process sandbox.
// Nothing is timed: every wait is for the screen.

const stepMs = 30_000;

afterEach(disposeAll);

const lineWith = (screen: string, text: string) => screen.split('\n').find((line) => line.includes(text)) ?? '';

describe('secret columns, in a real terminal', () => {
	it(
		'a column with password in its header but yes/no values shows them; a real password column is masked',
		async () => {
			const file = path.join(tempFolder(), 'people.csv');
			writeFileSync(file, ['Username,Email,Password never expires,Password,First Name', 'ada,ada@example.com,yes,Xy!23abc-long,Ada', 'bob,bob@example.com,no,Qq#99zzz-long,Bob', ''].join('\n'));
			const terminal = startTerminal({args: [file, '--sandbox'], env: {JC_IMPORT_HOME: tempFolder(), CI: 'false'}});
			await terminal.waitForText('Map columns', stepMs);
			await terminal.waitForText('Password never expir', stepMs);
			const screen = terminal.screen();
			expect(lineWith(screen, 'Password never expir')).toMatch(/ yes, no /);
			expect(lineWith(screen, '✔ Password  ')).toMatch(/ \*+, \*+ /);
			expect(screen).not.toContain('Xy!23abc-long');
			expect(screen).not.toContain('Qq#99zzz-long');
		},
		60_000,
	);
});
