import {v2List} from './answers.js';
import type {HttpCore} from './http.js';
import {JumpCloudError} from './errors.js';
import {listPages} from './paging.js';
import type {UserGroup} from './types.js';

/** v2 user groups: list (X-Total-Count paging), find by name, add a member. */
export class GroupsApi {
	constructor(private readonly http: HttpCore) {}

	/** `requestDeadlineMs`: each page's request, its retries included, ends within it. */
	async *pages(options: {filter?: string; pageSize?: number; requestDeadlineMs?: number} = {}): AsyncGenerator<UserGroup[]> {
		const limit = options.pageSize ?? 100;
		yield* listPages({
			limit,
			read: async (skip) => {
				const {data, headers} = await this.http.request<UserGroup[]>('GET', '/api/v2/usergroups', {
					query: {limit, skip, sort: 'name', filter: options.filter},
					retry: 'safe',
					shape: v2List,
					...(options.requestDeadlineMs ? {deadlineMs: options.requestDeadlineMs} : {}),
				});
				return {items: data, total: totalCount(headers.get('x-total-count'))};
			},
			idOf: (group) => group.id,
			refuse: (problem) => this.http.notApi('GET', '/api/v2/usergroups', `GET /api/v2/usergroups ${problem}`),
		});
	}

	async all(options: {requestDeadlineMs?: number} = {}): Promise<UserGroup[]> {
		const groups: UserGroup[] = [];
		for await (const page of this.pages(options)) groups.push(...page);
		return groups;
	}

	/** Exact name match (JumpCloud's v2 filter is case-sensitive); undefined when there is none. */
	async findByName(name: string): Promise<UserGroup | undefined> {
		for await (const page of this.pages({filter: `name:eq:${name}`})) {
			const match = page.find((group) => group.name === name);
			if (match) return match;
		}
		return undefined;
	}

	/** Adds a user to a group; "Already Exists" counts as success, so this is safe to repeat. */
	async addUser(groupId: string, userId: string): Promise<{alreadyMember: boolean}> {
		try {
			await this.http.request('POST', `/api/v2/usergroups/${encodeURIComponent(groupId)}/members`, {
				body: {op: 'add', type: 'user', id: userId},
				retry: 'safe',
			});
			return {alreadyMember: false};
		} catch (error) {
			if (error instanceof JumpCloudError && error.kind === 'already-exists') return {alreadyMember: true};
			throw error;
		}
	}
}

/** v2's X-Total-Count, when it is a count at all. */
function totalCount(header: string | null): number | undefined {
	if (header === null || !/^\s*\d+\s*$/.test(header)) return undefined;
	const total = Number(header);
	return Number.isSafeInteger(total) ? total : undefined;
}
