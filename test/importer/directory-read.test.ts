import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {defaultImportOptions} from '../../source/importer/options.js';
import {readDirectory, readFrameCounting} from '../../source/importer/directory-read.js';
import {prepareImport, type PreparedImport} from '../../source/importer/prepare.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {Pacer} from '../../source/importer/pacer.js';
import {pacedClient} from '../support/import-harness.js';
import {tempFolder} from '../support/temp-dir.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

/** A sandbox holding `count` users besides its seed: staff0…, with employee IDs and alternate emails. */
async function directoryOf(count: number): Promise<Sandbox> {
	const box = (sandbox = await startSandbox({seed: 31}));
	for (let index = 0; index < count; index++) {
		box.directory.addUser({username: `staff${index}`, email: `staff${index}@corp.example.com`, employeeIdentifier: `E${index}`, alternateEmail: `staff${index}@home.example.com`, state: 'ACTIVATED', passwordSet: false});
	}
	return box;
}

function csv(lines: string[]): string {
	const file = path.join(tempFolder('jc-import-directory-'), 'users.csv');
	writeFileSync(file, `Username,Email,First Name,Last Name,Employee ID,Alternate Email,Manager\n${lines.join('\n')}\n`);
	return file;
}

/** What preflight decided for each row: the action, the existing user, the manager, the messages. */
const decisions = (prepared: PreparedImport) =>
	prepared.rows.map((row) => ({row: row.row, action: row.action, existing: row.existingUserId, manager: row.manager, issues: row.issues.map((issue) => `${issue.severity}: ${issue.message}`)}));

/** Ten rows touching the directory every way preflight looks: names in another case, taken IDs, managers by username, email and id. */
function tenRows(box: Sandbox): string[] {
	const byName = (username: string) => [...box.directory.users.values()].find((user) => user.username === username)!;
	return [
		'STAFF12,new1@corp.example.com,A,One,,,',
		'new2,Staff13@CORP.example.com,A,Two,,,',
		'new3,new3@corp.example.com,A,Three,e14,,',
		'new4,new4@corp.example.com,A,Four,,STAFF15@Home.Example.com,',
		'new5,new5@corp.example.com,A,Five,,,Staff16',
		'new6,new6@corp.example.com,A,Six,,,STAFF17@corp.example.com',
		`new7,new7@corp.example.com,A,Seven,,,${byName('staff18')._id}`,
		'new8,new8@corp.example.com,A,Eight,,,new5',
		'new9,new9@corp.example.com,A,Nine,,,nobody.here',
		'new10,new10@corp.example.com,A,Ten,E999999,,',
	];
}

describe('reading the directory for a plan', () => {
	it('a 10-row file against 20,000 users: the same plan as from the whole listing, for far fewer requests', {timeout: 120_000}, async () => {
		const box = await directoryOf(20_000);
		const file = csv(tenRows(box));
		const options = defaultImportOptions;

		const listingClient = pacedClient(box).client;
		const beforeListing = box.stats.requests;
		const listed = await readDirectory(listingClient);
		const listingRequests = box.stats.requests - beforeListing;
		expect(listed.users.length).toBeGreaterThanOrEqual(20_000);
		const fromListing = await prepareImport({file, options, client: listingClient, directory: listed});

		const progress: Array<[number, number, string]> = [];
		const beforeLookups = box.stats.requests;
		const lookedUp = await prepareImport({file, options, client: pacedClient(box).client, onProgress: (read, total, unit = 'users') => progress.push([read, total, unit])});
		const lookupRequests = box.stats.requests - beforeLookups;

		expect(lookedUp.directory.partial).toBe(true);
		expect(decisions(lookedUp)).toEqual(decisions(fromListing));
		// Every way of matching was exercised, case-insensitively, and found.
		expect(decisions(lookedUp).map((row) => row.action)).toEqual(['skip', 'skip', 'invalid', 'invalid', 'create', 'create', 'create', 'create', 'create', 'create']);
		// A manager nobody has (looked up as a username, an email and a display name) is a warning: created without one.
		expect(lookedUp.rows[8]!.issues.map((issue) => issue.message)).toEqual(['created without manager: nobody.here is neither a JumpCloud user nor a row of this file']);
		expect(lookedUp.rows[2]!.issues.map((issue) => issue.message)).toContain('employee ID e14 already belongs to staff14');
		expect(lookedUp.rows[3]!.issues.map((issue) => issue.message)).toContain('alternate email STAFF15@Home.Example.com already belongs to staff15');
		expect(lookedUp.rows.slice(4, 8).map((row) => row.manager)).toEqual([{userId: expect.any(String)}, {userId: expect.any(String)}, {userId: expect.any(String)}, {row: 5}]);

		// The org, groups and devices (3), the first page of users, one search for the file's values, one read of the manager named by id.
		expect(listingRequests).toBeGreaterThan(200);
		expect(lookupRequests).toBeLessThanOrEqual(6);
		expect(progress[0]).toEqual([100, expect.any(Number), 'users']);
		expect(progress.at(-1)).toEqual([1, 1, 'lookups']);
	});

	it('lists every user when that costs fewer requests than looking the file up, in parallel pages with progress', {timeout: 60_000}, async () => {
		const box = await directoryOf(450);
		const lines = Array.from({length: 300}, (_, index) => `row${index},row${index}@corp.example.com,R,${index},,,`);
		lines.push('STAFF7,x@corp.example.com,S,Seven,,,');
		const progress: number[] = [];
		const prepared = await prepareImport({file: csv(lines), options: defaultImportOptions, client: pacedClient(box).client, onProgress: (read) => progress.push(read)});
		expect(prepared.directory.partial).toBeUndefined();
		expect(prepared.directory.users.length).toBe(box.directory.users.size);
		expect(prepared.directory.users.map((user) => user._id)).toEqual([...box.directory.users.keys()].sort());
		expect(prepared.rows.at(-1)!.action).toBe('skip');
		expect(progress.at(-1)).toBe(box.directory.users.size);
	});

	it('a partial directory is never reused for another plan: its users are read again', {timeout: 60_000}, async () => {
		const box = await directoryOf(2_000);
		const client = pacedClient(box).client;
		const first = await prepareImport({file: csv(['new1,new1@corp.example.com,A,One,,,']), options: defaultImportOptions, client});
		expect(first.directory.partial).toBe(true);
		const other = await prepareImport({file: csv(['staff42,other@corp.example.com,A,One,,,']), options: defaultImportOptions, client, directory: first.directory});
		expect(other.rows[0]!.action).toBe('skip');
	});

	it('asks how many users there are with the listings of groups and devices, once the organization has answered, not after them', async () => {
		const box = (sandbox = await startSandbox({seed: 31, latencyMs: 40, recordRequests: true}));
		// A pace that holds nothing back (as from a learned rate), so the order is the reader's own.
		const {client} = pacedClient(box, new Pacer({startRate: 1000}));
		const isCount = (request: {path: string; query: Record<string, string[]>}) => request.path === '/api/systemusers' && request.query.limit?.[0] === '1';
		const reading = readFrameCounting(client);
		const frame = await reading.frame;
		// The count arrived before the frame's last answer went back: it was not asked after the frame.
		const arrivedWithFrame = box.requests.filter(isCount).length;
		expect(frame.organization.id).toBe(box.orgId);
		expect(arrivedWithFrame).toBe(1);
		expect(await reading.total).toBe(box.directory.users.size);
		// And the organization was asked first, alone: a silent or foreign server fails there before anything else goes out.
		expect(box.requests[0]!.path).toMatch(/^\/api\/organizations/);
		const firstAfterOrg = box.requests.findIndex((request) => !request.path.startsWith('/api/organizations'));
		expect(box.requests.slice(0, firstAfterOrg).every((request) => request.status !== undefined)).toBe(true);
	});
});
