import type {UserGroup} from '../jumpcloud/types.js';
import type {Directory, SudoAttributes} from './directory.js';
import {alreadyExists, badRequest, notFound} from './errors.js';
import {parseV2Filters, type Item} from './filters.js';
import {page, parseFields, parsePaging, project, sortItems} from './listing.js';
import {one, route, type Reply, type Route, type RouteRequest} from './router.js';

/** JumpCloud's v2 API (`/api/v2/…`): user groups, their members, and system ↔ user associations. */

/** v2 lists are bare arrays; the total travels in `X-Total-Count`. */
function v2Reply(items: readonly object[], query: URLSearchParams): Reply {
	const paging = parsePaging(one(query, 'limit'), one(query, 'skip'), 100);
	return {status: 200, body: page(items, paging), headers: {'X-Total-Count': String(items.length)}};
}

function groupList({query, directory}: RouteRequest): Reply {
	const matches = parseV2Filters(query.getAll('filter'));
	const fields = parseFields(one(query, 'fields'));
	const matched = sortItems(
		[...directory.groups.values()].filter((group) => matches(group as Item)),
		one(query, 'sort'),
	);
	return v2Reply(
		matched.map((group) => project(group, fields, 'id')),
		query,
	);
}

function createGroup({body, directory}: RouteRequest): Reply {
	const {name, description} = objectBody(body) as {name?: unknown; description?: unknown};
	if (typeof name !== 'string' || name.trim() === '') throw badRequest('name is required', 'name');
	if (description !== undefined && typeof description !== 'string') throw badRequest('description must be a string', 'description');
	// Group names are unique regardless of case, as people read them.
	const taken = [...directory.groups.values()].some((group) => group.name.toLowerCase() === name.toLowerCase());
	if (taken) throw alreadyExists();
	return {status: 201, body: directory.addGroup(name, description)};
}

function objectBody(body: unknown): Record<string, unknown> {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object');
	return body as Record<string, unknown>;
}

type GraphOperation = {op: 'add' | 'remove'; id: string; attributes: SudoAttributes | null};

/** `{op, type, id, attributes?}` as the graph endpoints take it; only users are members here. */
function graphOperation(body: unknown, withSudo: boolean): GraphOperation {
	const {op, type, id, attributes} = objectBody(body);
	if (op !== 'add' && op !== 'remove') throw badRequest("op must be 'add' or 'remove'", 'op');
	if (type !== 'user') throw badRequest("type must be 'user'", 'type');
	if (typeof id !== 'string' || id === '') throw badRequest('id is required', 'id');
	if (!withSudo || attributes === undefined || attributes === null) return {op, id, attributes: null};
	if (typeof attributes !== 'object' || Array.isArray(attributes)) throw badRequest('attributes must be an object', 'attributes');
	const sudo = (attributes as {sudo?: unknown}).sudo;
	if (sudo === undefined || sudo === null) return {op, id, attributes: null};
	const {enabled, withoutPassword} = (typeof sudo === 'object' ? sudo : {}) as {enabled?: unknown; withoutPassword?: unknown};
	// The spec's GraphAttribute-Sudo requires both flags.
	if (typeof enabled !== 'boolean') throw badRequest('attributes.sudo.enabled is required (true or false)', 'attributes.sudo.enabled');
	if (typeof withoutPassword !== 'boolean') {
		throw badRequest('attributes.sudo.withoutPassword is required (true or false)', 'attributes.sudo.withoutPassword');
	}
	return {op, id, attributes: {sudo: {enabled, withoutPassword}}};
}

function groupOr404(directory: Directory, id: string | undefined): UserGroup {
	const group = id === undefined ? undefined : directory.groups.get(id);
	if (!group) throw notFound('User group not found');
	return group;
}

function requireUser(directory: Directory, id: string): void {
	if (!directory.users.has(id)) throw notFound('User not found');
}

function changeMembers({params, body, directory}: RouteRequest): Reply {
	const operation = graphOperation(body, false);
	const group = groupOr404(directory, params[0]);
	requireUser(directory, operation.id);
	if (operation.op === 'add') {
		if (!directory.addMember(group.id, operation.id)) throw alreadyExists();
	} else if (!directory.removeMember(group.id, operation.id)) {
		throw notFound('The user is not a member of this group');
	}
	return {status: 204};
}

function listMembers({params, query, directory}: RouteRequest): Reply {
	const group = groupOr404(directory, params[0]);
	const members = [...(directory.memberships.get(group.id) ?? [])];
	return v2Reply(
		// The spec's GraphConnection.attributes is an object, never null: left out when there are none.
		members.map((id) => ({to: {id, type: 'user'}})),
		query,
	);
}

function changeAssociations({params, body, directory}: RouteRequest): Reply {
	const operation = graphOperation(body, true);
	const system = directory.systems.get(params[0] ?? '');
	if (!system) throw notFound('System not found');
	requireUser(directory, operation.id);
	if (operation.op === 'add') {
		if (!directory.associate(system._id, operation.id, operation.attributes)) throw alreadyExists();
	} else if (!directory.dissociate(system._id, operation.id)) {
		throw notFound('The user is not bound to this system');
	}
	return {status: 204};
}

const systemTargets = ['command', 'policy', 'policy_group', 'user', 'user_group'];

function listAssociations({params, query, directory}: RouteRequest): Reply {
	const targets = one(query, 'targets');
	if (targets === undefined || !systemTargets.includes(targets)) {
		throw badRequest(`targets is required: one of ${systemTargets.join(', ')}`, 'targets');
	}
	const bound = directory.associations.get(params[0] ?? '');
	if (!directory.systems.has(params[0] ?? '') || !bound) throw notFound('System not found');
	// Only users are ever bound here, so other targets list nothing.
	const edges = targets === 'user' ? [...bound].map(([id, attributes]) => ({to: {id, type: 'user'}, ...(attributes ? {attributes} : {})})) : [];
	return v2Reply(edges, query);
}

export const v2Routes: Route[] = [
	route('GET', '/api/v2/usergroups', groupList),
	route('POST', '/api/v2/usergroups', createGroup),
	route('GET', '/api/v2/usergroups/{group_id}', ({params, directory}) => ({status: 200, body: groupOr404(directory, params[0])})),
	route('GET', '/api/v2/usergroups/{group_id}/members', listMembers),
	route('POST', '/api/v2/usergroups/{group_id}/members', changeMembers),
	route('GET', '/api/v2/systems/{system_id}/associations', listAssociations),
	route('POST', '/api/v2/systems/{system_id}/associations', changeAssociations),
];
