import type {RowPlan} from '../../importer/row-plan.js';

/**
 * The preview's search and filter, quick at 100,000 rows: each row's search text is made once per
 * plan, a query that grows searches only the rows its shorter self matched, and one that shrinks
 * back finds its result kept. Results are plan indexes in plan order.
 */

export type RowFilter = 'all' | 'errors';

/** What a row is found by, lowercased: its number, username, email, name and issues. */
export function searchText(row: RowPlan): string {
	const issues = row.issues.length === 0 ? '' : row.issues.map((issue) => issue.message).join(' ');
	return `${row.row} ${row.username ?? ''} ${row.email ?? ''} ${row.body?.firstname ?? ''} ${row.body?.lastname ?? ''} ${issues}`.toLowerCase();
}

/** The words of a lowercased query; a row must hold every one. */
export function queryWords(query: string): string[] {
	return query.split(/\s+/).filter(Boolean);
}

export function holdsWords(text: string, words: readonly string[]): boolean {
	return words.every((word) => text.includes(word));
}

const filters: Record<RowFilter, (row: RowPlan) => boolean> = {
	all: () => true,
	errors: (row) => row.action === 'invalid',
};

/** One plan's search texts and kept results. */
class PlanSearch {
	/** Made when the plan first shows, so that no key typed pays for it. */
	private readonly texts: string[];
	private readonly bases = new Map<RowFilter, Int32Array>();
	/** Per filter, the results for the current query and the shorter queries it was typed through. */
	private readonly trails = new Map<RowFilter, Array<{query: string; words: string[]; rows: Int32Array}>>();

	constructor(private readonly rows: readonly RowPlan[]) {
		this.texts = rows.map(searchText);
	}

	shown(filter: RowFilter, search: string): Int32Array {
		const base = this.base(filter);
		const query = search.toLowerCase();
		const words = queryWords(query);
		if (words.length === 0) return base;
		const trail = this.trails.get(filter) ?? [];
		this.trails.set(filter, trail);
		// Only what this query was typed through stays: a row matching it matched all of those.
		while (trail.length > 0 && !query.startsWith(trail.at(-1)!.query)) trail.pop();
		const last = trail.at(-1);
		if (last?.query === query) return last.rows;
		const sameWords = last !== undefined && last.words.join(' ') === words.join(' ');
		const rows = sameWords ? last.rows : this.narrow(last?.rows ?? base, words);
		trail.push({query, words, rows});
		return rows;
	}

	private base(filter: RowFilter): Int32Array {
		let base = this.bases.get(filter);
		if (!base) {
			const keep = filters[filter];
			base = Int32Array.from(this.rows.flatMap((row, index) => (keep(row) ? [index] : [])));
			this.bases.set(filter, base);
		}
		return base;
	}

	/** The rows of `from` holding every word; `from` itself when all do. */
	private narrow(from: Int32Array, words: readonly string[]): Int32Array {
		const texts = this.texts;
		const kept = new Int32Array(from.length);
		let count = 0;
		for (let at = 0; at < from.length; at++) {
			const index = from[at]!;
			if (holdsWords(texts[index]!, words)) kept[count++] = index;
		}
		return count === from.length ? from : kept.slice(0, count);
	}
}

const searches = new WeakMap<readonly RowPlan[], PlanSearch>();

/** Indexes of the plan's rows that pass the filter and hold every word of the search, case ignored. */
export function searchRows(rows: readonly RowPlan[], filter: RowFilter, search: string): Int32Array {
	let planSearch = searches.get(rows);
	if (!planSearch) {
		planSearch = new PlanSearch(rows);
		searches.set(rows, planSearch);
	}
	return planSearch.shown(filter, search);
}
