import {v1List, v1Object} from './answers.js';
import type {HttpCore} from './http.js';
import {JumpCloudError} from './errors.js';
import {listPages} from './paging.js';
import {lookupFields, type ActivationEmail, type LookupField, type SystemUser, type UserCreate, type UserSummary, type V1List} from './types.js';

/** What a lookup or a page of users asks for; exported so the contract test checks the specs declare each. */
export const summaryFields = ['username', 'email', 'employeeIdentifier', 'alternateEmail', 'state'];

/** v1 system users: create, read, look up, page, activate, delete. */
export class UsersApi {
	constructor(private readonly http: HttpCore) {}

	/**
	 * `POST /api/systemusers`. Never retried: if the answer is lost, the user may exist, and only a
	 * lookup can tell (the importer reconciles). `beforeSend` runs when the pacer has let it through.
	 * The answer comes back as sent: the importer treats one without `_id` as lost.
	 */
	async create(user: UserCreate, signal?: AbortSignal, beforeSend?: () => void): Promise<SystemUser> {
		try {
			const {data} = await this.http.request<SystemUser>('POST', '/api/systemusers', {
				query: {fullValidationDetails: 'password'},
				body: user,
				retry: 'never',
				signal,
				// A server that echoes the password in an error never gets it into a message.
				...(user.password ? {secrets: [user.password]} : {}),
				...(beforeSend ? {beforeSend} : {}),
			});
			return data;
		} catch (error) {
			// A 2xx that cannot be read (a page, broken JSON, too long) may still have created the user:
			// that is a lost answer, which the importer settles by looking the user up, never by sending again.
			if (error instanceof JumpCloudError && error.unreadableSuccess) {
				throw new JumpCloudError({kind: 'server', message: error.message, method: error.method, path: error.path, status: error.status, attempts: error.attempts});
			}
			throw error;
		}
	}

	async get(id: string, fields?: readonly string[], signal?: AbortSignal): Promise<SystemUser> {
		const {data} = await this.http.request<SystemUser>('GET', `/api/systemusers/${encodeURIComponent(id)}`, {
			query: {fields: fields?.join(' ')},
			retry: 'safe',
			signal,
			shape: v1Object,
		});
		return data;
	}

	/**
	 * `DELETE` is idempotent: sent again after a lost answer, it finds nothing (not-found), which means done.
	 * JumpCloud refuses (409) to delete a user who is still someone's manager; `clearManagerOfReports`
	 * sends `cascade_manager=null`, which clears the manager attribute of the direct reports first.
	 */
	async delete(id: string, options: {clearManagerOfReports?: boolean; signal?: AbortSignal} = {}): Promise<void> {
		await this.http.request('DELETE', `/api/systemusers/${encodeURIComponent(id)}`, {
			query: {cascade_manager: options.clearManagerOfReports ? 'null' : undefined},
			retry: 'safe',
			signal: options.signal,
		});
	}

	/** The users whose manager is this user (ids, usernames and emails), every page of them. */
	async reportsOf(id: string, signal?: AbortSignal): Promise<UserSummary[]> {
		const reports: UserSummary[] = [];
		const limit = 100;
		for await (const page of listPages<UserSummary>({
			limit,
			read: async (skip) => {
				const {data} = await this.http.request<V1List<UserSummary>>('POST', '/api/search/systemusers', {
					body: {filter: {and: [{manager: id}]}, fields: 'username email', limit, skip},
					headers: {'x-eventually-consistent': 'false'},
					retry: 'safe',
					signal,
					shape: v1List,
				});
				return {items: data.results, total: data.totalCount};
			},
			idOf: (user) => user._id,
			refuse: (problem) => this.http.notApi('POST', '/api/search/systemusers', `POST /api/search/systemusers ${problem}`),
		})) {
			reports.push(...page);
		}
		return reports;
	}

	/**
	 * Activates a STAGED user with an explicit email choice (`POST …/state/activate`): `{}` lets
	 * JumpCloud pick (welcome to the primary email, or activation to the alternate), `{email:false}`
	 * sends none, `{email:"a@b"}` sends to that address. Retried only when refused (429), so a lost
	 * answer never sends a second email.
	 */
	async activate(id: string, email: ActivationEmail): Promise<void> {
		const body = email.kind === 'none' ? {email: false} : email.kind === 'address' ? {email: email.address} : {};
		await this.http.request('POST', `/api/systemusers/${encodeURIComponent(id)}/state/activate`, {
			body,
			retry: 'refused-only',
		});
	}

	/**
	 * Users whose username, email, employeeIdentifier or alternateEmail equals any given value,
	 * case-insensitively (an anchored `(?i)` regex, as JumpCloud's PowerShell module does), asking
	 * for a consistent read so a user created a moment ago is found.
	 */
	async lookup(by: Partial<Record<LookupField, string>>, signal?: AbortSignal): Promise<UserSummary[]> {
		const or = lookupFields
			.filter((field) => by[field] !== undefined && by[field] !== '')
			.map((field) => ({[field]: {$regex: `(?i)(^${escapeRegex(by[field]!)}$)`}}));
		if (or.length === 0) return [];
		const {data} = await this.http.request<V1List<UserSummary>>('POST', '/api/search/systemusers', {
			body: {filter: {or}, fields: summaryFields.join(' '), limit: 100, skip: 0},
			headers: {'x-eventually-consistent': 'false'},
			retry: 'safe',
			signal,
			shape: v1List,
		});
		return data.results;
	}

	/**
	 * Every user, a page at a time, sorted by `_id` so pages neither skip nor repeat while the
	 * directory changes. Once the first page gives the total, the rest are read `inFlight` at a time
	 * (default 8; the pacer still sets the rate). `onProgress` hears how many are read of how many there are.
	 */
	/**
	 * The users holding any of the given values in the given field, case-insensitively (anchored
	 * `(?i)` regexes in an `or`, as `lookup` and JumpCloud's PowerShell module do; `$in` would be
	 * exact-case, and the uniqueness rules are not). `batchSize` values a request, batches read
	 * `inFlight` at a time, each paged through the search `limit` of 1,000. A consistent read, so a
	 * user created a moment ago is found. Each user once, whichever values found it.
	 */
	async lookupMany(wanted: ReadonlyArray<{field: SearchField; values: Iterable<string>}>, options: UserLookups = {}): Promise<UserSummary[]> {
		const batches = lookupBatches(wanted, options.batchSize);
		const found = new Map<string, UserSummary>();
		let done = 0;
		const fields = (options.fields ?? summaryFields).join(' ');
		await inBatches(batches, options.inFlight ?? pagesInFlight, async (or) => {
			for await (const page of listPages<UserSummary>({
				limit: searchLimit,
				read: async (skip) => {
					const {data} = await this.http.request<V1List<UserSummary>>('POST', '/api/search/systemusers', {
						body: {filter: {or}, fields, limit: searchLimit, skip},
						headers: {'x-eventually-consistent': 'false'},
						retry: 'safe',
						signal: options.signal,
						shape: v1List,
					});
					return {items: data.results, total: data.totalCount};
				},
				idOf: (user) => user._id,
				refuse: (problem) => this.http.notApi('POST', '/api/search/systemusers', `POST /api/search/systemusers ${problem}`),
			})) {
				for (const user of page) found.set(user._id, user);
			}
			options.onProgress?.(++done, batches.length);
		});
		return [...found.values()];
	}

	async *pages(options: UserPaging = {}): AsyncGenerator<UserSummary[]> {
		const limit = options.pageSize ?? 100;
		const fields = (options.fields ?? summaryFields).join(' ');
		yield* listPages({
			limit,
			read: async (skip) => {
				const {data} = await this.http.request<V1List<UserSummary>>('GET', '/api/systemusers', {
					query: {limit, skip, sort: '_id', fields},
					retry: 'safe',
					shape: v1List,
					...(options.signal ? {signal: options.signal} : {}),
					...(options.requestDeadlineMs ? {deadlineMs: options.requestDeadlineMs} : {}),
				});
				return {items: data.results, total: data.totalCount};
			},
			idOf: (user) => user._id,
			refuse: (problem) => this.http.notApi('GET', '/api/systemusers', `GET /api/systemusers ${problem}`),
			onProgress: (read, total) => options.onProgress?.(read, total ?? read),
			inFlight: options.inFlight ?? pagesInFlight,
		});
	}

	async all(options: UserPaging = {}): Promise<UserSummary[]> {
		const users: UserSummary[] = [];
		for await (const page of this.pages(options)) users.push(...page);
		return users;
	}

	/** The user with this id, or undefined when JumpCloud says it does not exist. */
	async find(id: string, signal?: AbortSignal): Promise<SystemUser | undefined> {
		try {
			return await this.get(id, undefined, signal);
		} catch (error) {
			if (error instanceof JumpCloudError && error.kind === 'not-found') return undefined;
			throw error;
		}
	}
}

export type UserPaging = {
	fields?: readonly string[];
	pageSize?: number;
	inFlight?: number;
	onProgress?: (read: number, total: number) => void;
	signal?: AbortSignal;
	/** Each page's request, its retries included, ends within this many milliseconds (a silent server fails soon). */
	requestDeadlineMs?: number;
};

export type UserLookups = {
	fields?: readonly string[];
	/** Values a request (default 50). */
	batchSize?: number;
	inFlight?: number;
	signal?: AbortSignal;
	/** Hears the batches done of how many there are. */
	onProgress?: (done: number, total: number) => void;
};

/** Pages (or lookup batches) of users read at once; every request still waits for the pacer. */
export const pagesInFlight = 8;
/** The most a search answers per page. */
const searchLimit = 1000;
/** Values looked up per search request. */
export const lookupBatchSize = 50;

type Clause = Record<string, {$regex: string}>;

/** Fields a search looks values up in: the unique ones, and the display name (a manager may be named by it). */
export type SearchField = LookupField | 'displayname';

/** The `or` lists of anchored case-insensitive regexes, `batchSize` values each, values repeated in any case once. */
export function lookupBatches(wanted: ReadonlyArray<{field: SearchField; values: Iterable<string>}>, batchSize = lookupBatchSize): Clause[][] {
	const clauses: Clause[] = [];
	for (const {field, values} of wanted) {
		const seen = new Set<string>();
		for (const value of values) {
			const key = value.toLowerCase();
			if (value === '' || seen.has(key)) continue;
			seen.add(key);
			clauses.push({[field]: {$regex: `(?i)(^${escapeRegex(value)}$)`}});
		}
	}
	const batches: Clause[][] = [];
	for (let start = 0; start < clauses.length; start += batchSize) batches.push(clauses.slice(start, start + batchSize));
	return batches;
}

/** Runs `work` over `items`, at most `width` at once; after a failure no more are started, and it is thrown. */
async function inBatches<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	let failed = false;
	const worker = async () => {
		try {
			while (!failed && next < items.length) await work(items[next++]!);
		} catch (error) {
			failed = true;
			throw error;
		}
	};
	await Promise.all(Array.from({length: Math.min(width, items.length)}, worker));
}

export function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
