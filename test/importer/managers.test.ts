import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {scanFile} from '../../source/csv/scan-file.js';
import {defaultImportOptions} from '../../source/importer/options.js';
import {prepareImport} from '../../source/importer/prepare.js';
import type {RunnerEvent} from '../../source/importer/runner.js';
import {launchImport} from '../../source/importer/session.js';
import {directoryForStreaming, startStreamedImport} from '../../source/importer/streamed-start.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {importFile, newHome, pacedClient, recordImport} from '../support/import-harness.js';
import {useTempFolders} from '../support/temp-dir.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

const tempFolder = useTempFolders('jc-import-managers-');

type Person = {username: string; first?: string; last?: string; manager?: string};

/** A CSV of new users (emails at import.example.com), each with a manager cell as given. */
function peopleCsv(people: readonly Person[]): string {
	const file = path.join(tempFolder(), 'people.csv');
	const quoted = (value: string) => (/[",]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
	const lines = ['Username,Email,First Name,Last Name,Password,Manager'];
	people.forEach((person, index) => {
		lines.push([person.username, `${person.username}@import.example.com`, person.first ?? 'User', person.last ?? `Number${index}`, `Import-Pass-${index}!`, person.manager ?? ''].map(quoted).join(','));
	});
	writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

const userNamed = (box: Sandbox, username: string) => [...box.directory.users.values()].find((user) => user.username === username);
const managerOf = (box: Sandbox, username: string) => userNamed(box, username)?.manager;
const idOf = (box: Sandbox, username: string) => userNamed(box, username)?._id;
/** Directory users whose display name nobody else has. */
function uniquelyNamed(box: Sandbox) {
	const users = [...box.directory.users.values()];
	const names = new Map<string, number>();
	for (const user of users) if (user.displayname) names.set(user.displayname.toLowerCase(), (names.get(user.displayname.toLowerCase()) ?? 0) + 1);
	return users.filter((user) => user.displayname && names.get(user.displayname.toLowerCase()) === 1);
}
const importedUsers = (box: Sandbox) => [...box.directory.users.values()].filter((user) => user.email.endsWith('@import.example.com'));

describe('managers as HR exports give them', () => {
	it('sets a manager named on a later row, by username or email, one row at a time without waiting on it', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 61}));
		const file = peopleCsv([{username: 'ann', manager: 'dee'}, {username: 'bob', manager: 'dee@import.example.com'}, {username: 'cy'}, {username: 'dee'}]);
		// One row at a time: a row that waited on its later manager would never let that manager run.
		const {outcome, prepared} = await importFile(box, file, {concurrency: 1});
		expect(prepared.rows.map((row) => row.manager)).toEqual([{row: 4}, {row: 4}, undefined, undefined]);
		expect(outcome.counts.created).toBe(4);
		expect(managerOf(box, 'ann')).toBe(idOf(box, 'dee'));
		expect(managerOf(box, 'bob')).toBe(idOf(box, 'dee'));
		expect(outcome.results.map((result) => result.error)).toEqual(['', '', '', '']);
	});

	it('creates a hierarchy three deep given in reverse order, each manager before its reports', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 62}));
		const file = peopleCsv([{username: 'intern', manager: 'lead'}, {username: 'lead', manager: 'head'}, {username: 'head', manager: 'ceo'}, {username: 'ceo'}]);
		const created: number[] = [];
		const {outcome} = await importFile(box, file, {concurrency: 4}, (event: RunnerEvent) => event.type === 'row-created' && created.push(event.row));
		expect(outcome.counts.created).toBe(4);
		expect(created).toEqual([4, 3, 2, 1]);
		expect(managerOf(box, 'intern')).toBe(idOf(box, 'lead'));
		expect(managerOf(box, 'lead')).toBe(idOf(box, 'head'));
		expect(managerOf(box, 'head')).toBe(idOf(box, 'ceo'));
		expect(managerOf(box, 'ceo')).toBeUndefined();
	});

	it('finds a manager by display name or by a DN (its CN, or its uid), in the file or in the directory', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 63, users: 20}));
		const seeded = uniquelyNamed(box)[0]!;
		const file = peopleCsv([
			{username: 'ann', manager: 'Marie Curie'},
			{username: 'bob', manager: 'CN=Curie\\, Marie,OU=Research,DC=example,DC=com'},
			{username: 'cy', manager: seeded.displayname!.toUpperCase()},
			{username: 'dee', manager: `CN=${seeded.displayname},OU=People,DC=example,DC=com`},
			{username: 'mcurie', first: 'Marie', last: 'Curie'},
			{username: 'curie2', first: 'Curie,', last: 'Marie'},
			{username: 'eve', manager: 'uid=mcurie,ou=People,dc=example,dc=com'},
		]);
		const {outcome, prepared} = await importFile(box, file);
		expect(prepared.rows.map((row) => row.manager)).toEqual([{row: 5}, {row: 6}, {userId: seeded._id}, {userId: seeded._id}, undefined, undefined, {row: 5}]);
		expect(outcome.counts.created).toBe(7);
		expect(managerOf(box, 'eve')).toBe(idOf(box, 'mcurie'));
		expect(managerOf(box, 'ann')).toBe(idOf(box, 'mcurie'));
		expect(managerOf(box, 'bob')).toBe(idOf(box, 'curie2'));
		expect(managerOf(box, 'cy')).toBe(seeded._id);
		expect(managerOf(box, 'dee')).toBe(seeded._id);
	});

	it('looks display names up when it reads only the users the file names, not the whole directory', {timeout: 30_000}, async () => {
		// Many users: looking the file's values up costs less than listing them all.
		const box = (sandbox = await startSandbox({seed: 64, users: 3000}));
		// The last by id: not on the listing's first page, which is read either way.
		const seeded = uniquelyNamed(box).sort((a, b) => (a._id < b._id ? 1 : -1))[0]!;
		const file = peopleCsv([{username: 'ann', manager: seeded.displayname!}]);
		const {client} = pacedClient(box);
		const prepared = await prepareImport({file, options: defaultImportOptions, client});
		expect(prepared.directory.partial).toBe(true);
		expect(prepared.rows[0]!.manager).toEqual({userId: seeded._id});
	});

	it('takes a manager named by employee ID: a later row, and a directory user found by lookup alone', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 66, users: 3000}));
		// The last by id: not on the listing's first page, so only the employee ID lookup finds it.
		const seeded = [...box.directory.users.values()].filter((user) => user.employeeIdentifier).sort((a, b) => (a._id < b._id ? 1 : -1))[0]!;
		const file = path.join(tempFolder(), 'staff.csv');
		writeFileSync(
			file,
			['Username,Email,Employee ID,Manager', 'ann,ann@import.example.com,E-100,E-300', `bob,bob@import.example.com,E-200,${seeded.employeeIdentifier}`, 'cy,cy@import.example.com,E-300,'].join('\n') + '\n',
		);
		const {client} = pacedClient(box);
		const prepared = await prepareImport({file, options: defaultImportOptions, client});
		expect(prepared.directory.partial).toBe(true);
		expect(prepared.rows.map((row) => row.manager)).toEqual([{row: 3}, {userId: seeded._id}, undefined]);
		expect(prepared.rows.flatMap((row) => row.issues ?? [])).toEqual([]);
	});

	it('warns, and creates without manager, when a display name is ambiguous, names nobody, or closes a cycle', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 65}));
		const file = peopleCsv([
			{username: 'ann', manager: 'Pat Lee'},
			{username: 'pat1', first: 'Pat', last: 'Lee'},
			{username: 'pat2', first: 'Pat', last: 'Lee'},
			{username: 'bob', manager: 'Nobody Known'},
			{username: 'cy', manager: 'dee'},
			{username: 'dee', manager: 'cy'},
			{username: 'eve', manager: 'eve@import.example.com'},
		]);
		const {outcome, prepared} = await importFile(box, file);
		const warnings = prepared.rows.map((row) => row.issues.filter((issue) => issue.severity === 'warning').map((issue) => issue.message));
		expect(warnings).toEqual([
			['created without manager: Pat Lee is ambiguous: 2 users have that display name'],
			[],
			[],
			['created without manager: Nobody Known is neither a JumpCloud user nor a row of this file'],
			[],
			['created without manager: cy closes a manager cycle (row 6 → row 5 → row 6)'],
			["created without manager: eve@import.example.com is this row's own user (a manager cycle)"],
		]);
		expect(prepared.rows.every((row) => row.action === 'create')).toBe(true);
		expect(outcome.counts.created).toBe(7);
		expect(managerOf(box, 'ann')).toBeUndefined();
		expect(managerOf(box, 'bob')).toBeUndefined();
		expect(managerOf(box, 'cy')).toBe(idOf(box, 'dee'));
		expect(managerOf(box, 'dee')).toBeUndefined();
		expect(managerOf(box, 'eve')).toBeUndefined();
		// The results report says so beside each user created.
		expect(outcome.results.map((result) => [result.status, result.error])).toEqual(warnings.map((each) => ['created', each.join(' | ')]));
	});

	it('creates the reports of a manager row that fails without manager, and the results say so', {timeout: 30_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 66}));
		const file = peopleCsv([{username: 'ann', manager: 'dee'}, {username: 'bob', manager: 'dee'}, {username: 'dee'}]);
		const {client, pacer, prepared, manifest, folder} = await recordImport(box, file, {existing: 'fail'});
		// Someone else creates dee after the plan: at its create it exists, not made by this import, so the row fails.
		await client.users.create({username: 'dee', email: 'dee@import.example.com', firstname: 'Someone', lastname: 'Else', state: 'STAGED'});
		const outcome = await launchImport({client, pacer, folder, manifest, mapping: prepared.mapping, rows: prepared.rows}).finished;
		expect(outcome.results.map((result) => [result.status, result.error])).toEqual([
			['created', 'created without manager: its manager (row 3) was not created'],
			['created', 'created without manager: its manager (row 3) was not created'],
			['failed', expect.stringContaining('already exists')],
		]);
		expect(managerOf(box, 'ann')).toBeUndefined();
		expect(managerOf(box, 'bob')).toBeUndefined();
		// Written to results.csv too, and the same again when the results are made from the journal alone.
		expect(readFileSync(folder.resultsPath, 'utf8')).toContain('created without manager: its manager (row 3) was not created');
	});

	it('a streamed start holds a report back for its later manager, and runs the rows in between meanwhile', {timeout: 60_000}, async () => {
		const box = (sandbox = await startSandbox({seed: 67}));
		const people: Person[] = Array.from({length: 60}, (_, index) => ({username: `user${index}`, ...(index < 3 ? {manager: index === 0 ? 'user59' : 'User Number59'} : {})}));
		const file = peopleCsv(people);
		const {client, pacer} = pacedClient(box);
		const scan = await scanFile(file);
		const directory = (await directoryForStreaming(client, scan))!;
		const created: number[] = [];
		const onEvent = (event: RunnerEvent) => event.type === 'row-created' && created.push(event.row);
		const home = newHome();
		const options = {...defaultImportOptions, concurrency: 1};
		const streamed = await startStreamedImport({client, pacer, importsDir: path.join(home, 'imports'), directory, scan, file, options, target: {baseUrl: box.url, sandbox: false}, onEvent});
		const outcome = await streamed.started!.session.finished;
		const planned = await streamed.planned;
		expect(planned.rows.slice(0, 3).map((row) => row.manager)).toEqual([{row: 60}, {row: 60}, {row: 60}]);
		expect(outcome.counts.created).toBe(60);
		expect(importedUsers(box)).toHaveLength(60);
		// Rows 4 to 59 were not held up by rows 1 to 3, which came right after their manager.
		expect(created.slice(0, 56)).toEqual(Array.from({length: 56}, (_, index) => index + 4));
		expect(created.slice(56, 57)).toEqual([60]);
		for (const name of ['user0', 'user1', 'user2']) expect(managerOf(box, name)).toBe(idOf(box, 'user59'));
	});
});
