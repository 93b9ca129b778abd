import {describe, expect, it} from 'vitest';
import type {RowPlan} from '../../source/importer/row-plan.js';
import {newRowProgress, type RowProgress} from '../../source/importer/progress.js';
import {countRows, isComplete, needsWork, stepsOf} from '../../source/importer/row-standing.js';

const plan = (row: number, extra: Partial<RowPlan> = {}): RowPlan => ({row, line: row + 1, username: `u${row}`, email: `u${row}@example.com`, action: 'create', groups: [], systems: [], issues: [], ...extra});
const progress = (row: number, done: string[], extra: Partial<RowProgress> = {}): RowProgress => ({...newRowProgress(row), done: new Set(done as never), ...extra});

describe('where a row stands', () => {
	it('takes create, its groups, its devices, then activation, in that order', () => {
		const row = plan(1, {groups: [{id: 'g1', name: 'Sales'}], systems: [{id: 's1', name: 'mac', admin: false}], finalState: 'ACTIVATED'});
		expect(stepsOf(row)).toEqual(['create', 'group:g1', 'system:s1', 'activate']);
		expect(isComplete(row, progress(1, ['create', 'group:g1', 'system:s1']))).toBe(false);
		expect(isComplete(row, progress(1, ['create', 'group:g1', 'system:s1', 'activate']))).toBe(true);
	});

	it('is complete exactly when every step stepsOf lists is done, whichever of them are', () => {
		const rows = [
			plan(1),
			plan(2, {groups: [{id: 'g1', name: 'Sales'}, {id: 'g2', name: 'All'}], systems: [{id: 's1', name: 'mac', admin: false}], finalState: 'ACTIVATED'}),
			plan(3, {finalState: 'STAGED', systems: [{id: 's2', name: 'pc', admin: true}]}),
		];
		for (const row of rows) {
			const steps = stepsOf(row);
			for (let subset = 0; subset < 1 << steps.length; subset++) {
				const done = steps.filter((_, index) => subset & (1 << index));
				expect(isComplete(row, progress(row.row, done)), `${steps.join(' ')} with ${done.join(' ')} done`).toBe(done.length === steps.length);
			}
		}
	});

	it('has work while a step is left; never for an invalid row; on a retry only when it failed', () => {
		const row = plan(1, {groups: [{id: 'g1', name: 'Sales'}]});
		expect(needsWork(row, undefined, false)).toBe(true);
		expect(needsWork(row, progress(1, ['create'], {userId: 'a'}), false)).toBe(true);
		expect(needsWork(row, progress(1, ['create', 'group:g1'], {userId: 'a'}), false)).toBe(false);
		expect(needsWork(plan(2, {action: 'invalid'}), undefined, false)).toBe(false);
		expect(needsWork(plan(3, {action: 'skip'}), undefined, false)).toBe(true);
		expect(needsWork(plan(3, {action: 'skip'}), progress(3, [], {skipped: {reason: 'exists'}}), false)).toBe(false);
		const failed = progress(4, [], {failed: {step: 'create', error: 'no'}});
		expect(needsWork(plan(4), failed, false)).toBe(false);
		expect(needsWork(plan(4), failed, true)).toBe(true);
		expect(needsWork(plan(1), undefined, true)).toBe(false);
	});

	it('counts each row once, and a user made whose steps are left both as made and as remaining', () => {
		const rows = [plan(1), plan(2, {groups: [{id: 'g', name: 'G'}]}), plan(3, {action: 'invalid'}), plan(4), plan(5), plan(6)];
		const known = new Map<number, RowProgress>([
			[1, progress(1, ['create'], {userId: 'a'})],
			[2, progress(2, ['create'], {userId: 'b'})],
			[4, progress(4, [], {skipped: {reason: 'exists'}})],
			[5, progress(5, [], {failed: {step: 'create', error: 'no'}})],
		]);
		expect(countRows(rows, (row) => known.get(row), 7)).toEqual({rows: 6, created: 1, usersCreated: 2, skipped: 1, failed: 1, invalid: 1, remaining: 2, throttled: 7});
	});
});
