import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cliPath, runCli} from '../support/run-cli.js';
import {disposeAll, startTerminal, type PtyTerminal} from './pty-terminal.js';
import {tempFolder} from '../support/temp-dir.js';

afterEach(disposeAll);

const file = 'fixtures/sample-users.csv';
const headless = `jc-import run ${file} --sandbox --yes`;

/** The refusal is plain text written before Ink loads: no escape sequences, no alternate screen. */
async function expectRefusal(terminal: PtyTerminal, reason: string) {
	expect(await terminal.waitForExit()).toBe(2);
	const screen = terminal.screen();
	expect(screen).toContain('the wizard needs an interactive terminal');
	expect(screen).toContain(reason);
	expect(screen).toContain(headless);
	expect(terminal.raw()).not.toContain('\u001b');
	expect(terminal.isAlternateScreen()).toBe(false);
}

// Wide enough that the hint line does not wrap on screen.
const wide = {columns: 160, rows: 24};

describe('the wizard refuses without an interactive terminal (exit 2, naming the headless command)', () => {
	it('when standard input is piped', async () => {
		const {code, stdout, stderr} = await runCli([file, '--sandbox'], {CI: 'false', TERM: 'xterm-256color'});
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toContain('the wizard needs an interactive terminal (standard input is not a terminal)');
		expect(stderr).toContain(headless);
	});

	it('when CI is set, even in a terminal', async () => {
		await expectRefusal(startTerminal({args: [file, '--sandbox'], env: {CI: 'true'}, ...wide}), 'CI is set');
	});

	it('when TERM is dumb', async () => {
		await expectRefusal(startTerminal({args: [file, '--sandbox'], env: {TERM: 'dumb'}, ...wide}), 'TERM is dumb');
	});

	it('when standard output is redirected to a file', async () => {
		const out = path.join(tempFolder('jc-e2e-'), 'out.txt');
		// stdin and stderr stay on the pty; node and the CLI come in as $0 and $1 to avoid quoting.
		const command: [string, ...string[]] = ['/bin/sh', '-c', `"$0" "$1" ${file} --sandbox > '${out}'`, process.execPath, cliPath];
		await expectRefusal(startTerminal({command, ...wide}), 'standard output is not a terminal');
		expect(readFileSync(out, 'utf8')).toBe('');
	});
});
