import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {listImportIds} from '../../source/importer/import-store.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {checkRequests, specsPresent} from '../support/contract.js';
import {usersCsv} from '../support/import-harness.js';
import {runCli} from '../support/run-cli.js';
import {tempFolder} from '../support/temp-dir.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

/** user0 manages user1..user3; user2 manages user4 and user5. */
const managerOf = (index: number) => (index === 0 ? '' : index <= 3 ? 'user0' : index <= 5 ? 'user2' : '');

describe('check, a run requiring MFA, and a rollback, through the built CLI against the spec-faithful sandbox', () => {
	it('every create carries enable_user_portal_multifactor with the exclusion, and one rollback leaves the directory as it was', {timeout: 120_000}, async () => {
		sandbox = await startSandbox({seed: 95, recordRequests: true});
		const home = tempFolder('jc-import-faithful-');
		const env = {JC_API_KEY: sandbox.apiKey, JC_API_URL: sandbox.url, JC_IMPORT_HOME: home};
		const before = [...sandbox.directory.users.keys()].sort();

		const check = await runCli(['check'], env);
		expect(check.code).toBe(0);
		expect(check.stdout).toContain(`Organization: ${sandbox.directory.org.displayName}`);

		const run = await runCli(['run', usersCsv(8, 'Manager', managerOf), '--yes', '--require-mfa', '--mfa-exclusion-days', '7', '--state', 'ACTIVATED', '--email', 'none'], env);
		expect(run.code).toBe(0);
		const creates = sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/api/systemusers');
		expect(creates).toHaveLength(8);
		for (const create of creates) expect(create.body).toMatchObject({state: 'STAGED', enable_user_portal_multifactor: true, mfa: {exclusion: true, exclusionDays: 7}});
		const imported = [...sandbox.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'));
		expect(imported.every((user) => user.state === 'ACTIVATED' && user.enable_user_portal_multifactor === true)).toBe(true);
		expect(sandbox.directory.userByUsername('user4')!.manager).toBe(sandbox.directory.userByUsername('user2')!._id);

		const [id] = listImportIds(path.join(home, 'imports'));
		const rollback = await runCli(['rollback', id!, '--yes'], env);
		expect(rollback.code).toBe(0);
		expect(rollback.stdout).toContain('Rolled back: 8 deleted, 0 already gone, 0 kept');
		expect([...sandbox.directory.users.keys()].sort()).toEqual(before);
		// One pass: every delete went through the first time, none refused for still managing someone.
		expect(sandbox.requests.filter((request) => request.method === 'DELETE')).toHaveLength(8);
		expect(sandbox.stats.byStatus[409] ?? 0).toBe(0);
		if (specsPresent) expect(checkRequests(sandbox.requests)).toEqual([]);
	});
});
