import {v1List, v1Object} from './answers.js';
import type {HttpCore} from './http.js';
import {JumpCloudError} from './errors.js';
import type {Organization, V1List} from './types.js';

/** The organization's settings: password policy and default user states. Also the cheapest check of a key. */
export class OrganizationApi {
	constructor(private readonly http: HttpCore) {}

	/**
	 * `GET /api/organizations/{id}`: settings live only there (the spec's list items carry `_id`,
	 * `displayName` and `logoUrl`). Without an org id, the key's only organization is found in the
	 * list first. JumpCloud rejects `x-org-id` on these routes, so it is left out here.
	 *
	 * Every command begins here, so it ends within one request timeout, retries included: a silent
	 * server or a dead network fails `check`, `run` and the wizard in seconds, not minutes.
	 */
	async get(): Promise<Organization> {
		const deadline = performance.now() + this.http.timeoutMs;
		const left = () => Math.max(1, deadline - performance.now());
		const id = this.http.orgId ?? (await this.onlyOrganizationId(left()));
		const {data} = await this.http.request<Organization>('GET', `/api/organizations/${encodeURIComponent(id)}`, {
			query: {fields: 'displayName settings'},
			retry: 'safe',
			withOrgHeader: false,
			deadlineMs: left(),
			shape: v1Object,
		});
		return data;
	}

	private async onlyOrganizationId(deadlineMs: number): Promise<string> {
		const {data} = await this.http.request<V1List<{_id: string; displayName?: string}>>('GET', '/api/organizations', {
			query: {fields: 'displayName', limit: 10, skip: 0},
			retry: 'safe',
			withOrgHeader: false,
			deadlineMs,
			shape: v1List,
		});
		const [first] = data.results;
		if (data.results.length === 1 && first) return first._id;
		throw new JumpCloudError({
			kind: data.results.length === 0 ? 'forbidden' : 'validation',
			message:
				data.results.length === 0
					? 'This API key can see no organization.'
					: `This API key manages ${data.totalCount} organizations: set JC_ORG_ID (or --org-id) to the one to import into.`,
			method: 'GET',
			path: '/api/organizations',
		});
	}
}
