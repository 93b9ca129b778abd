import type {HttpCore} from './http.js';
import {JumpCloudError} from './errors.js';
import type {UserGroup} from './types.js';

/** v2 user groups: list (X-Total-Count paging), find by name, add a member. */
export class GroupsApi {
	constructor(private readonly http: HttpCore) {}

	async *pages(options: {filter?: string; pageSize?: number} = {}): AsyncGenerator<UserGroup[]> {
		const limit = options.pageSize ?? 100;
		for (let skip = 0; ; skip += limit) {
			const {data, headers} = await this.http.request<UserGroup[]>('GET', '/api/v2/usergroups', {
				query: {limit, skip, sort: 'name', filter: options.filter},
				retry: 'safe',
			});
			const total = Number(headers.get('x-total-count') ?? Number.NaN);
			if (data.length > 0) yield data;
			if (data.length < limit || (Number.isFinite(total) && skip + data.length >= total)) return;
		}
	}

	async all(): Promise<UserGroup[]> {
		const groups: UserGroup[] = [];
		for await (const page of this.pages()) groups.push(...page);
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
