import {spawn} from 'node:child_process';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {projectRoot} from '../support/shared.js';
import {closingLines} from '../support/summary-reporter.js';

/** Runs vitest on a few files, as `npm test` does (same config and reporters), with ../shared taken from `shared`. */
function vitest(files: string[], shared: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules/vitest/vitest.mjs'), 'run', ...files], {
			cwd: projectRoot,
			env: {PATH: process.env.PATH, HOME: process.env.HOME, JC_IMPORT_TEST_SHARED: shared, NO_COLOR: '1'},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
		child.on('error', reject);
		child.on('close', () => resolve(stdout));
	});
}

const note = /^2 tests skipped: \.\.\/shared \(JumpCloud's specs, attribute catalog\) is absent; see README "Contract tests"$/;

describe('npm test says in its closing lines when the contract tests skipped for want of ../shared', () => {
	it('without ../shared: the note, just before the passed and failed line', {timeout: 120_000}, async () => {
		const output = await vitest(['test/contract/contract.test.ts', 'test/contract/sandbox-answers.test.ts'], path.join(projectRoot, 'no-such-shared-folder'));
		const last = output.trimEnd().split('\n').slice(-3);
		expect(last[0]).toBe('2 skipped');
		expect(last[1]).toMatch(note);
		expect(last[2]).toBe('0 passed, 0 failed');
	});

	it('with ../shared, or for skips of other kinds: no note', () => {
		expect(closingLines({passed: 5, failed: 0, skipped: 0, needingShared: 0})).toEqual(['5 passed, 0 failed']);
		expect(closingLines({passed: 5, failed: 1, skipped: 3, needingShared: 0})).toEqual(['3 skipped', '5 passed, 1 failed']);
		expect(closingLines({passed: 5, failed: 0, skipped: 3, needingShared: 2})[1]).toMatch(note);
		expect(closingLines({passed: 5, failed: 0, skipped: 3, needingShared: 1})[1]).toMatch(/^1 test skipped: /);
	});
});
