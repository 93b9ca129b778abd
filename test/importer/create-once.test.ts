import {afterEach, describe, expect, it} from 'vitest';
import {JumpCloudClient} from '../../source/jumpcloud/client.js';
import {JumpCloudError} from '../../source/jumpcloud/errors.js';
import type {UserCreate} from '../../source/jumpcloud/types.js';
import {CreateOnce} from '../../source/importer/create-once.js';
import type {JournalRecord} from '../../source/importer/journal.js';
import {applyRecord, newRowProgress, type RowProgress} from '../../source/importer/progress.js';
import {fingerprint, type Claim} from '../../source/importer/provenance.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';

/*
 * The never-create-twice rule, on the real module against the real sandbox over loopback HTTP:
 * a create whose answer is lost is looked up before anything is sent again; a user found is taken
 * as this create's only when provenance proves it (its time, its details, no other import's claim);
 * a stranger is never claimed; a resend goes only once the lookup found nobody; one user per row.
 */

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

const ada: UserCreate = {username: 'ada', email: 'ada@import.example.com', firstname: 'Ada', lastname: 'Lovelace', state: 'STAGED'};

type Setup = {claimOf?: (userId: string) => Claim | undefined; wait?: (ms: number) => Promise<void>; onRecord?: (record: JournalRecord) => void};

/** The module as the runner builds it: its journal kept here and applied to the rows' progress as the runner applies it. */
function creatorFor(box: Sandbox, setup: Setup = {}) {
	// Lookups are retried by the HTTP core as any read is; quickly here, so a lookup that cannot be made fails fast.
	const client = new JumpCloudClient({apiKey: box.apiKey, baseUrl: box.url, timeoutMs: 5000, backoff: {maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1}});
	const records: JournalRecord[] = [];
	const rows = new Map<number, RowProgress>();
	const creator = new CreateOnce({
		client,
		journal: (record) => {
			records.push(record);
			if (record.t !== 'run') applyRecord(rows, record);
			setup.onRecord?.(record);
		},
		claimOf: setup.claimOf ?? (() => undefined),
		wait: setup.wait ?? (async () => {}),
		signal: new AbortController().signal,
	});
	const progressOf = (row: number) => {
		let progress = rows.get(row);
		if (!progress) rows.set(row, (progress = newRowProgress(row)));
		return progress;
	};
	/** A line an earlier run wrote: applied to the row's progress, as a resume replays it. */
	const replayed = (record: Exclude<JournalRecord, {t: 'run'}>) => applyRecord(rows, record);
	return {creator, records, progressOf, replayed};
}

/** What reached JumpCloud about users, in order: creates, lookups (by username or email) and reads of one user. */
function userTraffic(box: Sandbox, from = 0): Array<'create' | 'lookup' | 'read'> {
	return box.requests.slice(from).flatMap((request) => {
		if (request.method === 'POST' && request.path === '/api/systemusers') return ['create' as const];
		if (request.method === 'POST' && request.path === '/api/search/systemusers') return ['lookup' as const];
		if (request.method === 'GET' && request.path.startsWith('/api/systemusers/')) return ['read' as const];
		return [];
	});
}

const usersNamed = (box: Sandbox, username: string) => [...box.directory.users.values()].filter((user) => user.username === username);
const kinds = (records: readonly JournalRecord[]) => records.map((record) => (record.t === 'run' ? 'run' : record.t));

describe('create-once: a create whose answer is lost is never sent again blind', () => {
	it('looks the user up before anything else is sent, and adopts the user its own create made', async () => {
		const box = (sandbox = await startSandbox({seed: 161, recordRequests: true, faults: {dropAfterCommit: 1}}));
		const {creator, records, progressOf} = creatorFor(box);

		const result = await creator.create(1, ada, progressOf(1));

		expect(result).toEqual({kind: 'created', userId: expect.any(String), reconciled: true});
		// The only create is the first; the answer lost, the next request asks who holds the username.
		expect(userTraffic(box)).toEqual(['create', 'lookup', 'read']);
		expect(usersNamed(box, 'ada')).toHaveLength(1);
		expect(usersNamed(box, 'ada')[0]!._id).toBe(result.kind === 'created' ? result.userId : undefined);
		expect(kinds(records)).toEqual(['intent', 'lost', 'done']);
		expect(records.at(-1)).toMatchObject({t: 'done', step: 'create', reconciled: true, evidence: expect.stringContaining('same details; no other import holds it')});
	});

	it('sends again only after the lookup found nobody, and then once', async () => {
		const box = (sandbox = await startSandbox({seed: 162, recordRequests: true, faults: {create503: 1}}));
		const seenAtWait: string[][] = [];
		const {creator, records, progressOf} = creatorFor(box, {
			wait: async () => {
				seenAtWait.push(userTraffic(box));
				// The next create gets through.
				box.setKnobs({faults: {}});
			},
		});

		const result = await creator.create(1, ada, progressOf(1));

		expect(result).toEqual({kind: 'created', userId: expect.any(String), reconciled: false});
		expect(userTraffic(box)).toEqual(['create', 'lookup', 'create']);
		// The wait before the resend came after the lookup had answered "nobody".
		expect(seenAtWait).toEqual([['create', 'lookup']]);
		expect(usersNamed(box, 'ada')).toHaveLength(1);
		expect(kinds(records)).toEqual(['intent', 'lost', 'intent', 'done']);
	});

	it('sends nothing more when the lookup itself cannot be made: the row stays open for a resume', async () => {
		const box = (sandbox = await startSandbox({seed: 163, recordRequests: true, faults: {create503: 1}}));
		const {creator, records, progressOf} = creatorFor(box, {
			// Once the create's answer is lost, JumpCloud stops answering anything.
			onRecord: (record) => record.t === 'lost' && box.setKnobs({faults: {error503: 1}}),
		});

		await expect(creator.create(1, ada, progressOf(1))).rejects.toBeInstanceOf(JumpCloudError);

		expect(userTraffic(box).filter((kind) => kind === 'create')).toHaveLength(1);
		expect(userTraffic(box)[0]).toBe('create');
		expect(kinds(records)).toEqual(['intent', 'lost']);
		// The attempt stays on record, so the next run looks before it sends.
		expect(progressOf(1).attempts).toHaveLength(1);
	});
});

describe('create-once: a user found is adopted only when provably this create’s', () => {
	it('never claims a stranger who took the username while the answer was lost, and sends nothing more', async () => {
		const box = (sandbox = await startSandbox({seed: 164, recordRequests: true, faults: {createdElsewhere: 1}}));
		const {creator, records, progressOf} = creatorFor(box);

		const result = await creator.create(1, ada, progressOf(1));

		const [stranger] = usersNamed(box, 'ada');
		expect(result).toEqual({kind: 'exists', userId: stranger!._id, reason: "its details differ from this row's"});
		expect(userTraffic(box)).toEqual(['create', 'lookup', 'read']);
		expect(usersNamed(box, 'ada')).toHaveLength(1);
		expect(stranger).toMatchObject({firstname: 'Someone', lastname: 'Else'});
		expect(kinds(records)).toEqual(['intent', 'lost', 'not-ours']);
		expect(records.some((record) => record.t === 'done')).toBe(false);
	});

	it('does not take a user with this row’s very details for its own when it was made before the create was sent', async () => {
		const box = (sandbox = await startSandbox({seed: 165, recordRequests: true, faults: {create503: 1}}));
		const earlier = box.directory.addUser({...ada, passwordSet: false, created: new Date(Date.now() - 10 * 60_000).toISOString()} as never);
		const {creator, records, progressOf} = creatorFor(box);

		const result = await creator.create(1, ada, progressOf(1));

		expect(result).toEqual({kind: 'exists', userId: earlier._id, reason: expect.stringMatching(/not while this import's create was in flight/)});
		expect(userTraffic(box).filter((kind) => kind === 'create')).toHaveLength(1);
		expect(kinds(records)).toEqual(['intent', 'lost', 'not-ours']);
	});

	it('leaves a user another import in this home holds as its own, even when its time and details fit', async () => {
		const box = (sandbox = await startSandbox({seed: 166, recordRequests: true, faults: {dropAfterCommit: 1}}));
		const {creator, records, progressOf} = creatorFor(box, {claimOf: () => ({importId: '20261201-other', direct: true})});

		const result = await creator.create(1, ada, progressOf(1));

		expect(result).toEqual({kind: 'exists', userId: usersNamed(box, 'ada')[0]!._id, reason: 'import 20261201-other holds it as its own'});
		expect(userTraffic(box)).toEqual(['create', 'lookup', 'read']);
		expect(kinds(records)).toEqual(['intent', 'lost', 'not-ours']);
	});
});

describe('create-once: a create an earlier run left without an outcome', () => {
	/** The journal of a run that sent the row's create and died before its answer. */
	function crashedBefore(replayed: (record: Exclude<JournalRecord, {t: 'run'}>) => RowProgress): RowProgress {
		replayed({t: 'intent', row: 1, step: 'create', at: new Date().toISOString(), username: ada.username, email: ada.email, fp: fingerprint(ada), clock: [0, 0]});
		return replayed({t: 'lost', row: 1, step: 'create', at: new Date().toISOString(), kind: 'interrupted'});
	}

	it('adopts the user that create made, sending no create at all', async () => {
		const box = (sandbox = await startSandbox({seed: 167, recordRequests: true}));
		const {creator, records, replayed} = creatorFor(box);
		const progress = crashedBefore(replayed);
		// The crashed run's create went through.
		box.directory.addUser({...ada, passwordSet: false} as never);

		const result = await creator.create(1, ada, progress);

		expect(result).toEqual({kind: 'created', userId: usersNamed(box, 'ada')[0]!._id, reconciled: true});
		expect(userTraffic(box)).toEqual(['lookup', 'read']);
		expect(usersNamed(box, 'ada')).toHaveLength(1);
		expect(kinds(records)).toEqual(['done']);
	});

	it('looks first, and creates only once the lookup found nobody', async () => {
		const box = (sandbox = await startSandbox({seed: 168, recordRequests: true}));
		const {creator, replayed} = creatorFor(box);
		const progress = crashedBefore(replayed);

		const result = await creator.create(1, ada, progress);

		expect(result).toMatchObject({kind: 'created', reconciled: false});
		expect(userTraffic(box)).toEqual(['lookup', 'create']);
		expect(usersNamed(box, 'ada')).toHaveLength(1);
	});
});

describe('create-once: exactly one user per row, whatever answers are lost', () => {
	it('twelve rows through lost answers and dropped commits: one user each, every resend after a lookup', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 169, recordRequests: true, faults: {dropAfterCommit: 0.3, create503: 0.3}}));
		const {creator, progressOf} = creatorFor(box);
		for (let row = 1; row <= 12; row++) {
			const username = `row${row}`;
			const from = box.requests.length;
			const result = await creator.create(row, {...ada, username, email: `${username}@import.example.com`}, progressOf(row));
			expect(result, username).toMatchObject({kind: 'created'});
			expect(usersNamed(box, username), username).toHaveLength(1);
			// Every create after the row's first follows a lookup that found nobody.
			const traffic = userTraffic(box, from).filter((kind) => kind !== 'read');
			traffic.forEach((kind, index) => {
				if (kind === 'create' && index > 0) expect(traffic[index - 1], `${username}: ${traffic.join(' ')}`).toBe('lookup');
			});
		}
		// The faults were met: the rule was exercised, not walked around.
		expect(box.stats.droppedAfterCommit).toBeGreaterThan(0);
		expect(box.stats.faults).toBeGreaterThan(box.stats.droppedAfterCommit);
	});
});
