import {describe, expect, it} from 'vitest';
import {PlanFeed} from '../../source/importer/plan-feed.js';
import type {RowPlan} from '../../source/importer/row-plan.js';
import {RowQueue} from '../../source/importer/row-queue.js';

const planOf = (row: number, manager?: RowPlan['manager']): RowPlan => ({row, line: row + 1, username: `user${row}`, email: `user${row}@example.com`, action: 'create', groups: [], systems: [], issues: [], ...(manager ? {manager} : {})});

/** Users made so far, by row: what the runner's progress says. */
let users = new Map<number, string>();

/** A queue over `feed` where every row has work and no row has a user yet. */
function queueOf(feed: PlanFeed): RowQueue {
	users = new Map();
	return new RowQueue(feed, () => true, (row) => users.get(row), () => {});
}

/** A row run: its user (if any) in the progress, then settled, as the runner does. */
function settle(queue: RowQueue, row: number, userId?: string) {
	if (userId) users.set(row, userId);
	queue.settle(row, userId);
}

const never = new Promise<void>(() => {});
const take = (queue: RowQueue) => queue.take(() => false, never).then((next) => next?.row.row);

describe('the row queue and managers', () => {
	it('holds a report back for its later manager without holding the rows in between, then hands it out first', async () => {
		const queue = queueOf(PlanFeed.of([planOf(1, {row: 3}), planOf(2), planOf(3)]));
		expect(await take(queue)).toBe(2);
		expect(await take(queue)).toBe(3);
		// Row 1 waits for row 3 to be settled, not for a worker.
		const waiting = take(queue);
		settle(queue, 2, 'u2');
		settle(queue, 3, 'u3');
		expect(await waiting).toBe(1);
		expect(await queue.userOfRow(3)).toBe('u3');
		expect(await take(queue)).toBeUndefined();
	});

	it('lets a report go once its manager row is settled without a user: it is created without manager, never stuck', async () => {
		const queue = queueOf(PlanFeed.of([planOf(1, {row: 2}), planOf(2)]));
		expect(await take(queue)).toBe(2);
		const waiting = take(queue);
		settle(queue, 2);
		expect(await waiting).toBe(1);
		expect(await queue.userOfRow(2)).toBeUndefined();
	});

	it('never waits forever on a cycle the plan did not break: the rows go without their managers', async () => {
		const queue = queueOf(PlanFeed.of([planOf(1, {row: 2}), planOf(2, {row: 1})]));
		const first = await take(queue);
		expect([1, 2]).toContain(first);
		expect(await queue.userOfRow(first === 1 ? 2 : 1)).toBeUndefined();
		settle(queue, first!, `u${first}`);
		expect(await take(queue)).toBe(first === 1 ? 2 : 1);
	});

	it('holds a row whose manager is pending until the plan is whole, and takes its decision then', async () => {
		const feed = new PlanFeed();
		const queue = queueOf(feed);
		feed.push(planOf(1, {pending: true}));
		feed.push(planOf(2));
		expect(await take(queue)).toBe(2);
		const waiting = take(queue);
		settle(queue, 2, 'u2');
		// Decided at the end of the file: row 2 is its manager.
		feed.revise(0, (row) => ({...row, manager: {row: 2}}));
		feed.end();
		expect(await waiting).toBe(1);
		expect(await take(queue)).toBeUndefined();
	});

	it('takes a pending row as soon as the plan revises it (a later row took its manager), long before the plan is whole', async () => {
		const feed = new PlanFeed();
		const queue = queueOf(feed);
		feed.push(planOf(1, {pending: true}));
		feed.push(planOf(2, {pending: true}));
		feed.push(planOf(3));
		expect(await take(queue)).toBe(3);
		const waiting = take(queue);
		// Row 3 holds row 1's manager: row 1 now waits for row 3, not for the end of the file.
		feed.revise(0, (row) => ({...row, manager: {row: 3}}));
		settle(queue, 3, 'u3');
		expect(await waiting).toBe(1);
		// Row 2 is still pending, and the plan goes on: nothing else to take yet.
		const next = take(queue);
		feed.push(planOf(4));
		expect(await next).toBe(4);
		expect(feed.complete).toBe(false);
		// A row revised to no manager at all runs at once.
		const last = take(queue);
		feed.revise(1, (row) => {
			const {manager: _, ...rest} = row;
			return rest;
		});
		expect(await last).toBe(2);
	});

	it('hands out a row held for its manager row once the whole plan breaks that cycle at it, before the rows after it', async () => {
		const feed = new PlanFeed();
		const queue = queueOf(feed);
		// Rows 1 → 3 (pending: a display name), 2 → 1, 3 → 2: the whole plan closes the cycle at row 3.
		feed.push(planOf(1, {pending: true}));
		feed.push(planOf(2, {row: 1}));
		feed.push(planOf(3, {row: 2}));
		feed.push(planOf(4));
		expect(await take(queue)).toBe(4);
		feed.revise(0, (row) => ({...row, manager: {row: 3}}));
		feed.revise(2, ({manager: _, ...row}) => row);
		feed.end();
		// Row 3 was held for row 2; it has no manager now, so it goes first, and the others follow it.
		expect(await take(queue)).toBe(3);
		settle(queue, 3, 'u3');
		expect(await take(queue)).toBe(1);
		expect(await queue.userOfRow(3)).toBe('u3');
		settle(queue, 1, 'u1');
		expect(await take(queue)).toBe(2);
		expect(await queue.userOfRow(1)).toBe('u1');
	});
});
