import type {SystemUser} from '../jumpcloud/types.js';
import {indexedFields, type Directory, type DirectoryUser, type IndexedField} from './directory.js';
import {ApiError, badRequest, notFound} from './errors.js';
import {compileFilter, compileSearchFilter, indexKeys, parseV1Filters, type Item} from './filters.js';
import {keepsIdOrder, page, parseFields, parsePaging, project, sortItems} from './listing.js';
import {one, route, type Reply, type Route, type RouteRequest} from './router.js';
import {checkCreate, isEmail} from './user-rules.js';

/** JumpCloud's v1 API (`/api/…`): organizations, system users, systems, and their `/search` twins. */

/** A user as the API shows it: everything stored except the private `passwordSet` flag. */
export function apiUser(user: DirectoryUser): SystemUser {
	const {passwordSet: _passwordSet, ...shown} = user;
	return shown;
}

const ok = (body: unknown): Reply => ({status: 200, body});

/** `GET` lists: v1 `filter`s (AND), `sort`, `limit` ≤ 100, `skip`, `fields` → `{results, totalCount}`. */
function v1List(items: readonly object[], query: URLSearchParams): Reply {
	const matches = parseV1Filters(query.getAll('filter'));
	const paging = parsePaging(one(query, 'limit'), one(query, 'skip'), 100);
	const fields = parseFields(one(query, 'fields'));
	const matched = sortItems(items.filter((item) => matches(item as Item)), one(query, 'sort'));
	return ok({results: page(matched, paging).map((item) => project(item, fields, '_id')), totalCount: matched.length});
}

/**
 * `GET /api/systemusers`. Unfiltered and in id order (no sort, or `sort=_id` as the client pages),
 * a page is a slice of the users already kept in id order: no copy or sort of the whole directory.
 * Anything else is `v1List`'s scan; both give the same answer.
 */
function userList({query, directory}: RouteRequest): Reply {
	const inIdOrder = directory.inIdOrder && keepsIdOrder(one(query, 'sort'), '_id');
	if (query.getAll('filter').length > 0 || !inIdOrder) return v1List(users(directory), query);
	const paging = parsePaging(one(query, 'limit'), one(query, 'skip'), 100);
	const fields = parseFields(one(query, 'fields'));
	const all = directory.usersInIdOrder();
	return ok({results: page(all, paging).map((user) => project(apiUser(user), fields, '_id')), totalCount: all.length});
}

/** The search body, checked: a JSON object or nothing. */
function searchBody(body: unknown): Record<string, unknown> {
	if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
		throw badRequest('The search body must be a JSON object such as {"filter": {"and": [...]}}');
	}
	return (body ?? {}) as Record<string, unknown>;
}

/**
 * `POST /api/search/…`: a filter object and a search term in the body; `limit` (≤ 1000), `skip`
 * and `fields` in the body or the query, the body winning. `candidates`, when given, narrows the
 * items from an index (in the order the scan would meet them); the filter still decides.
 */
function searchList(
	items: () => readonly object[],
	{body, query}: RouteRequest,
	searchFields: readonly string[],
	candidates?: (filter: unknown) => readonly object[] | undefined,
	inIdOrder = false,
): Reply {
	const search = searchBody(body);
	const matchesFilter = compileFilter(search.filter);
	const matchesTerm = compileSearchFilter(search.searchFilter, searchFields);
	const paging = parsePaging(search.limit ?? one(query, 'limit'), search.skip ?? one(query, 'skip'), 1000);
	const fields = parseFields(search.fields ?? one(query, 'fields'));
	const sort = typeof search.sort === 'string' ? search.sort : one(query, 'sort');
	const from = candidates?.(search.filter) ?? items();
	const matched = sortItems(
		from.filter((item) => matchesFilter(item as Item) && matchesTerm(item as Item)),
		sort,
		inIdOrder ? {idField: '_id'} : undefined,
	);
	return ok({results: page(matched, paging).map((item) => project(item, fields, '_id')), totalCount: matched.length});
}

const searchIndexes: ReadonlySet<string> = new Set(indexedFields);

/**
 * The users a search filter can match, from the field indexes (`(?i)` anchored lookups,
 * equality, `$in`), in id order as the scan meets them; undefined when the filter needs a scan.
 */
function indexedCandidates(directory: Directory, filter: unknown): SystemUser[] | undefined {
	if (!directory.inIdOrder) return undefined;
	const keys = indexKeys(filter, searchIndexes);
	if (!keys) return undefined;
	const found = new Map<string, DirectoryUser>();
	for (const {field, value} of keys) {
		const holders = directory.holders(field as IndexedField, value);
		if (!holders) return undefined;
		for (const user of holders) found.set(user._id, user);
	}
	return [...found.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)).map(apiUser);
}

function userOr404(directory: Directory, id: string | undefined): DirectoryUser {
	const user = id === undefined ? undefined : directory.users.get(id);
	if (!user) throw notFound('User not found');
	return user;
}

const listedOrganization = ({org}: Directory) => ({_id: org._id, ...(org.displayName === undefined ? {} : {displayName: org.displayName}), logoUrl: ''});
/** Every user as the API shows it, in map order (id order, unless an out-of-band `_id` broke it). */
const users = (directory: Directory) => (directory.inIdOrder ? directory.usersInIdOrder() : [...directory.users.values()]).map(apiUser);
const systems = (directory: Directory) => [...directory.systems.values()];

/**
 * Activation: STAGED → ACTIVATED, and the email JumpCloud documents. A user with a password gets
 * a welcome email (to the given address, else the primary one); a user without one an activation
 * email (to the given address, else the alternate, else the primary). `email: false` sends none.
 */
function activate({params, body, directory}: RouteRequest): Reply {
	const user = userOr404(directory, params[0]);
	const request = body ?? {};
	if (request === null || typeof request !== 'object' || Array.isArray(request)) {
		throw badRequest('The body must be {}, {"email": true|false} or {"email": "address"}');
	}
	const email = (request as {email?: unknown}).email;
	if (email !== undefined && typeof email !== 'boolean' && typeof email !== 'string') {
		throw badRequest('email must be true, false or an email address', 'email');
	}
	if (typeof email === 'string' && !isEmail(email)) throw badRequest('email must be a valid email address', 'email');
	if (user.state !== 'STAGED') throw badRequest(`Only a STAGED user can be activated; this user is ${user.state}`, 'state');

	user.state = 'ACTIVATED';
	// UNCONFIRMED: a STAGED user's enrolment days become a date when it is activated (the days
	// exist because the window must not run while the user cannot sign in: PR #578).
	if (user.mfa?.exclusionDays !== undefined) {
		const {exclusionDays: days, ...rest} = user.mfa;
		user.mfa = {...rest, exclusionUntil: new Date(directory.now().getTime() + days * 86_400_000).toISOString()};
	}
	if (email !== false) {
		const given = typeof email === 'string' ? email : undefined;
		directory.emails.push(
			user.passwordSet
				? {userId: user._id, kind: 'welcome', to: given ?? user.email}
				: {userId: user._id, kind: 'activation', to: given ?? (user.alternateEmail || user.email)},
		);
	}
	return {status: 200};
}

/**
 * `DELETE /api/systemusers/{id}[?cascade_manager=…]`. A user who is still someone's manager is
 * refused with 409 (B-V1 systemusers_delete declares 409 `Error`); `cascade_manager=null` clears
 * the manager of every direct report and then deletes (B-V1 parameter description), and
 * `cascade_manager=<user id>` makes that user their manager instead (TheJumpCloud/support
 * Remove-JCUser.ps1 sends it for -CascadeManager Automatic and User, and its tests read the new
 * manager back). UNCONFIRMED, refused with 400 to be safe: any other value (`NULL`, a username,
 * an id of no user, the user being deleted, one of its own reports), and the 409's exact text.
 */
function deleteUser({params, query, directory}: RouteRequest): Reply {
	const user = userOr404(directory, params[0]);
	const given = query.getAll('cascade_manager');
	if (given.length > 1) throw badRequest('cascade_manager may be given once', 'cascade_manager');
	const [cascade] = given;
	const reports = directory.reportsOf(user._id);
	let newManager: string | undefined;
	if (cascade !== undefined && cascade !== 'null') {
		const target = directory.users.get(cascade);
		if (!target || target._id === user._id) {
			throw badRequest("cascade_manager must be 'null' or the id of another existing user", 'cascade_manager');
		}
		if (reports.some((report) => report._id === target._id)) {
			throw badRequest('cascade_manager may not be one of the reports it would manage', 'cascade_manager');
		}
		newManager = target._id;
	}
	if (cascade === undefined && reports.length > 0) {
		throw new ApiError(
			409,
			`User ${user.username} is the manager of ${reports.length} user(s); give cascade_manager=null to clear their manager or cascade_manager=<user id> to hand them to another manager`,
			[],
			{status: 'FAILED_PRECONDITION'},
		);
	}
	for (const report of reports) {
		if (newManager === undefined) delete report.manager;
		else report.manager = newManager;
	}
	return ok(apiUser(directory.deleteUser(user._id)!));
}

export const v1Routes: Route[] = [
	// The spec's list items are `_id`, `displayName` and `logoUrl` only: settings are read by id.
	route('GET', '/api/organizations', ({query, directory}) => v1List([listedOrganization(directory)], query)),
	route('GET', '/api/organizations/{id}', ({params, query, directory}) => {
		if (params[0] !== directory.org._id) throw notFound('Organization not found');
		return ok(project(directory.org, parseFields(one(query, 'fields')), '_id'));
	}),

	route('POST', '/api/systemusers', ({body, query, directory, settings}) => {
		const fullPasswordDetails = query
			.getAll('fullValidationDetails')
			.flatMap((value) => value.split(','))
			.includes('password');
		const checked = checkCreate(body, {
			org: directory.org,
			users: directory.users,
			isTaken: (field, value) => directory.isTaken(field, value),
			fullPasswordDetails,
			now: directory.now(),
			duplicateStatus: settings.duplicateUserStatus,
		});
		return ok(apiUser(directory.addUser(checked)));
	}, {errorDetails: true}),
	route('GET', '/api/systemusers', userList),
	route('GET', '/api/systemusers/{id}', ({params, query, directory}) =>
		ok(project(apiUser(userOr404(directory, params[0])), parseFields(one(query, 'fields')), '_id')),
	),
	route('DELETE', '/api/systemusers/{id}', deleteUser),
	route('POST', '/api/systemusers/{id}/state/activate', activate),
	route('POST', '/api/search/systemusers', (request) =>
		searchList(
			() => users(request.directory),
			request,
			['username', 'email', 'firstname', 'lastname', 'displayname'],
			(filter) => indexedCandidates(request.directory, filter),
			request.directory.inIdOrder,
		),
	),

	route('GET', '/api/systems', ({query, directory}) => v1List(systems(directory), query)),
	route('GET', '/api/systems/{id}', ({params, query, directory}) => {
		const system = directory.systems.get(params[0] ?? '');
		if (!system) throw notFound('System not found');
		return ok(project(system, parseFields(one(query, 'fields')), '_id'));
	}),
	route('POST', '/api/search/systems', (request) => searchList(() => systems(request.directory), request, ['hostname', 'displayName'])),
];
