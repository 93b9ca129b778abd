import {describe, expect, it} from 'vitest';
import type {DirectorySnapshot} from '../../source/importer/directory-read.js';
import type {NamedUser} from '../../source/importer/manager-resolution.js';
import {defaultImportOptions} from '../../source/importer/options.js';
import {RowPlanner} from '../../source/importer/row-planner.js';
import type {BuiltRow} from '../../source/users/build-user.js';

const now = new Date('2026-12-01T10:00:00.000Z');
const directory: DirectorySnapshot = {users: [], groups: [], systems: [], policy: undefined, organization: {id: 'f'.repeat(24)}, readAt: now};

function built(row: number, username: string, displayname: string, manager?: string): BuiltRow {
	const payload = {username, email: `${username}@import.example`, state: 'STAGED' as const, firstname: 'Ann', lastname: 'Lee', displayname};
	return {row, line: row + 1, user: {row, line: row + 1, payload, groups: [], systems: [], derived: [], ...(manager ? {manager, managerColumn: 'Manager'} : {})}, issues: []};
}

describe('a plan read while its run creates users', () => {
	it('takes a user the run made for an earlier row, read back from the directory, as that row: not a second holder of its name', () => {
		const planner = new RowPlanner(directory, {...defaultImportOptions, groups: [], devices: []}, now);
		expect(planner.plan(built(1, 'ann.lee', 'Ann Lee')).action).toBe('create');
		// The run created row 1's user; a later lookup or listing page returns it (in any letter case).
		const made: NamedUser = {_id: 'a'.repeat(24), username: 'Ann.Lee', email: 'ann.lee@import.example', displayname: 'Ann Lee'};
		planner.addUsers([made]);
		const report = planner.plan(built(2, 'bo.ray', 'Bo Ray', 'Ann Lee'));
		expect(report.manager).toEqual({pending: true});
		const [change] = planner.finish();
		expect(change).toEqual({index: 1, row: 2, manager: {row: 1}});
		// A later row with row 1's username is the file's repeat, not a user the directory had.
		const again = planner.plan(built(3, 'other', 'Other', 'ann.lee'));
		expect(again.manager).toEqual({row: 1});
	});
});
