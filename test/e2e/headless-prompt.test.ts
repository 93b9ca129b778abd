import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {listImportIds} from '../../source/importer/import-store.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {usersCsv} from '../support/import-harness.js';
import {useTempFolders} from '../support/temp-dir.js';
import {disposeAll, startTerminal} from './pty-terminal.js';

/*
 * `jc-import run` asking "Type yes" on a real terminal: what is started is what was planned. The
 * file is fingerprinted when it is read for the plan, so an edit while the question waits is
 * refused with the rows it changed, and nothing is created.
 */

// Registered before the afterEach below, so it runs after it (hooks run as a stack): folders go once the terminals are gone.
const tempDir = useTempFolders('jc-e2e-prompt-');
let sandbox: Sandbox | undefined;
afterEach(async () => {
	disposeAll();
	await sandbox?.close();
	sandbox = undefined;
});

const stepMs = 30_000;

describe('the headless question', () => {
	it('a CSV edited while "Type yes" waits is refused, naming the rows, and nothing is created', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 91}));
		const home = tempDir();
		const file = usersCsv(4);
		const terminal = startTerminal({args: ['run', file], env: {JC_API_KEY: box.apiKey, JC_API_URL: box.url, JC_IMPORT_HOME: home}});
		await terminal.waitForText('Type yes to go on', stepMs);
		// Someone fixes row 3 in Excel while the admin reads the plan.
		writeFileSync(file, readFileSync(file, 'utf8').replace('Number2', 'Fixed'));
		await terminal.type('yes\r');
		expect(await terminal.waitForExit(stepMs)).toBe(2);
		expect(terminal.text()).toContain(`${file} changed since it was planned (1 row changed: row 3). Nothing was created: check the file and plan again.`);
		expect([...box.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'))).toHaveLength(0);
		expect(listImportIds(path.join(home, 'imports'))).toEqual([]);
	});

	it('Ctrl+C at the question: one line, exit 130, nothing created', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 92}));
		const home = tempDir();
		const terminal = startTerminal({args: ['run', usersCsv(2)], env: {JC_API_KEY: box.apiKey, JC_API_URL: box.url, JC_IMPORT_HOME: home}});
		await terminal.waitForText('Type yes to go on', stepMs);
		terminal.press('\u0003');
		expect(await terminal.waitForExit(stepMs)).toBe(130);
		expect(terminal.text()).toMatch(/jc-import: (interrupted|stopped before the import began; nothing was created)\./);
		expect(box.directory.users.size).toBeGreaterThan(0);
		expect([...box.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'))).toHaveLength(0);
	});
});
