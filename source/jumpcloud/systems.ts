import {v1List, v1Object} from './answers.js';
import type {HttpCore} from './http.js';
import {JumpCloudError} from './errors.js';
import {listPages} from './paging.js';
import {escapeRegex} from './users.js';
import type {JcSystem, V1List} from './types.js';

const systemFields = 'hostname displayName os';
const objectId = /^[a-f0-9]{24}$/i;

export type SudoGrant = {enabled: boolean; withoutPassword: boolean};

/** v1 systems (devices) and their v2 user associations. */
export class SystemsApi {
	constructor(private readonly http: HttpCore) {}

	async get(id: string): Promise<JcSystem> {
		const {data} = await this.http.request<JcSystem>('GET', `/api/systems/${encodeURIComponent(id)}`, {
			query: {fields: systemFields},
			retry: 'safe',
			shape: v1Object,
		});
		return data;
	}

	/**
	 * Systems that a CSV cell may name: by id, else by hostname or displayName (case-insensitive).
	 * More than one result means the name is ambiguous; the caller decides.
	 */
	async find(term: string): Promise<JcSystem[]> {
		if (objectId.test(term)) {
			try {
				return [await this.get(term)];
			} catch (error) {
				if (!(error instanceof JumpCloudError && error.kind === 'not-found')) throw error;
			}
		}
		const pattern = {$regex: `(?i)(^${escapeRegex(term)}$)`};
		const {data} = await this.http.request<V1List<JcSystem>>('POST', '/api/search/systems', {
			body: {filter: {or: [{hostname: pattern}, {displayName: pattern}]}, fields: systemFields, limit: 100, skip: 0},
			retry: 'safe',
			shape: v1List,
		});
		return data.results;
	}

	/** `requestDeadlineMs`: each page's request, its retries included, ends within it. */
	async *pages(options: {pageSize?: number; requestDeadlineMs?: number} = {}): AsyncGenerator<JcSystem[]> {
		const limit = options.pageSize ?? 100;
		yield* listPages({
			limit,
			read: async (skip) => {
				const {data} = await this.http.request<V1List<JcSystem>>('GET', '/api/systems', {
					query: {limit, skip, sort: '_id', fields: systemFields},
					retry: 'safe',
					shape: v1List,
					...(options.requestDeadlineMs ? {deadlineMs: options.requestDeadlineMs} : {}),
				});
				return {items: data.results, total: data.totalCount};
			},
			idOf: (system) => system._id,
			refuse: (problem) => this.http.notApi('GET', '/api/systems', `GET /api/systems ${problem}`),
		});
	}

	async all(options: {requestDeadlineMs?: number} = {}): Promise<JcSystem[]> {
		const systems: JcSystem[] = [];
		for await (const page of this.pages(options)) systems.push(...page);
		return systems;
	}

	/**
	 * Binds a user to a system, with sudo when asked (`POST /api/v2/systems/{id}/associations`).
	 * "Already Exists" counts as success, so this is safe to repeat.
	 */
	async bindUser(systemId: string, userId: string, sudo?: SudoGrant): Promise<{alreadyBound: boolean}> {
		try {
			await this.http.request('POST', `/api/v2/systems/${encodeURIComponent(systemId)}/associations`, {
				body: {op: 'add', type: 'user', id: userId, ...(sudo ? {attributes: {sudo}} : {})},
				retry: 'safe',
			});
			return {alreadyBound: false};
		} catch (error) {
			if (error instanceof JumpCloudError && error.kind === 'already-exists') return {alreadyBound: true};
			throw error;
		}
	}
}
