import {describe, expect, it} from 'vitest';
import {JumpCloudError} from '../../source/jumpcloud/errors.js';
import {listPages, type Page} from '../../source/jumpcloud/paging.js';

type Item = {id: string};
const items = (from: number, count: number): Item[] => Array.from({length: count}, (_, index) => ({id: String(from + index).padStart(6, '0')}));
const refuse = (problem: string) => new JumpCloudError({kind: 'server', message: problem, method: 'GET', path: '/items'});

/** A server of `count` items, `limit` a page, answering after a tick; it records the most pages asked at once. */
function server(count: number, change: (skip: number, page: Page<Item>) => Page<Item> = (_, page) => page) {
	const seen = {inFlight: 0, most: 0, skips: [] as number[]};
	const read = async (skip: number): Promise<Page<Item>> => {
		seen.skips.push(skip);
		seen.most = Math.max(seen.most, ++seen.inFlight);
		await new Promise((resolve) => setTimeout(resolve, 5 + ((skip / 10) % 3)));
		seen.inFlight--;
		return change(skip, {items: items(skip, Math.max(0, Math.min(10, count - skip))), total: count});
	};
	return {seen, read};
}

async function collect(paging: Parameters<typeof listPages<Item>>[0]): Promise<Item[]> {
	const all: Item[] = [];
	for await (const page of listPages(paging)) all.push(...page);
	return all;
}

describe('listPages in parallel', () => {
	it('reads the announced pages up to inFlight at once, yields them in order, and reports progress', async () => {
		const {seen, read} = server(195);
		const progress: number[] = [];
		const all = await collect({limit: 10, read, idOf: (item) => item.id, refuse, inFlight: 4, onProgress: (done) => progress.push(done)});
		expect(all.map((item) => item.id)).toEqual(items(0, 195).map((item) => item.id));
		expect(seen.most).toBe(4);
		expect(seen.skips).toHaveLength(20);
		expect(progress).toEqual([...Array.from({length: 19}, (_, index) => (index + 1) * 10), 195]);
	});

	it('one page at a time without inFlight, as before', async () => {
		const {seen, read} = server(55);
		expect(await collect({limit: 10, read, idOf: (item) => item.id, refuse})).toHaveLength(55);
		expect(seen.most).toBe(1);
	});

	it('a directory that grew while read: past the announced pages, one at a time until a short page', async () => {
		const {seen, read} = server(70, (skip, page) => ({items: items(skip, Math.max(0, Math.min(10, 83 - skip))), total: page.total}));
		const all = await collect({limit: 10, read, idOf: (item) => item.id, refuse, inFlight: 8});
		// read ≥ the total it announced ends the listing, as it always did.
		expect(all).toHaveLength(70);
		expect(seen.skips).toHaveLength(7);
	});

	it('a page sent twice is refused, whichever earlier page it repeats', async () => {
		const {read} = server(100, (skip, page) => (skip === 70 ? {items: items(20, 10), total: page.total} : page));
		await expect(collect({limit: 10, read, idOf: (item) => item.id, refuse, inFlight: 8})).rejects.toThrow('sent the same page again for skip=70');
	});

	it('pages past what the first total allows are refused', async () => {
		// Announces 30, then keeps sending full pages with a growing total.
		const read = async (skip: number): Promise<Page<Item>> => ({items: items(skip, 10), total: skip + 1000 * (skip > 0 ? 1 : 0) || 30});
		await expect(collect({limit: 10, read, idOf: (item) => item.id, refuse, inFlight: 8})).rejects.toThrow('kept sending pages past the 30 it announced');
	});
});
