import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Sandbox} from '../../source/sandbox/index.js';
import {useTempFolders} from '../support/temp-dir.js';
import {keys, type PtyTerminal, startTerminal, useOwnSandboxes, startImportWithDefaults} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-rollback-');

// A rollback, in a real pty at 80x24: the built CLI against a sandbox the test owns, so users
// outside the import can be added to it between the import and the rollback. Nothing is timed:
// every wait is for text, with a timeout that only says when to give up and show the screen.

const stepMs = 30_000;
const importMs = 120_000;

const ownSandbox = useOwnSandboxes();

async function wizardOn(count: number): Promise<{terminal: PtyTerminal; sandbox: Sandbox}> {
	const sandbox = await ownSandbox({seed: 23});
	const file = path.join(tempFolder(), 'users.csv');
	writeFileSync(file, `${['Username,Email,First Name,Last Name', ...Array.from({length: count}, (_, i) => `user${i},user${i}@rollback.example.com,User,Number${i}`)].join('\n')}\n`);
	const terminal = startTerminal({args: [file], env: {JC_API_URL: sandbox.url, JC_API_KEY: sandbox.apiKey, JC_IMPORT_HOME: tempFolder(), CI: 'false'}});
	await startImportWithDefaults(terminal, stepMs);
	await terminal.waitForText('Import finished', importMs);
	return {terminal, sandbox};
}

const outsiders = 30;
const outsider = (index: number) => `outsider${String(index).padStart(2, '0')}`;
/** The outsiders on screen now. */
const outsidersShown = (screen: string) => (screen.match(/\boutsider\d\d\b/g) ?? []).sort();
const importIdOn = (screen: string) => /Import (\d{8}-\d{6}-[0-9a-f]+)/.exec(screen)?.[1];

describe('a rollback, in a real terminal', () => {
	it(
		'r with no failure says so; the rolled-back summary names every user whose manager JumpCloud cleared, ↑↓ to the last; the farewell names them all and says nothing of resume',
		async () => {
			const {terminal, sandbox} = await wizardOn(3);
			// r with no failed row says so, on the summary.
			terminal.press('r');
			await terminal.waitForText('No row failed: nothing to retry.', stepMs);
			expect(terminal.line(0)).toMatch(/^ Import finished/);
			// Thirty users outside the import report to one it made: deleting it clears their manager.
			const manager = sandbox.directory.userByUsername('user0')!._id;
			for (let index = 1; index <= outsiders; index++) {
				sandbox.directory.addUser({username: outsider(index), email: `${outsider(index)}@elsewhere.example.com`, state: 'ACTIVATED', passwordSet: false, manager} as never);
			}
			terminal.press('b');
			await terminal.waitForText('Press y to delete them', stepMs);
			terminal.press('y');
			await terminal.waitForText('Rolled back', importMs);
			await terminal.waitForText('outsider01', stepMs);
			const first = terminal.screen();
			expect(terminal.text().replace(/\s+/g, ' ')).toContain('30 users outside this import reported to a deleted user; JumpCloud cleared their manager:');
			expect(first).toMatch(/rows 1–\d+ of 30/);
			expect(first.trimEnd().split('\n').at(-1)).toContain('↑↓ names');
			const seen = new Set(outsidersShown(first));
			expect(seen.size).toBeLessThan(outsiders);

			for (let press = 0; press < outsiders - 1; press++) {
				terminal.press(keys.down);
				await terminal.waitFor(`the cursor on ${outsider(press + 2)}`, (screen) => (screen.split('\n').find((line) => line.includes('❯')) ?? '').includes(outsider(press + 2)), stepMs);
				for (const name of outsidersShown(terminal.screen())) seen.add(name);
			}
			expect([...seen].sort()).toEqual(Array.from({length: outsiders}, (_, index) => outsider(index + 1)));
			expect(terminal.screen()).toMatch(/rows \d+–30 of 30/);

			terminal.press('q');
			expect(await terminal.waitForExit(stepMs)).toBe(0);
			const farewell = terminal.text().replace(/\s+/g, ' ');
			expect(farewell).toMatch(/import \d{8}-\d{6}-[0-9a-f]+ rolled back: 3 deleted, 0 already gone, 0 kept \(not provably this import's\), 0 failed, 0 left\./);
			expect(farewell).toContain(`JumpCloud cleared the manager of 30 users outside this import: ${Array.from({length: outsiders}, (_, index) => outsider(index + 1)).join(', ')}`);
			expect(farewell).not.toMatch(/resume/i);
		},
		300_000,
	);

	it(
		'a rollback in progress has its hints; stopped with Ctrl+C, the summary and the farewell say how many are left and finish with jc-import rollback ID, never resume',
		async () => {
			const {terminal, sandbox} = await wizardOn(60);
			const id = importIdOn(terminal.screen());
			expect(id).toBeDefined();
			// Slow deletes: the rollback is still running when Ctrl+C comes.
			sandbox.setKnobs({latencyMs: 400});
			terminal.press('b');
			await terminal.waitForText('Press y to delete them', stepMs);
			terminal.press('y');
			await terminal.waitForText('Rolling back', stepMs);
			// The rollback in progress has its hints: how to stop it.
			await terminal.waitFor('the hints of a rollback', (screen) => (screen.trimEnd().split('\n').at(-1) ?? '').includes('Ctrl+C stop'), stepMs);
			// Its counts and its note are wrapped, never cut.
			expect(terminal.screen().trimEnd().split('\n').slice(2, -1).join('\n')).not.toContain('…');
			terminal.press(keys.ctrlC);
			await terminal.waitForText('Rollback stopped', importMs);
			const summary = terminal.text().replace(/\s+/g, ' ');
			expect(summary).toContain(`To finish: jc-import rollback ${id}`);
			expect(summary).not.toMatch(/resume/i);
			const left = Number(/(\d+) left/.exec(summary)?.[1]);
			expect(left).toBeGreaterThan(0);

			terminal.press('q');
			await terminal.waitForExit(stepMs);
			const farewell = terminal.text().replace(/\s+/g, ' ');
			expect(farewell).toMatch(new RegExp(`import ${id} rolled back: \\d+ deleted, .* ${left} left\\.`));
			expect(farewell).toContain(`To finish the rollback: jc-import rollback ${id}`);
			expect(farewell).not.toMatch(/resume/i);
		},
		300_000,
	);
});
