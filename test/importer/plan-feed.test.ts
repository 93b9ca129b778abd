import {describe, expect, it} from 'vitest';
import {PlanFeed, plannedAhead} from '../../source/importer/plan-feed.js';
import type {RowPlan} from '../../source/importer/row-plan.js';

const row = (n: number): RowPlan => ({row: n, line: n + 1, username: `user.number.${n}`, email: `user.number.${n}@example.com`, action: 'create', groups: [], systems: [], issues: [], body: {username: `user.number.${n}`, email: `user.number.${n}@example.com`, password: 'Secret-1!', state: 'STAGED'}});

const settled = async (promise: Promise<unknown>) => {
	let done = false;
	void promise.then(() => (done = true));
	await new Promise((resolve) => setImmediate(resolve));
	return done;
};

describe('PlanFeed', () => {
	it('holds the reading back while the plan is far ahead of the run, until the run takes rows or ends', async () => {
		const feed = new PlanFeed();
		for (let n = 1; n < plannedAhead; n++) feed.push(row(n));
		expect(await settled(feed.room())).toBe(true);
		feed.push(row(plannedAhead));
		const room = feed.room();
		expect(await settled(room)).toBe(false);
		feed.takenUpTo(1);
		expect(await settled(room)).toBe(true);

		feed.push(row(plannedAhead + 1));
		const again = feed.room();
		expect(await settled(again)).toBe(false);
		feed.close();
		expect(await settled(again)).toBe(true);
		expect(feed.isClosed).toBe(true);
	});

	it('wakes the run when a row comes or the plan ends, with the error that cut it short', async () => {
		const feed = new PlanFeed();
		const more = feed.more();
		expect(await settled(more)).toBe(false);
		feed.push(row(1));
		expect(await settled(more)).toBe(true);
		const last = feed.more();
		feed.end(new Error('the file changed'));
		expect(await settled(last)).toBe(true);
		expect(feed.complete).toBe(true);
		expect(feed.error?.message).toBe('the file changed');
		expect(() => feed.push(row(2))).toThrow(/after the plan ended/);
	});

	it('takes a whole plan of any size, and leaves the rows it was given as they were', () => {
		const rows = Array.from({length: 300_000}, (_, index) => row(index + 1));
		const feed = PlanFeed.of(rows);
		expect(feed.rows).toHaveLength(300_000);
		expect(feed.complete).toBe(true);
		feed.release(0);
		expect(rows[0]!.body?.password).toBe('Secret-1!');
	});

	it('forgets the create body of a finished row (and its password), keeping what the reports need', () => {
		const feed = PlanFeed.of([row(1), row(2)]);
		feed.release(0);
		expect(feed.rows[0]).toEqual({row: 1, line: 2, username: 'user.number.1', email: 'user.number.1@example.com', action: 'create', groups: [], systems: [], issues: []});
		expect(feed.rows[0]!.body).toBeUndefined();
		expect(feed.rows[1]!.body?.password).toBe('Secret-1!');
	});
});
