import {afterEach, describe, expect, it} from 'vitest';
import {byReportingLevel} from '../../source/importer/rollback.js';
import {runRollback} from '../../source/importer/rollback-session.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {importFile, usersCsv} from '../support/import-harness.js';
import {startRewritingProxy} from '../support/rewriting-proxy.js';
import {JumpCloudClient} from '../../source/jumpcloud/client.js';
import {runCli} from '../support/run-cli.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

/** user0 manages user1 and user3, user1 manages user2; user4 reports to no one. */
const managerOf = (index: number) => ({1: 'user0', 2: 'user1', 3: 'user0'})[index] ?? '';

const deletes = (box: Sandbox) => box.requests.filter((request) => request.method === 'DELETE');
const idOf = (box: Sandbox, username: string) => box.directory.userByUsername(username)!._id;

describe('rollback of an import with managers', () => {
	it('deletes reports before their managers: one pass, no refusal, the directory as it was', async () => {
		const box = (sandbox = await startSandbox({seed: 61, recordRequests: true}));
		const before = [...box.directory.users.keys()].sort();
		const {outcome, folder, manifest, client} = await importFile(box, usersCsv(5, 'Manager', managerOf), {concurrency: 4});
		expect(outcome.counts.created).toBe(5);
		expect(box.directory.userByUsername('user2')!.manager).toBe(idOf(box, 'user1'));
		const ids = Object.fromEntries([0, 1, 2, 3, 4].map((index) => [`user${index}`, idOf(box, `user${index}`)]));

		const result = await runRollback({client, folder, manifest});
		expect(result).toEqual({deleted: 5, gone: 0, kept: 0, failed: 0, left: 0, clearedManagerOf: []});
		expect([...box.directory.users.keys()].sort()).toEqual(before);
		const order = deletes(box).map((request) => request.path.split('/').at(-1));
		const position = (name: string) => order.indexOf(ids[name]);
		expect(position('user2')).toBeLessThan(position('user1'));
		expect(position('user1')).toBeLessThan(position('user0'));
		expect(position('user3')).toBeLessThan(position('user0'));
		// Nothing was refused, and nothing cleared anyone's manager: every report went first.
		expect(deletes(box)).toHaveLength(5);
		expect(box.stats.byStatus[409] ?? 0).toBe(0);
		expect(deletes(box).some((request) => 'cascade_manager' in request.query)).toBe(false);
	});

	it("a manager who still manages someone outside the import is deleted with cascade_manager=null, and that report is named", async () => {
		const box = (sandbox = await startSandbox({seed: 62, recordRequests: true}));
		const {folder, manifest, client} = await importFile(box, usersCsv(2, 'Manager', managerOf));
		// Someone else's user, made after the import, reports to the imported manager.
		const manager = idOf(box, 'user0');
		const outsider = box.directory.addUser({username: 'outsider', email: 'outsider@elsewhere.example.com', state: 'ACTIVATED', passwordSet: false, manager} as never);

		const events: unknown[] = [];
		const result = await runRollback({client, folder, manifest, onEvent: (event) => events.push(event)});
		expect(result).toEqual({deleted: 2, gone: 0, kept: 0, failed: 0, left: 0, clearedManagerOf: ['outsider']});
		expect(box.directory.userByUsername('user0')).toBeUndefined();
		// The outsider is still there, with no manager: the one change JumpCloud makes for a cascade.
		expect(box.directory.users.get(outsider._id)?.manager ?? '').toBe('');
		expect(events).toContainEqual(expect.objectContaining({type: 'deleted', clearedManagerOf: ['outsider']}));
		const cascaded = deletes(box).filter((request) => request.query.cascade_manager?.[0] === 'null');
		expect(cascaded.map((request) => request.path)).toEqual([`/api/systemusers/${manager}`]);
	});
});

describe('a report of the import whose delete failed', () => {
	it('keeps its manager for the next rollback instead of clearing the report\'s manager; the next rollback finishes without a cascade', async () => {
		const box = (sandbox = await startSandbox({seed: 63, recordRequests: true}));
		const {folder, manifest} = await importFile(box, usersCsv(2, 'Manager', managerOf));
		const [manager, report] = [idOf(box, 'user0'), idOf(box, 'user1')];
		// The report's delete is refused once (a proxy answers for JumpCloud); nothing is sent on.
		let refused = 0;
		const proxy = await startRewritingProxy(box.url, () => undefined, (request) =>
			request.method === 'DELETE' && request.url.startsWith(`/api/systemusers/${report}`) && refused++ === 0 ? {status: 403, body: '{"message":"Forbidden"}'} : undefined,
		);
		try {
			const client = new JumpCloudClient({apiKey: box.apiKey, baseUrl: proxy.url, backoff: {maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5}});
			const events: Array<{type: string; error?: string}> = [];
			const first = await runRollback({client, folder, manifest, onEvent: (event) => events.push(event)});
			expect(first).toMatchObject({deleted: 0, failed: 2, clearedManagerOf: []});
			expect(events.find((event) => event.type === 'delete-failed' && event.error?.includes('user1'))?.error).toMatch(/still manages a user of this import not deleted yet \(user1\)/);
			// Nobody's manager was cleared: the report still names its manager.
			expect(box.directory.users.get(report)?.manager).toBe(manager);
			expect(box.requests.some((request) => request.query.cascade_manager !== undefined)).toBe(false);

			const second = await runRollback({client, folder, manifest});
			expect(second).toMatchObject({deleted: 2, failed: 0, left: 0, clearedManagerOf: []});
			expect(box.directory.users.has(manager) || box.directory.users.has(report)).toBe(false);
			expect(box.requests.some((request) => request.query.cascade_manager !== undefined)).toBe(false);
		} finally {
			await proxy.close();
		}
	});
});

describe('byReportingLevel', () => {
	const user = (userId: string, manager?: string) => ({row: 0, userId, user: {_id: userId, username: userId, email: `${userId}@x.example`, state: 'ACTIVATED' as const, ...(manager ? {manager} : {})}});

	it('puts each manager after every report it has here', () => {
		const levels = byReportingLevel([user('ceo'), user('vp', 'ceo'), user('dev', 'vp'), user('ops', 'ceo'), user('solo', 'someone-else')]);
		expect(levels.map((level) => level.map((item) => item.userId).sort())).toEqual([['dev', 'ops', 'solo'], ['vp'], ['ceo']]);
	});

	it('a cycle (users edited by hand) ends up last rather than never', () => {
		const levels = byReportingLevel([user('a', 'b'), user('b', 'a'), user('c')]);
		expect(levels.map((level) => level.map((item) => item.userId).sort())).toEqual([['c'], ['a', 'b']]);
	});
});

describe('a rollback as it goes', () => {
	it('says how many users it has read again, before the first delete', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 62}));
		const {outcome, folder, manifest, client} = await importFile(box, usersCsv(40), {concurrency: 8});
		expect(outcome.counts.created).toBe(40);
		const reads: Array<[number, number]> = [];
		const result = await runRollback({client, folder, manifest, onRead: (read, total) => reads.push([read, total])});
		expect(result.deleted).toBe(40);
		expect(reads.map(([read]) => read)).toEqual(Array.from({length: 40}, (_, index) => index + 1));
		expect(reads.every(([, total]) => total === 40)).toBe(true);
	});

	it('the command: progress on stderr, and many requests at once raise no listener warning', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 63, latencyMs: 300}));
		const {outcome, manifest, home} = await importFile(box, usersCsv(60), {concurrency: 16});
		expect(outcome.counts.created).toBe(60);
		const {code, stderr} = await runCli(['rollback', manifest.id, '--yes'], {JC_API_KEY: box.apiKey, JC_IMPORT_HOME: home});
		expect(code, stderr).toBe(0);
		expect(stderr).toContain('read 60 of 60 users');
		expect(stderr).not.toMatch(/MaxListenersExceeded|Warning/);
	});
});
