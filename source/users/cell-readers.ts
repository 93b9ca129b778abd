import type {PhoneNumber} from '../jumpcloud/types.js';
import {isEmail, isInteger, isPhone, isScientificNotation, parseBoolean, withoutFormulaGuard} from '../lib/value-shapes.js';
import type {CatalogEntry} from '../mapping/catalog.js';
import type {BuildOptions} from './built-row.js';
import type {Column} from './compiled-mapping.js';
import {readDate} from './date-order.js';
import type {RowDraft} from './row-draft.js';

/**
 * One reader per kind of catalog attribute: each checks a non-blank cell against the rule its
 * attribute has in JumpCloud, reports what is wrong, and keeps the value in the draft. `said` is
 * what a message quotes: never a value from a column headed password.
 */

const phoneTypes: Record<string, PhoneNumber['type']> = {
	mobile_number: 'mobile',
	home_number: 'home',
	work_number: 'work',
	work_mobile_number: 'work_mobile',
	work_fax_number: 'work_fax',
};
const dayMs = 86_400_000;
const listSeparator = /[;|]/;

export function readCell(draft: RowDraft, entry: CatalogEntry, value: string, column: Column, options: BuildOptions): void {
	const said = column.quiet ? 'the value' : value;
	switch (entry.kind) {
		case 'text':
		case 'password':
			return readText(draft, entry.key, value, said, column);
		case 'email':
			return readEmail(draft, entry.key, value, said, column);
		case 'phone':
			return readPhone(draft, entry.key, value, said, column);
		case 'integer':
			return readInteger(draft, entry, value, said, column);
		case 'boolean':
			return readBoolean(draft, entry.key, value, said, column.header);
		case 'state':
			return readState(draft, value, said, column.header);
		case 'days':
			return readDays(draft, value, said, column, options);
		case 'relation':
			return readRelation(draft, entry.key, value, column.kept);
	}
}

function readText(draft: RowDraft, key: string, value: string, said: string, {header, address, kept}: Column): void {
	if (key !== 'password' && isScientificNotation(value)) {
		draft.warn(header, `${said} looks like Excel's scientific notation: the digits are lost; fix it in the source file`);
	}
	if (!kept) return;
	if (address?.type === 'work') (draft.work ??= {type: 'work'})[address.field] = value;
	else if (address) (draft.home ??= {type: 'home'})[address.field] = value;
	else if (key === 'manager') {
		draft.manager = value;
		draft.managerColumn = header;
	} else draft.fields[key] = value;
}

function readEmail(draft: RowDraft, key: string, value: string, said: string, {header, kept}: Column): void {
	if (!isEmail(value)) return draft.error(header, `${said} is not an email address`);
	if (key === 'recoveryEmail') draft.recoveryEmail = value;
	else if (kept) draft.fields[key] = value;
}

function readPhone(draft: RowDraft, key: string, value: string, said: string, {header, kept}: Column): void {
	// OCI IAM exports `+1 512 …` as `'+1 512 …` so a spreadsheet runs no formula.
	const number = withoutFormulaGuard(value);
	if (isScientificNotation(number)) draft.warn(header, `${said} looks like Excel's scientific notation: the digits are lost; fix it in the source file`);
	else if (!isPhone(number)) draft.warn(header, `${said} does not look like a phone number`);
	if (kept) (draft.phoneNumbers ??= []).push({type: phoneTypes[key]!, number});
}

function readInteger(draft: RowDraft, entry: CatalogEntry, value: string, said: string, {header, kept}: Column): void {
	const number = Number(value);
	if (!isInteger(value) || number < 1 || number > 4294967295) return draft.error(header, `${entry.label} must be a whole number from 1 to 4294967295, not ${said}`);
	if (kept) (draft.unixIds ??= {})[entry.key] = number;
}

function readBoolean(draft: RowDraft, key: string, value: string, said: string, header: string): void {
	const flag = parseBoolean(value);
	if (flag === undefined) return draft.error(header, `${said} is not a yes/no value (true/false, yes/no, 1/0)`);
	if (key === 'system_admin') draft.systemAdmin = flag;
	else (draft.flags ??= {})[key] = flag;
}

function readState(draft: RowDraft, value: string, said: string, header: string): void {
	const named = value.trim().toUpperCase();
	const parsed = named === 'ACTIVE' ? 'ACTIVATED' : named;
	if (parsed !== 'STAGED' && parsed !== 'ACTIVATED' && parsed !== 'SUSPENDED') return draft.error(header, `state must be STAGED, ACTIVATED or SUSPENDED, not ${said}`);
	draft.state = parsed;
}

/** MFA exclusion: a number of days, or the date the window ends (counted from `now`). */
function readDays(draft: RowDraft, value: string, said: string, {header, index}: Column, options: BuildOptions): void {
	if (isInteger(value)) {
		const days = Number(value);
		if (days < 1 || days > 365) return draft.error(header, `MFA exclusion must be 1 to 365 days, not ${said}`);
		draft.exclusionDays = days;
		return;
	}
	const until = readDate(value, options.dateOrders?.get(index));
	if (!until) return draft.error(header, `MFA exclusion must be a number of days (1–365) or a date, not ${said}`);
	const days = Math.ceil((until.getTime() - options.now.getTime()) / dayMs);
	if (days < 1) {
		// As the warning says: no window, not the default's (MFA, when required, at first sign-in).
		draft.exclusionDays = 0;
		return draft.warn(header, `the MFA exclusion date ${said} has passed; no exclusion window is set`);
	}
	draft.exclusionDays = Math.min(days, 365);
}

function readRelation(draft: RowDraft, key: string, value: string, kept: boolean): void {
	// Only the payload needs them: nothing about a group or device name is checked here.
	if (!kept) return;
	if (key === 'group') (draft.groups ??= []).push(...splitList(value));
	else (draft.systems ??= []).push(value.trim());
}

/** `Sales; VPN Users|All Staff` → three names. Commas stay: group names may hold them. */
function splitList(value: string): string[] {
	if (!value.includes(';') && !value.includes('|')) return [value];
	return value
		.split(listSeparator)
		.map((part) => part.trim())
		.filter(Boolean);
}
