import {HttpCore, type HttpOptions} from './http.js';
import {GroupsApi} from './groups.js';
import {OrganizationApi} from './organization.js';
import {SystemsApi} from './systems.js';
import {UsersApi} from './users.js';

export type ClientOptions = HttpOptions;

/** Everything the importer asks of JumpCloud, through one HTTP core. */
export class JumpCloudClient {
	readonly http: HttpCore;
	readonly users: UsersApi;
	readonly groups: GroupsApi;
	readonly systems: SystemsApi;
	readonly organization: OrganizationApi;

	constructor(options: ClientOptions) {
		this.http = new HttpCore(options);
		this.users = new UsersApi(this.http);
		this.groups = new GroupsApi(this.http);
		this.systems = new SystemsApi(this.http);
		this.organization = new OrganizationApi(this.http);
	}
}
