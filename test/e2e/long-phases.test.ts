import {describe, expect, it} from 'vitest';
import type {Sandbox} from '../../source/sandbox/index.js';
import {usersCsv} from '../support/import-harness.js';
import {useTempFolders} from '../support/temp-dir.js';
import {keys, type PtyTerminal, startTerminal, useOwnSandboxes} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-phases-');

// Long phases in a real pty at 80x24: a sandbox the test owns answers slowly, so the check against
// the directory takes a while. Nothing is timed: every wait is for the screen.

const stepMs = 30_000;

const ownSandbox = useOwnSandboxes();

async function slowWizard(file = 'fixtures/sample-users.csv'): Promise<{terminal: PtyTerminal; sandbox: Sandbox}> {
	const sandbox = await ownSandbox({seed: 71});
	const terminal = startTerminal({args: [file], env: {JC_API_URL: sandbox.url, JC_API_KEY: sandbox.apiKey, JC_IMPORT_HOME: tempFolder(), CI: 'false'}});
	return {terminal, sandbox};
}

/** What is left on the normal screen once the wizard is gone: its non-blank lines. */
const leftLines = (terminal: PtyTerminal) => terminal.text().split('\n').filter((line) => line.trim() !== '');

describe('long phases, in a real terminal', () => {
	it(
		'the check against the directory says so; Ctrl+C then leaves with one line',
		async () => {
			// 200,000 rows take seconds to check even with the directory read at connect (a check that needs
			// no request): the check the wizard may begin while Defaults is shown cannot finish before c is
			// pressed there, however fast the machine. And a slow sandbox from here on, should it ask.
			const {terminal, sandbox} = await slowWizard(usersCsv(200_000));
			await terminal.waitForText('Map columns', stepMs);
			sandbox.setKnobs({latencyMs: 60_000});
			terminal.press('c');
			await terminal.waitForText('Defaults for every user', stepMs);
			terminal.press('c');
			await terminal.waitForText('Checking every row against the directory', stepMs);
			terminal.press(keys.ctrlC);
			expect(await terminal.waitForExit(stepMs)).toBe(130);
			expect(leftLines(terminal)).toEqual(['jc-import: left the wizard; nothing was created.']);
		},
		60_000,
	);
});

describe('Ctrl+C while connecting to a JumpCloud that does not answer', () => {
	it(
		'leaves at once with one line, not after the request times out',
		async () => {
			const {terminal, sandbox} = await slowWizard();
			sandbox.setKnobs({latencyMs: 60_000});
			await terminal.waitForText('Connecting', stepMs);
			terminal.press(keys.ctrlC);
			// Well under the 30 s a request may take before it times out, which the wizard used to wait out.
			expect(await terminal.waitForExit(10_000)).toBe(130);
			expect(leftLines(terminal)).toHaveLength(1);
			expect(leftLines(terminal)[0]).toMatch(/^jc-import: /);
		},
		60_000,
	);
});
