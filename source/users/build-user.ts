import type {Address, PhoneNumber, UserCreate, UserState} from '../jumpcloud/types.js';
import {isEmail, isInteger, isPhone, isScientificNotation, parseBoolean, withoutFormulaGuard} from '../lib/value-shapes.js';
import {customAttributeName, parseTarget, type CatalogEntry} from '../mapping/catalog.js';
import {isSecretHeader} from '../mapping/secret-columns.js';
import {joinName, splitFullName, usernameFromEmail, type DerivedTarget} from '../mapping/derive.js';
import type {Mapping} from '../mapping/mapping.js';
import {isAmbiguousDate, readDate, type DateOrder} from './date-order.js';
import type {UserDefaults} from './defaults.js';
import type {RowIssue} from './row-issue.js';
import {UniqueInFile} from './unique-in-file.js';
import {usernamePattern, usernameProblem} from './username-rules.js';

/** A row as the CSV reader gives it. */
/** `cleaned`: columns the reader cleaned; `controls`: those of them that lost control characters. */
export type SourceRow = {row: number; line: number; cells: readonly string[]; fieldCount?: number; cleaned?: readonly number[]; controls?: readonly number[]};

/** A row ready to create: the exact body, and what must happen after it. */
export type PlannedUser = {
	row: number;
	line: number;
	payload: UserCreate;
	/** Group names: the row's own, then the defaults; each once. */
	groups: string[];
	/** Devices by id, hostname or display name, and whether the user is admin on each. */
	systems: Array<{ref: string; admin: boolean}>;
	/** The manager as the file names them (username, email, id, display name or DN); preflight finds who it is. */
	manager?: string;
	/** The header of the manager's column, for the warnings about it. */
	managerColumn?: string;
	/** Values filled in by a derivation rather than read from a column. */
	derived: DerivedTarget[];
};

/**
 * A built row: `user` is there when the row has no error (and the caller wanted the payload); a row
 * with errors still says the username and email it had, for reports (never from a column headed password).
 */
export type BuiltRow = {row: number; line: number; user?: PlannedUser; issues: RowIssue[]; username?: string; email?: string};

export type BuildOptions = {
	defaults: UserDefaults;
	/** For MFA exclusion dates. */
	now: Date;
	/** How each column (by index) writes dates, from `inferDateOrder` over its values. */
	dateOrders?: ReadonlyMap<number, DateOrder>;
	/** Shared across the rows of one file to find repeats; a fresh one when omitted. */
	unique?: UniqueInFile;
	/** Only the issues are wanted (inspect): the payload is not assembled. */
	checkOnly?: boolean;
};

const addressFields: Record<string, keyof Omit<Address, 'type'>> = {
	streetAddress: 'streetAddress',
	poBox: 'poBox',
	city: 'locality',
	state: 'region',
	postalCode: 'postalCode',
	country: 'country',
};
const phoneTypes: Record<string, PhoneNumber['type']> = {
	mobile_number: 'mobile',
	home_number: 'home',
	work_number: 'work',
	work_mobile_number: 'work_mobile',
	work_fax_number: 'work_fax',
};
const uniqueFields = ['username', 'email', 'employeeIdentifier', 'alternateEmail'] as const;
const dayMs = 86_400_000;

type Column = {
	index: number;
	header: string;
	target: ReturnType<typeof parseTarget> & object;
	/** For address parts: which address and which field of it, worked out once rather than per cell. */
	address?: {type: 'home' | 'work'; field: keyof Omit<Address, 'type'>};
	/** Its column writes dates either way round: each written date is checked for ambiguity. */
	ambiguousDates: boolean;
	/** The value is read by a check, or the payload is wanted: worth keeping. */
	kept: boolean;
	/** Its header says password ("Password never expires"): its values are never quoted in a message. */
	quiet: boolean;
};

/** The fields a check reads (names, identities); with `checkOnly` no other value is kept. */
const checkedFields = new Set<string>(['username', 'email', 'firstname', 'lastname', 'displayname', ...uniqueFields]);
const printableAscii = /^[\x21-\x7e]+$/;
const listSeparator = /[;|]/;

type Pair = {name?: string; value?: string; nameHeader?: string; valueHeader?: string};

/**
 * Compiles a mapping once into a function that turns each row into the create payload, or into
 * issues located by row, line and column. Blocking errors leave `user` undefined.
 *
 * Every cell is checked against the rule its attribute has in JumpCloud, so the payload meets
 * `userCreateSchema` by construction (the tests hold it to that); the schema itself is applied
 * again just before a user is sent, where its cost is nothing beside a request. Here it would
 * triple the time to check a 100,000-row file.
 *
 * The row being built lives in this closure, reset for each row, so building one allocates only
 * what the row keeps (no closures per row): the function is synchronous and never re-entered.
 */
export function createUserBuilder(mapping: Mapping, options: BuildOptions): (row: SourceRow) => BuiltRow {
	const checkOnly = options.checkOnly === true;
	const hasDateOrders = (options.dateOrders?.size ?? 0) > 0;
	const columns: Column[] = mapping.columns.flatMap((column) => {
		const target = column.target === null ? undefined : parseTarget(column.target);
		if (!target) return [];
		const part = target.type === 'catalog' ? /^(home|work)_(\w+)$/.exec(target.entry.key) : null;
		const field = part ? addressFields[part[2]!] : undefined;
		const password = target.type === 'catalog' && target.entry.kind === 'password';
		const quiet = password || isSecretHeader(column.header);
		const ambiguousDates = hasDateOrders && !quiet && options.dateOrders!.get(column.index) === 'ambiguous';
		const kept = !checkOnly || target.type !== 'catalog' || checkedFields.has(target.entry.key) || target.entry.kind === 'boolean' || target.entry.kind === 'state' || target.entry.kind === 'days';
		return [{index: column.index, header: column.header, target, ambiguousDates, kept, quiet, ...(part && field ? {address: {type: part[1] as 'home' | 'work', field}} : {})}];
	});
	const headerCount = mapping.columns.length;
	const derive = new Set(mapping.derived.filter((derivation) => derivation.enabled).map((derivation) => derivation.target));
	const unique = options.unique ?? new UniqueInFile();
	const headerOf = new Map<string, string>();
	for (const column of columns) if (column.target.type === 'catalog') headerOf.set(column.target.entry.key, column.header);
	/** Only mapped columns: a cleaned cell nobody imports is not worth a warning. */
	const headerOfIndex = new Map(columns.map((column) => [column.index, column.header]));
	const passwordColumns = new Set(columns.filter((column) => column.target.type === 'catalog' && column.target.entry.kind === 'password').map((column) => column.index));
	const quietColumns = new Set(columns.filter((column) => column.quiet).map((column) => column.index));
	const emailHeader = headerOf.get('email') ?? null;
	/** A username or email read from a column headed password is never handed on with a row's errors. */
	const identityQuiet = columns.some((column) => column.quiet && column.target.type === 'catalog' && (column.target.entry.key === 'username' || column.target.entry.key === 'email'));
	/** Where the username and email are read: an email refused as one is still what the row had. */
	const columnOf = (key: string) => columns.find((column) => column.target.type === 'catalog' && column.target.entry.key === key)?.index;
	const usernameIndex = columnOf('username');
	const emailIndex = columnOf('email');
	const uniqueChecks = uniqueFields.map((field) => ({field, header: headerOf.get(field)}));
	const deriveUsername = derive.has('username');
	const deriveDisplayname = derive.has('displayname');
	const deriveFirstname = derive.has('firstname');
	const deriveLastname = derive.has('lastname');

	// The row being built: set by start() for each row.
	let row!: SourceRow;
	let issues!: RowIssue[];
	/** Plain string attributes, in the payload's own keys: it becomes the payload. */
	let fields!: Record<string, string>;
	let manager: string | undefined;
	let managerColumn: string | undefined;
	let recoveryEmail: string | undefined;
	let flags: Record<string, boolean> | undefined;
	// Made on first use: most rows have no address of one kind, and this runs for every row.
	let work: Address | undefined;
	let home: Address | undefined;
	let phoneNumbers: PhoneNumber[] | undefined;
	let attributes: Array<{name: string; value: string}> | undefined;
	let pairs: Map<number, Pair> | undefined;
	let groups: string[] | undefined;
	let systems: string[] | undefined;
	let systemAdmin: boolean | undefined;
	let state: UserState | undefined;
	let exclusionDays: number | undefined;
	let unixIds: Record<string, number> | undefined;

	function start(next: SourceRow) {
		row = next;
		issues = [];
		fields = {};
		manager = managerColumn = recoveryEmail = undefined;
		flags = work = home = phoneNumbers = attributes = pairs = groups = systems = unixIds = undefined;
		systemAdmin = state = exclusionDays = undefined;
	}
	function error(column: string | null, message: string) {
		issues.push({row: row.row, line: row.line, column, severity: 'error', message});
	}
	function warn(column: string | null, message: string) {
		issues.push({row: row.row, line: row.line, column, severity: 'warning', message});
	}
	/** Whether the row already has an error in this column (`undefined` matches none). */
	function hasErrorIn(column: string | null | undefined): boolean {
		for (const found of issues) if (found.severity === 'error' && found.column === column) return true;
		return false;
	}
	function hasError(): boolean {
		for (const found of issues) if (found.severity === 'error') return true;
		return false;
	}

	function readCell(entry: CatalogEntry, value: string, {header, index, address, kept, quiet}: Column) {
		const key = entry.key;
		// What a message quotes: never a value from a column headed password.
		const said = quiet ? 'the value' : value;
		switch (entry.kind) {
			case 'text':
			case 'password': {
				if (key !== 'password' && isScientificNotation(value)) {
					warn(header, `${said} looks like Excel's scientific notation: the digits are lost; fix it in the source file`);
				}
				if (!kept) return;
				if (address?.type === 'work') (work ??= {type: 'work'})[address.field] = value;
				else if (address) (home ??= {type: 'home'})[address.field] = value;
				else if (key === 'manager') {
					manager = value;
					managerColumn = header;
				} else fields[key] = value;
				return;
			}
			case 'email':
				if (!isEmail(value)) return error(header, `${said} is not an email address`);
				if (key === 'recoveryEmail') recoveryEmail = value;
				else if (kept) fields[key] = value;
				return;
			case 'phone': {
				// OCI IAM exports `+1 512 …` as `'+1 512 …` so a spreadsheet runs no formula.
				const number = withoutFormulaGuard(value);
				if (isScientificNotation(number)) warn(header, `${said} looks like Excel's scientific notation: the digits are lost; fix it in the source file`);
				else if (!isPhone(number)) warn(header, `${said} does not look like a phone number`);
				if (kept) (phoneNumbers ??= []).push({type: phoneTypes[key]!, number});
				return;
			}
			case 'integer': {
				const number = Number(value);
				if (!isInteger(value) || number < 1 || number > 4294967295) return error(header, `${entry.label} must be a whole number from 1 to 4294967295, not ${said}`);
				if (kept) (unixIds ??= {})[key] = number;
				return;
			}
			case 'boolean': {
				const flag = parseBoolean(value);
				if (flag === undefined) return error(header, `${said} is not a yes/no value (true/false, yes/no, 1/0)`);
				if (key === 'system_admin') systemAdmin = flag;
				else (flags ??= {})[key] = flag;
				return;
			}
			case 'state': {
				const named = value.trim().toUpperCase();
				const parsed = named === 'ACTIVE' ? 'ACTIVATED' : named;
				if (parsed !== 'STAGED' && parsed !== 'ACTIVATED' && parsed !== 'SUSPENDED') return error(header, `state must be STAGED, ACTIVATED or SUSPENDED, not ${said}`);
				state = parsed;
				return;
			}
			case 'days': {
				if (isInteger(value)) {
					const days = Number(value);
					if (days < 1 || days > 365) return error(header, `MFA exclusion must be 1 to 365 days, not ${said}`);
					exclusionDays = days;
					return;
				}
				const until = readDate(value, options.dateOrders?.get(index));
				if (!until) return error(header, `MFA exclusion must be a number of days (1–365) or a date, not ${said}`);
				const days = Math.ceil((until.getTime() - options.now.getTime()) / dayMs);
				if (days < 1) {
					// As the warning says: no window, not the default's (MFA, when required, at first sign-in).
					exclusionDays = 0;
					return warn(header, `the MFA exclusion date ${said} has passed; no exclusion window is set`);
				}
				exclusionDays = Math.min(days, 365);
				return;
			}
			case 'relation':
				// Only the payload needs them: nothing about a group or device name is checked here.
				if (!kept) return;
				if (key === 'group') (groups ??= []).push(...splitList(value));
				else (systems ??= []).push(value.trim());
				return;
		}
	}

	return (source) => {
		start(source);
		const cells = source.cells;

		if (source.cleaned) {
			for (const index of source.cleaned) {
				const header = headerOfIndex.get(index);
				if (header === undefined) continue;
				const shown = passwordColumns.has(index) ? 'the password' : quietColumns.has(index) ? 'the value' : cells[index] === '' ? 'a blank value' : cells[index];
				if (source.controls?.includes(index)) warn(header, `control characters removed: ${shown} is sent`);
				else warn(header, `${shown} was cleaned of invisible characters or outer spaces`);
			}
		}
		if (source.fieldCount !== undefined && source.fieldCount > headerCount) {
			warn(null, `the row has ${source.fieldCount} fields but the header has ${headerCount}; the extra ones are ignored`);
		}

		for (const column of columns) {
			const value = cells[column.index] ?? '';
			if (value === '') continue;
			const {header, target} = column;
			if (column.ambiguousDates && isAmbiguousDate(value, 'ambiguous')) {
				warn(header, `ambiguous date ${value}: day and month could be either way round; sent as written`);
			}

			if (target.type === 'attribute') {
				if (!customAttributeName.test(target.name)) continue; // reported once per file, not per row
				(attributes ??= []).push({name: target.name, value});
				continue;
			}
			if (target.type === 'attribute-pair') {
				pairs ??= new Map();
				const pair = pairs.get(target.pair) ?? {};
				if (target.part === 'name') Object.assign(pair, {name: value, nameHeader: header});
				else Object.assign(pair, {value, valueHeader: header});
				pairs.set(target.pair, pair);
				continue;
			}
			const {entry} = target;
			if (entry.maxLength !== undefined && value.length > entry.maxLength) {
				error(header, `${entry.label} is ${value.length} characters long; JumpCloud allows at most ${entry.maxLength}`);
				continue;
			}
			readCell(entry, value, column);
		}

		if (pairs) {
			for (const [number, pair] of pairs) {
				if (pair.name === undefined) {
					error(pair.valueHeader ?? null, `custom attribute ${number} has a value but no name`);
				} else if (pair.value === undefined) {
					error(pair.nameHeader ?? null, `custom attribute ${pair.name} has a name but no value`);
				} else if (!customAttributeName.test(pair.name)) {
					error(pair.nameHeader ?? null, `custom attribute name ${pair.name} must be letters and digits only, under 32 characters`);
				} else {
					(attributes ??= []).push({name: pair.name, value: pair.value});
				}
			}
		}
		if (attributes && attributes.length > 1) {
			const attributeNames = new Set<string>();
			for (const attribute of attributes) {
				if (attributeNames.has(attribute.name.toLowerCase())) error(null, `custom attribute ${attribute.name} is given twice`);
				attributeNames.add(attribute.name.toLowerCase());
			}
		}

		const derived: DerivedTarget[] = [];
		let derivedUsername = false;
		if (!fields.username && deriveUsername && fields.email) {
			const username = usernameFromEmail(fields.email);
			if (username) {
				fields.username = username;
				derived.push('username');
				derivedUsername = true;
			}
		}
		// Checking only, a derived display name is never read: the names split from it below only when both are missing.
		if (!checkOnly && !fields.displayname && deriveDisplayname && (fields.firstname || fields.lastname)) {
			fields.displayname = fields.firstname && fields.lastname ? joinName(fields.firstname, fields.lastname) : (fields.firstname ?? fields.lastname)!;
			derived.push('displayname');
		}
		if (fields.displayname && !fields.firstname && !fields.lastname && (deriveFirstname || deriveLastname)) {
			const {firstname, lastname} = splitFullName(fields.displayname);
			if (deriveFirstname && firstname) (fields.firstname = firstname), derived.push('firstname');
			if (deriveLastname && lastname) (fields.lastname = lastname), derived.push('lastname');
		}

		const username = fields.username;
		const usernameHeader = derivedUsername ? emailHeader : (headerOf.get('username') ?? null);
		if (!username) error(usernameHeader, 'username is missing');
		else if (!usernamePattern.test(username)) error(usernameHeader, usernameProblem(username));
		else if (username.length > 20) warn(usernameHeader, `username ${username} is over 20 characters: too long to sign in to Windows devices`);
		const emailRejected = hasErrorIn(emailHeader);
		if (!fields.email && !emailRejected) error(emailHeader, 'email is missing');
		else if (fields.email && !printableAscii.test(fields.email)) warn(emailHeader, `${fields.email} has non-ASCII characters, which many mail systems refuse`);

		let at: {row: number; line: number} | undefined;
		for (const {field, header} of uniqueChecks) {
			const value = fields[field];
			if (!value || hasErrorIn(header)) continue;
			const earlier = unique.claim(field, value, (at ??= {row: source.row, line: source.line}));
			if (earlier) error(field === 'username' ? usernameHeader : (header ?? null), `${field} ${value} is also on row ${earlier.row} (line ${earlier.line})`);
		}

		const finalState: UserState = state ?? options.defaults.state;
		// The row's own "require MFA" column wins over the default, either way.
		const requireMfa = flags?.enable_user_portal_multifactor ?? options.defaults.requireMfa;
		const graceDays = exclusionDays ?? options.defaults.mfaExclusionDays;
		if (exclusionDays && !requireMfa) {
			warn(headerOf.get('mfa_exclusion_days') ?? null, `MFA is not required for this user, so the MFA exclusion of ${exclusionDays} days is not sent`);
		}
		if (checkOnly) return {row: source.row, line: source.line, issues};
		if (hasError()) {
			if (identityQuiet) return {row: source.row, line: source.line, issues};
			const had = (value: string | undefined, index: number | undefined) => value || (index === undefined ? '' : (cells[index] ?? ''));
			const username = had(fields.username, usernameIndex);
			const email = had(fields.email, emailIndex);
			return {row: source.row, line: source.line, issues, ...(username ? {username} : {}), ...(email ? {email} : {})};
		}

		// Plain assignments, not spreads: this runs for every row of a file.
		const payload = fields as Record<string, unknown>;
		payload.state = finalState;
		if (recoveryEmail) payload.recoveryEmail = {address: recoveryEmail};
		if (work || home) payload.addresses = work && home ? [work, home] : [(work ?? home)!];
		if (phoneNumbers) payload.phoneNumbers = phoneNumbers;
		if (attributes) payload.attributes = attributes;
		for (const key in unixIds) payload[key] = unixIds[key];
		for (const key in flags) payload[key] = flags[key];
		if (requireMfa) {
			// "Require MFA" is this flag; the exclusion alone only delays an MFA nobody asked for.
			payload.enable_user_portal_multifactor = true;
			// As days, the form a STAGED create takes (preflight makes it a date for a SUSPENDED one);
			// none for 0: MFA at the first sign-in.
			if (graceDays > 0) payload.mfa = {exclusion: true, exclusionDays: graceDays};
		}

		const systemAdminFlag = systemAdmin ?? false;
		const ownSystems = systems ?? [];
		const user: PlannedUser = {
			row: source.row,
			line: source.line,
			payload: payload as UserCreate,
			groups: uniqueIgnoringCase([...(groups ?? []), ...options.defaults.groups]),
			systems: uniqueIgnoringCase([...ownSystems, ...options.defaults.systems]).map((ref, position) => ({
				ref,
				// The Administrator column speaks of the row's own device, as in JumpCloud's template.
				admin: position < ownSystems.length ? systemAdminFlag : false,
			})),
			...(manager ? {manager, ...(managerColumn ? {managerColumn} : {})} : {}),
			derived,
		};
		return {row: source.row, line: source.line, user, issues};
	};
}

/** `Sales; VPN Users|All Staff` → three names. Commas stay: group names may hold them. */
function splitList(value: string): string[] {
	if (!value.includes(';') && !value.includes('|')) return [value];
	return value
		.split(listSeparator)
		.map((part) => part.trim())
		.filter(Boolean);
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
