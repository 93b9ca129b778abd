import type {HttpCore} from './http.js';
import {JumpCloudError} from './errors.js';
import type {Organization, V1List} from './types.js';

const fields = 'displayName settings';

/** The organization's settings: password policy and default user states. Also the cheapest check of a key. */
export class OrganizationApi {
	constructor(private readonly http: HttpCore) {}

	/**
	 * With an org id: `GET /api/organizations/{id}`. Without: the key's only organization. JumpCloud
	 * rejects `x-org-id` on these routes, so it is left out here.
	 */
	async get(): Promise<Organization> {
		if (this.http.orgId) {
			const {data} = await this.http.request<Organization>('GET', `/api/organizations/${encodeURIComponent(this.http.orgId)}`, {
				query: {fields},
				retry: 'safe',
				withOrgHeader: false,
			});
			return data;
		}
		const {data} = await this.http.request<V1List<Organization>>('GET', '/api/organizations', {
			query: {fields, limit: 10, skip: 0},
			retry: 'safe',
			withOrgHeader: false,
		});
		const [first] = data.results;
		if (data.results.length === 1 && first) return first;
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
