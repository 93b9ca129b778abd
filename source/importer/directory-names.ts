import {distance} from 'fastest-levenshtein';
import type {JcSystem, UserGroup} from '../jumpcloud/types.js';
import type {PlannedUser} from '../users/build-user.js';
import type {RowPlan} from './row-plan.js';

/*
 * The groups and devices a file names, found in the directory case-insensitively: a group by its
 * name, a device by its id, hostname or display name. A name that matches none says the nearest.
 */

export type GroupsByName = Map<string, UserGroup[]>;
export type SystemsByKey = Map<string, JcSystem[]>;

export function indexGroups(groups: readonly UserGroup[]): GroupsByName {
	const byName: GroupsByName = new Map();
	for (const group of groups) pushTo(byName, group.name.toLowerCase(), group);
	return byName;
}

export function indexSystems(systems: readonly JcSystem[]): SystemsByKey {
	const byKey: SystemsByKey = new Map();
	for (const system of systems) {
		pushTo(byKey, system._id.toLowerCase(), system);
		for (const name of new Set([system.hostname, system.displayName].filter(Boolean).map((name) => name!.toLowerCase()))) pushTo(byKey, name, system);
	}
	return byKey;
}

export function resolveGroups(user: PlannedUser, byName: GroupsByName, error: (message: string) => void): RowPlan['groups'] {
	const resolved: RowPlan['groups'] = [];
	for (const name of user.groups) {
		const found = byName.get(name.toLowerCase()) ?? [];
		const exact = found.filter((group) => group.name === name);
		const match = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : undefined;
		if (match) resolved.push({id: match.id, name: match.name});
		else if (found.length > 1) error(`user group ${name} is ambiguous: ${found.length} groups have that name`);
		else error(`no user group is named ${name}${didYouMean(name, byName.keys(), (key) => byName.get(key)![0]!.name)}`);
	}
	return resolved;
}

export function resolveSystems(user: PlannedUser, byKey: SystemsByKey, error: (message: string) => void): RowPlan['systems'] {
	const resolved: RowPlan['systems'] = [];
	for (const {ref, admin} of user.systems) {
		const found = byKey.get(ref.toLowerCase()) ?? [];
		if (found.length === 1) resolved.push({id: found[0]!._id, name: found[0]!.hostname ?? found[0]!.displayName ?? ref, admin});
		else if (found.length > 1) error(`device ${ref} is ambiguous: ${found.length} devices have that name`);
		else error(`no device has the id, hostname or name ${ref}${didYouMean(ref, byKey.keys(), (key) => byKey.get(key)![0]!.hostname ?? key)}`);
	}
	return resolved;
}

/** ` (did you mean Engineering?)` for a near miss within two edits, else nothing. */
function didYouMean(wanted: string, keys: Iterable<string>, show: (key: string) => string): string {
	const lower = wanted.toLowerCase();
	let best: {key: string; edits: number} | undefined;
	for (const key of keys) {
		const edits = distance(lower, key);
		if (edits <= Math.max(2, Math.floor(lower.length / 4)) && (!best || edits < best.edits)) best = {key, edits};
	}
	return best ? ` (did you mean ${show(best.key)}?)` : '';
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}
