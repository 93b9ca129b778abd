import type {JumpCloudError} from './errors.js';

/** No listing reads more than this many items, whatever the server says. */
export const maxListed = 1_000_000;
/** Nor more than this when the server gives no total to bound it. */
export const maxUnannounced = 100_000;

export type Page<T> = {items: T[]; total: number | undefined};

export type Paging<T> = {
	limit: number;
	/** Reads the page starting at `skip`. */
	read: (skip: number) => Promise<Page<T>>;
	/** Ids tell a page sent again apart from the next one. */
	idOf: (item: T) => string;
	/** Builds the error for a server that will not stop (HttpCore.notApi, naming the route). */
	refuse: (problem: string) => JumpCloudError;
	onProgress?: (read: number, total: number | undefined) => void;
	/** Pages read at once once the first page's total is known (default 1: one after another). */
	inFlight?: number;
};

/**
 * A listing page by page, trusting the server only so far: it ends at an empty or short page, or
 * once the total the server gives is read. Pages past what the first total allows (plus a little,
 * for items added meanwhile), a page sent twice, or more than `maxListed` items are an error:
 * a broken or hostile server never makes it loop.
 *
 * With `inFlight` above 1, once the first page gives a total the pages it announces are read up to
 * `inFlight` at a time (each request still goes through the HTTP core and its pacer); they are
 * yielded in order. Past the announced total (a directory that grew meanwhile) and without a total,
 * one page at a time.
 */
export async function* listPages<T>(paging: Paging<T>): AsyncGenerator<T[]> {
	const {limit} = paging;
	const width = Math.max(1, Math.floor(paging.inFlight ?? 1));
	let announced: number | undefined;
	let read = 0;
	const firsts = new Set<string>();
	const queue: Array<{skip: number; page: Promise<Page<T>>}> = [];
	let next = 0;
	const send = () => {
		const skip = next;
		next += limit;
		const page = paging.read(skip);
		// Awaited in order below; one left unread after the end must not become an unhandled rejection.
		page.catch(() => undefined);
		queue.push({skip, page});
	};
	send();
	for (let sent = queue.shift(); sent; sent = queue.shift()) {
		const {items, total} = await sent.page;
		announced ??= total;
		const first = items[0] === undefined ? undefined : paging.idOf(items[0]);
		if (first !== undefined && firsts.has(first)) throw paging.refuse(`sent the same page again for skip=${sent.skip}`);
		if (first !== undefined) firsts.add(first);
		read += items.length;
		paging.onProgress?.(read, total);
		if (items.length > 0) yield items;
		if (items.length < limit || (total !== undefined && read >= total)) return;
		if (read >= ceiling(announced, limit)) {
			throw paging.refuse(
				announced === undefined || announced >= maxListed
					? `kept sending pages past ${(announced === undefined ? maxUnannounced : maxListed).toLocaleString('en-US')} items, more than this tool reads`
					: `kept sending pages past the ${announced.toLocaleString('en-US')} it announced`,
			);
		}
		const announcedEnd = announced === undefined ? 0 : Math.min(maxListed, Math.ceil(announced / limit) * limit);
		while (queue.length < width && next < announcedEnd) send();
		if (queue.length === 0) send();
	}
}

/** The pages the first total allows, one more, and one in twenty more for a large directory that grows while it is read. */
function ceiling(announced: number | undefined, limit: number): number {
	// No total at all (a v2 list without X-Total-Count): a bound far above any org's groups or devices.
	if (announced === undefined) return maxUnannounced;
	const pages = Math.ceil(announced / limit);
	return Math.min(maxListed, (pages + 1 + Math.floor(pages / 20)) * limit);
}
