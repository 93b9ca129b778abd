import {writeFileSync, readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {askToGoOnWithFreshPlan} from '../../source/commands/import-flow.js';
import type {Reporter} from '../../source/commands/import-reporter.js';
import {defaultImportOptions} from '../../source/importer/options.js';
import {prepareImport} from '../../source/importer/prepare.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {pacedClient, usersCsv} from '../support/import-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

function recorder(): Reporter & {lines: string[]} {
	const lines: string[] = [];
	return {lines, plan: (summary) => lines.push(`plan: ${summary.creates} creates, ${summary.skips} skips`), event: () => {}, line: (text) => lines.push(text), summary: () => {}};
}

const context = {env: {}, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin} as never;

describe('the headless question, answered late', () => {
	it('a plan over a minute old is checked again; what changed is shown and the fresh plan is the one run', async () => {
		const box = (sandbox = await startSandbox({seed: 95}));
		const file = usersCsv(3);
		const {client} = pacedClient(box);
		const planning = {file, target: 'test', replan: () => prepareImport({file, options: defaultImportOptions, client}), question: () => 'go?'};
		const shown = await planning.replan();
		box.directory.addUser({username: 'user2', email: 'user2@import.example.com', state: 'STAGED', passwordSet: false} as never);

		const reporter = recorder();
		// Answered at once: the plan shown is still the plan.
		expect(await askToGoOnWithFreshPlan(shown, planning, true, reporter, context)).toBe(shown);
		expect(reporter.lines).toEqual([]);

		// Answered after minutes: read again, and the difference said.
		shown.directory.readAt = new Date(Date.now() - 5 * 60_000);
		const fresh = await askToGoOnWithFreshPlan(shown, planning, true, reporter, context);
		expect(fresh.summary).toMatchObject({creates: 2, skips: 1});
		expect(reporter.lines).toEqual([
			'Checking the directory again: the plan was made over a minute ago…',
			'The directory changed since the plan: 1 row now exists in JumpCloud (row 3). The plan now:',
			'plan: 2 creates, 1 skips',
		]);

		// And a file changed while the question waited is refused, not planned afresh.
		fresh.directory.readAt = new Date(0);
		writeFileSync(file, readFileSync(file, 'utf8').replace('Number0', 'Changed'));
		await expect(askToGoOnWithFreshPlan(fresh, planning, true, recorder(), context)).rejects.toThrow(/changed since it was planned \(1 row changed: row 1\)/);
	});
});
