import {deserialize, serialize} from 'node:v8';
import {describe, expect, it} from 'vitest';
import type {UserSummary} from '../../source/jumpcloud/types.js';
import type {DirectorySnapshot} from '../../source/importer/directory-read.js';
import type {ManagerChange, ManagerSnapshot, NamedUser} from '../../source/importer/manager-resolution.js';
import {defaultImportOptions} from '../../source/importer/options.js';
import type {RowPlan} from '../../source/importer/row-plan.js';
import {LastHolders} from '../../source/importer/last-holders.js';
import {noteHolders} from '../../source/importer/read-ahead.js';
import {RowPlanner} from '../../source/importer/row-planner.js';
import type {BuiltRow} from '../../source/users/build-user.js';

const now = new Date('2026-12-01T10:00:00.000Z');
const id = (n: number) => n.toString(16).padStart(24, '0');

const dora: NamedUser = {_id: id(1), username: 'dora', email: 'dora@corp.example', employeeIdentifier: 'D-1', displayname: 'Dora Director'};
const existing: NamedUser = {_id: id(2), username: 'exists', email: 'exists@corp.example'};
const sams: NamedUser[] = [
	{_id: id(3), username: 'sam1', email: 'sam1@corp.example', displayname: 'Sam Same'},
	{_id: id(4), username: 'sam2', email: 'sam2@corp.example', displayname: 'Sam Same'},
];
/** A user a streamed plan learns of only once its rows' values are looked up: rows before that do not see it. */
const late: NamedUser = {_id: id(5), username: 'late.user', email: 'late@corp.example', displayname: 'Lately Known'};

const directory = (users: UserSummary[]): DirectorySnapshot => ({users, groups: [], systems: [], policy: undefined, organization: {id: id(99)}, readAt: now});

type Person = {username: string; manager?: string; employeeId?: string; displayname?: string; email?: string};

/** Rows numbered with gaps (rows a reader dropped leave them); each person as the builder would give it. */
function rowsOf(people: ReadonlyArray<Person | {invalid: string}>): BuiltRow[] {
	let row = 0;
	return people.map((person, index) => {
		row += index % 5 === 4 ? 2 : 1;
		const line = row + 1;
		if ('invalid' in person) {
			return {row, line, username: person.invalid, email: `${person.invalid}@import.example`, issues: [{row, line, column: 'Email', severity: 'error' as const, message: 'email is not valid'}]};
		}
		const payload = {
			username: person.username,
			email: person.email ?? `${person.username}@import.example`,
			state: 'STAGED' as const,
			firstname: 'Person',
			lastname: `Number${index}`,
			...(person.displayname ? {displayname: person.displayname} : {}),
			...(person.employeeId ? {employeeIdentifier: person.employeeId} : {}),
		};
		const manager = person.manager ? {manager: person.manager, managerColumn: 'Manager'} : {};
		return {row, line, user: {row, line, payload, groups: [], systems: [], derived: [], ...manager}, issues: []};
	});
}

const people: Array<Person | {invalid: string}> = [
	{username: 'ann', manager: 'dora'}, // a directory user by username
	{username: 'bob', manager: 'Ann'}, // an earlier row by username
	{username: 'cy', manager: 'ann@import.example', employeeId: 'X-1'}, // by email; cy's employee ID is x-1
	{username: 'dee', manager: 'Zed Later', employeeId: 'E-7'}, // a later row's display name: pending
	{username: 'eve', manager: 'e-7'}, // an earlier row by employee ID
	{username: 'fay', manager: 'x-1'}, // cy, by employee ID
	{username: 'x-1', manager: 'dora@corp.example'}, // a username that is cy's employee ID: cy keeps it
	{username: 'gil', manager: 'X-1'}, // still cy, the first row to hold x-1
	{username: 'hal', manager: 'ivy'}, // a later row: pending; closes a cycle with ivy
	{username: 'ivy', manager: 'hal'},
	{username: 'jo', manager: 'kim'}, // a cycle of three, across any cut between jo and lu
	{username: 'kim', manager: 'CN=Lu Last,OU=Staff,DC=example,DC=com'},
	{username: 'lu', manager: 'jo', displayname: 'Lu Last'},
	{username: 'exists', displayname: 'Skipped Person'}, // the directory has it: skipped, and named by its display name
	{username: 'mo', manager: 'skipped person'},
	{invalid: 'broken'}, // a row with errors: a manager named by it is not created
	{username: 'ned', manager: 'broken'},
	{username: 'dup', employeeId: 'D-1'}, // dora's employee ID: an error, so invalid
	{username: 'ola', manager: 'dup@import.example'},
	{username: 'pia', manager: 'Sam Same'}, // two directory users have that name
	{username: 'pat1', displayname: 'Pat Twin'},
	{username: 'pat2', displayname: 'Pat Twin'},
	{username: 'quin', manager: 'pat twin'}, // two rows have that name
	{username: 'rae', manager: 'rae@import.example'}, // its own user
	{username: 'sid', manager: 'nobody.at.all'},
	{username: 'tia', manager: 'late.user'}, // before the directory user is known: pending
	{username: 'uma', manager: 'Late.User'}, // after: that user
	{username: 'vic', manager: 'Lately Known'},
	{username: 'zed', manager: 'gus', displayname: 'Zed Later'},
	{username: 'gus', manager: 'fay'},
];
const rows = rowsOf(people);
/** The row before which `late` is added to the planner, as a streamed plan's lookup would. */
const lateFrom = rows[26]!.row;

/**
 * Plans the rows with `planner`, adding `late` where the whole plan learned of it (if that is among
 * them), and takes the managers each row decided for rows pending before it (as a streamed plan does).
 */
function planRows(planner: RowPlanner, built: readonly BuiltRow[]): {plans: RowPlan[]; decided: Array<{by: number; change: ManagerChange}>} {
	const decided: Array<{by: number; change: ManagerChange}> = [];
	const plans = built.map((row) => {
		if (row.row === lateFrom) planner.addUsers([late]);
		const plan = planner.plan(row);
		for (const change of planner.decided()) decided.push({by: row.row, change});
		return plan;
	});
	return {plans, decided};
}

const directoryUsers = [dora, existing, ...sams];
const whole = () => new RowPlanner(directory(directoryUsers), defaultImportOptions, now);

/** A planner resumed at `place` (the place in the plan of the first row it plans), with the directory as it is by then. */
function resumed(place: number, managers: ManagerSnapshot): RowPlanner {
	const users = rows[place] && rows[place].row <= lateFrom ? directoryUsers : [...directoryUsers, late];
	return new RowPlanner(directory(users), defaultImportOptions, now, new Set(), new Set(), {index: place, managers});
}

const roundTrip = (snapshot: ManagerSnapshot): ManagerSnapshot => deserialize(serialize(snapshot)) as ManagerSnapshot;

describe('the managers as the rows before a row left them', () => {
	const first = whole();
	const {plans, decided} = planRows(first, rows);
	const cuts = rows.map((row, place) => ({beforeRow: row.row, place}));
	cuts.push({beforeRow: rows.at(-1)!.row + 1, place: rows.length});
	const before = cuts.map(({beforeRow}) => first.snapshot(beforeRow));
	const changes = first.finish();
	const final = managersOf(plans, [...decided.map(({change}) => change), ...changes]);

	it('the rows are what they say: every kind of manager is there, and finish changes many', () => {
		const sources = plans.map((plan) => plan.manager && Object.keys(plan.manager)[0]);
		expect(sources.filter((source) => source === 'userId').length).toBeGreaterThanOrEqual(3);
		expect(sources.filter((source) => source === 'row').length).toBeGreaterThanOrEqual(6);
		expect(sources.filter((source) => source === 'pending').length).toBeGreaterThanOrEqual(8);
		// Rows pending for a later username, email or employee ID have it once that row is planned.
		expect(decided.map(({by, change}) => [change.row, by, change.manager])).toEqual([
			[rows[8]!.row, rows[9]!.row, {row: rows[9]!.row}],
			[rows[10]!.row, rows[11]!.row, {row: rows[11]!.row}],
			[rows[28]!.row, rows[29]!.row, {row: rows[29]!.row}],
		]);
		expect(plans.map((plan) => plan.action).filter((action) => action !== 'create')).toEqual(['skip', 'invalid', 'invalid']);
		// fay names cy by employee ID; gil too, though a later row has that as its username.
		expect(plans[5]!.manager).toEqual({row: rows[2]!.row});
		expect(plans[7]!.manager).toEqual({row: rows[2]!.row});
		expect(changes.filter((change) => change.issue?.message.includes('closes a manager cycle')).length).toBe(2);
		expect(changes.length).toBeGreaterThan(10);
	});

	it('taken after finish is the one taken before it', () => {
		cuts.forEach(({beforeRow}, index) => expect(first.snapshot(beforeRow), `before row ${beforeRow}`).toEqual(before[index]));
	});

	it('restored, plans the later rows and finishes as the planner that planned them all, for every cut', () => {
		for (const {beforeRow, place} of cuts) {
			for (const [how, snapshot] of [
				['as taken', first.snapshot(beforeRow)],
				['through v8.serialize', roundTrip(first.snapshot(beforeRow))],
			] as const) {
				const planner = resumed(place, snapshot);
				const again = planRows(planner, rows.slice(place));
				expect(again.plans, `before row ${beforeRow}, ${how}`).toEqual(plans.slice(place));
				// The rows planned again decide as before, for themselves: the rows before the cut ran as planned then.
				expect(again.decided, `before row ${beforeRow}, ${how}`).toEqual(decided.filter(({by, change}) => by >= beforeRow && change.row >= beforeRow));
				const finished = planner.finish();
				expect(finished.filter((change) => change.row >= beforeRow), `before row ${beforeRow}, ${how}`).toEqual(changes.filter((change) => change.row >= beforeRow));
				// The rows before the cut come out of finish too, with the managers the whole plan gave them: their
				// edges are what cycles through them are closed by.
				for (const change of finished.filter((change) => change.row < beforeRow)) expect(change.manager, `row ${change.row}, before row ${beforeRow}, ${how}`).toEqual(final.get(change.row)!.manager);
			}
		}
	});

	it('taken again from a restored planner, is the one the first planner gives', () => {
		const place = 12;
		const planner = resumed(place, roundTrip(first.snapshot(rows[place]!.row)));
		planRows(planner, rows.slice(place));
		for (const {beforeRow} of cuts) expect(planner.snapshot(beforeRow), `before row ${beforeRow}`).toEqual(first.snapshot(beforeRow));
	});

	it('holds nothing of the directory: before the first row, it is empty', () => {
		// The directory's users (dora, the two Sams, late) have display names: the resuming side adds them itself.
		expect(first.snapshot(rows[0]!.row)).toEqual({beforeRow: rows[0]!.row, indexing: true, fileRows: {keys: [], hashes: new Int32Array(), numbers: new Int32Array()}, kinds: new Uint8Array(), rows: new Int32Array(), texts: [], numbers: new Int32Array(), columns: []});
	});

	it('is plain data: numbers in typed arrays, texts, nothing else', () => {
		const snapshot = first.snapshot(rows.at(-1)!.row + 1);
		expect(snapshot).toMatchObject({indexing: true, kinds: expect.any(Uint8Array), rows: expect.any(Int32Array), numbers: expect.any(Int32Array)});
		expect(snapshot.fileRows).toMatchObject({hashes: expect.any(Int32Array), numbers: expect.any(Int32Array)});
		expect([...snapshot.texts, ...snapshot.fileRows.keys].every((text) => text === null || typeof text === 'string')).toBe(true);
		expect(roundTrip(snapshot)).toEqual(snapshot);
	});
});

describe('the managers of a file that names none', () => {
	it('record nothing, and a planner restored from them indexes nothing either', () => {
		const named = rowsOf([{username: 'ann', displayname: 'Ann A'}, {username: 'bob'}, {invalid: 'broken'}, {username: 'exists'}, {username: 'cy'}]);
		const first = whole();
		first.noManagersNamed();
		const plans = named.map((row) => first.plan(row));
		const snapshot = roundTrip(first.snapshot(named[3]!.row));
		expect(snapshot).toEqual({beforeRow: named[3]!.row, indexing: false, fileRows: {keys: [], hashes: new Int32Array(), numbers: new Int32Array()}, kinds: new Uint8Array(), rows: new Int32Array(), texts: [], numbers: new Int32Array(), columns: []});
		const planner = new RowPlanner(directory(directoryUsers), defaultImportOptions, now, new Set(), new Set(), {index: 3, managers: snapshot});
		expect(named.slice(3).map((row) => planner.plan(row))).toEqual(plans.slice(3));
		expect(planner.snapshot(named[4]!.row + 1)).toMatchObject({indexing: false, texts: []});
		expect(planner.finish()).toEqual([]);
	});
});

describe('the first row to hold a value', () => {
	it('is the one a manager cell names, even when the cell is also the naming row’s own username', () => {
		const named = rowsOf([{username: 'pat', employeeId: 'X-1'}, {username: 'x-1', manager: 'X-1'}]);
		const planner = whole();
		const plans = named.map((row) => planner.plan(row));
		expect(plans[1]!.manager).toEqual({row: named[0]!.row});
		expect(plans[1]!.issues).toEqual([]);
	});

	it('gives finish’s changes in plan order, restored or not (cycles closed through later employee IDs)', () => {
		const named = rowsOf([
			{username: 'a', manager: 'e4'},
			{username: 'b', manager: 'e3'},
			{username: 'c', employeeId: 'E3', manager: 'b'},
			{username: 'd', employeeId: 'E4', manager: 'a'},
		]);
		const first = whole();
		named.forEach((row) => {
			first.plan(row);
			// Handed out as a streamed plan takes them: a and b are decided by c's and d's employee IDs.
			first.decided();
		});
		const restored = resumed(named.length, roundTrip(first.snapshot(named.at(-1)!.row + 1)));
		const changes = first.finish();
		expect(changes.map((change) => change.index)).toEqual([2, 3]);
		expect(changes.every((change) => change.issue?.message.includes('closes a manager cycle'))).toBe(true);
		// Restored, a and b (decided by c and d, before the cut) come out of finish too, in their places.
		const again = restored.finish();
		expect(again.map((change) => change.index)).toEqual([0, 1, 2, 3]);
		expect(again.slice(2)).toEqual(changes);
	});
});

/** The last holders a read ahead of `built` gives (the rows from a resume's cut on, if so). */
function readAheadOf(built: readonly BuiltRow[]): LastHolders {
	const holders = LastHolders.empty();
	for (const row of built) noteHolders(holders, row);
	return holders;
}

/** Each row's manager and issues once every decision is laid over the plan (as the feed revises it). */
function managersOf(plans: readonly RowPlan[], changes: ReadonlyArray<ManagerChange>): Map<number, {manager: RowPlan['manager']; issues: string[]}> {
	const managers = new Map(plans.map((plan) => [plan.row, {manager: plan.manager, issues: plan.issues.map((issue) => issue.message)}]));
	for (const change of changes) {
		const plan = managers.get(change.row);
		// A row before a resume's cut: not planned again here.
		if (!plan) continue;
		plan.manager = change.manager;
		if (change.issue) plan.issues.push(change.issue.message);
	}
	return managers;
}

describe('the managers with a read ahead of the file', () => {
	const first = whole();
	const {plans, decided} = planRows(first, rows);
	const expected = managersOf(plans, [...decided.map(({change}) => change), ...first.finish()]);
	const pendingRows = plans.filter((plan) => plan.manager && 'pending' in plan.manager).map((plan) => plan.row);

	/** Plans `built` with `planner`, the read ahead of them told before the row at `aheadAt` (from the start if not given). */
	function planReadingAhead(planner: RowPlanner, built: readonly BuiltRow[], aheadAt = 0) {
		const ahead = readAheadOf(built);
		const decidedByRow: Array<{by: number; change: ManagerChange}> = [];
		const planned = built.map((row, index) => {
			if (index === aheadAt) {
				planner.lookAhead(ahead);
				for (const change of planner.decided()) decidedByRow.push({by: -1, change});
			}
			if (row.row === lateFrom) planner.addUsers([late]);
			const plan = planner.plan(row);
			for (const change of planner.decided()) decidedByRow.push({by: row.row, change});
			return plan;
		});
		return {planned, decidedByRow, finished: planner.finish()};
	}

	it('settles every pending manager as soon as the last row that could hold it is planned, as the whole file does', () => {
		const {planned, decidedByRow, finished} = planReadingAhead(whole(), rows);
		expect(planned).toEqual(plans);
		expect(managersOf(planned, [...decidedByRow.map(({change}) => change), ...finished])).toEqual(expected);
		// Nothing is left for the end of the file but the cycles it breaks.
		expect(finished.map((change) => change.issue?.message.includes('closes a manager cycle'))).toEqual([true, true]);
		expect(decidedByRow.map(({change}) => change.row).sort((a, b) => a - b)).toEqual(pendingRows);
		const by = new Map(decidedByRow.map(({by, change}) => [change.row, by]));
		const rowOf = (username: string) => rows.find((row) => row.user?.payload.username === username || row.username === username)!.row;
		// A display name held by a later row: when that row is planned. One held before, or by nobody: at once.
		expect(by.get(rowOf('dee'))).toBe(rowOf('zed'));
		expect(by.get(rowOf('kim'))).toBe(rowOf('lu'));
		for (const name of ['mo', 'ned', 'ola', 'pia', 'quin', 'sid', 'vic']) expect(by.get(rowOf(name)), name).toBe(rowOf(name));
		expect(expected.get(rowOf('mo'))!.manager).toEqual({userId: existing._id});
		expect(expected.get(rowOf('quin'))!.issues.join()).toContain('ambiguous');
	});

	it('told after some rows, settles at once what those rows already decide', () => {
		for (let aheadAt = 1; aheadAt < rows.length; aheadAt += 3) {
			const {planned, decidedByRow, finished} = planReadingAhead(whole(), rows, aheadAt);
			expect(planned, `told before row ${rows[aheadAt]!.row}`).toEqual(plans);
			expect(managersOf(planned, [...decidedByRow.map(({change}) => change), ...finished]), `told before row ${rows[aheadAt]!.row}`).toEqual(expected);
			expect(finished.every((change) => change.issue?.message.includes('closes a manager cycle')), `told before row ${rows[aheadAt]!.row}`).toBe(true);
		}
	});

	it('restored at any cut and reading ahead from it, decides the later rows as the whole file does', () => {
		for (let place = 0; place <= rows.length; place++) {
			const beforeRow = rows[place]?.row ?? rows.at(-1)!.row + 1;
			const planner = resumed(place, roundTrip(first.snapshot(beforeRow)));
			const {planned, decidedByRow, finished} = planReadingAhead(planner, rows.slice(place));
			expect(planned, `before row ${beforeRow}`).toEqual(plans.slice(place));
			const later = new Map([...expected].filter(([row]) => row >= beforeRow));
			expect(managersOf(planned, [...decidedByRow.map(({change}) => change), ...finished]), `before row ${beforeRow}`).toEqual(later);
			expect(planner.waitingForManagers, `before row ${beforeRow}`).toBe(0);
		}
	});

	it('restored from a snapshot taken while reading ahead, needs no read ahead of its own, at any cut', () => {
		const reading = whole();
		planReadingAhead(reading, rows);
		for (let place = 0; place <= rows.length; place++) {
			const beforeRow = rows[place]?.row ?? rows.at(-1)!.row + 1;
			const snapshot = roundTrip(reading.snapshot(beforeRow));
			// Only the values whose last holder is still to plan are kept.
			expect(snapshot.ahead!.rows.every((row) => row >= beforeRow), `before row ${beforeRow}`).toBe(true);
			const planner = resumed(place, snapshot);
			expect(planner.looksAhead).toBe(true);
			// The rows before the cut ran as planned then: their managers are left to finish (cycles may run through them).
			expect(planner.decided()).toEqual([]);
			const again = planRows(planner, rows.slice(place));
			expect(again.plans, `before row ${beforeRow}`).toEqual(plans.slice(place));
			const finished = planner.finish();
			const later = new Map([...expected].filter(([row]) => row >= beforeRow));
			expect(managersOf(again.plans, [...again.decided.map(({change}) => change), ...finished]), `before row ${beforeRow}`).toEqual(later);
			const cycles = finished.filter((change) => change.issue?.message.includes('closes a manager cycle'));
			expect(finished.filter((change) => change.row >= beforeRow && !cycles.includes(change)), `before row ${beforeRow}`).toEqual([]);
			// And the rows before it come out of finish with the managers the whole file gives them.
			for (const change of finished.filter((change) => change.row < beforeRow)) expect(change.manager, `row ${change.row}, before row ${beforeRow}`).toEqual(expected.get(change.row)!.manager);
		}
	});

	it('leaves a row planned without a lookup to the whole directory: an unlisted user may share the name it gives', () => {
		const johnSmith: NamedUser = {_id: id(7), username: 'jsmith2', email: 'js2@corp.example', displayname: 'John Smith'};
		// a: a resume's finished row, not looked up; b holds the name a gives, and names a.
		const named = rowsOf([{username: 'a', manager: 'John Smith'}, {username: 'b', displayname: 'John Smith', manager: 'a'}, {username: 'c'}]);
		const planner = whole();
		planner.lookAhead(readAheadOf(named));
		planner.plan(named[0]!, false);
		planner.plan(named[1]!);
		planner.plan(named[2]!);
		// No later row holds the name, but the directory is not all known yet: a waits.
		expect(planner.decided()).toEqual([]);
		expect(planner.waitingForManagers).toBe(0);
		planner.addUsers([johnSmith]);
		planner.directoryListed();
		expect(planner.decided().map((change) => [change.row, change.manager, change.issue?.message])).toEqual([[named[0]!.row, undefined, expect.stringContaining('ambiguous: 2 users')]]);
		// b keeps a as its manager: no cycle was made of a guess (a → b → a would have cost b its manager).
		expect(planner.finish()).toEqual([]);

		// Never listed, the end of the file settles it, with what is known by then.
		const unlisted = whole();
		unlisted.lookAhead(readAheadOf(named));
		unlisted.plan(named[0]!, false);
		unlisted.plan(named[1]!);
		unlisted.plan(named[2]!);
		unlisted.addUsers([johnSmith]);
		expect(unlisted.decided()).toEqual([]);
		expect(unlisted.finish().map((change) => [change.row, change.issue?.message])).toEqual([[named[0]!.row, expect.stringContaining('ambiguous: 2 users')]]);
	});

	it('counts the rows still waiting, and makes them wait for a later holder', () => {
		// c names the display name by a DN whose uid nobody holds: it waits for the name's holders too.
		const named = rowsOf([{username: 'a', manager: 'Kay Later'}, {username: 'b', manager: 'kay later'}, {username: 'c', manager: 'cn=Kay Later,uid=kl9,dc=example'}, {username: 'kay', displayname: 'Kay Later'}, {username: 'd', displayname: 'Kay Later'}]);
		const planner = whole();
		planner.lookAhead(readAheadOf(named));
		planner.plan(named[0]!);
		planner.plan(named[1]!);
		expect(planner.waitingForManagers).toBe(2);
		planner.plan(named[2]!);
		planner.plan(named[3]!);
		// kay holds the name, but so does d, a row still to plan: not yet.
		expect(planner.decided()).toEqual([]);
		expect(planner.waitingForManagers).toBe(3);
		planner.plan(named[4]!);
		expect(planner.decided().map((change) => change.issue?.message)).toEqual([
			expect.stringContaining('ambiguous: 2 users'),
			expect.stringContaining('ambiguous: 2 users'),
			expect.stringContaining('ambiguous: 2 users'),
		]);
		expect(planner.waitingForManagers).toBe(0);
	});
});
