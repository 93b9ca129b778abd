import type {UserCreate} from '../jumpcloud/types.js';
import {applyMfa, stateOf} from './account-settings.js';
import type {PlannedUser} from './built-row.js';
import type {UserDefaults} from './defaults.js';
import type {RowDraft} from './row-draft.js';

/**
 * Turns a draft without errors into the user to create: the exact create body, then the groups and
 * devices to add it to and its manager. The draft's `fields` object becomes the body itself.
 */
export function assembleUser(draft: RowDraft, defaults: UserDefaults): PlannedUser {
	const {row, work, home, flags, unixIds} = draft;
	// Plain assignments, not spreads: this runs for every row of a file.
	const payload = draft.fields as Record<string, unknown>;
	payload.state = stateOf(draft, defaults);
	if (draft.recoveryEmail) payload.recoveryEmail = {address: draft.recoveryEmail};
	if (work || home) payload.addresses = work && home ? [work, home] : [(work ?? home)!];
	if (draft.phoneNumbers) payload.phoneNumbers = draft.phoneNumbers;
	if (draft.attributes) payload.attributes = draft.attributes;
	for (const key in unixIds) payload[key] = unixIds[key];
	for (const key in flags) payload[key] = flags[key];
	applyMfa(payload, draft, defaults);

	const systemAdminFlag = draft.systemAdmin ?? false;
	const ownSystems = draft.systems ?? [];
	const {manager, managerColumn} = draft;
	return {
		row: row.row,
		line: row.line,
		payload: payload as UserCreate,
		groups: uniqueIgnoringCase([...(draft.groups ?? []), ...defaults.groups]),
		systems: uniqueIgnoringCase([...ownSystems, ...defaults.systems]).map((ref, position) => ({
			ref,
			// The Administrator column speaks of the row's own device, as in JumpCloud's template.
			admin: position < ownSystems.length ? systemAdminFlag : false,
		})),
		...(manager ? {manager, ...(managerColumn ? {managerColumn} : {})} : {}),
		derived: draft.derived,
	};
}

/** Each name once, ignoring case; names differ in length far more often than in case, so look there first. */
function uniqueIgnoringCase(values: string[]): string[] {
	if (values.length < 2) return values;
	const kept: string[] = [];
	for (const value of values) {
		const twin = kept.some((other) => other.length === value.length && (other === value || other.toLowerCase() === value.toLowerCase()));
		if (!twin) kept.push(value);
	}
	return kept;
}
