import {userStates, type Mfa, type UserState} from '../jumpcloud/types.js';
import {uniqueFields, type DirectoryUser, type NewUser, type SandboxOrganization, type UniqueField} from './directory.js';
import {ApiError, invalid, type FieldViolation} from './errors.js';
import {effectivePolicy, passwordFailures, type PasswordRule} from '../jumpcloud/password-policy.js';
export {effectivePolicy, passwordFailures, type PasswordRule};

/** The rules JumpCloud applies to `POST /api/systemusers`, as field violations. */

type FieldType = 'string' | 'boolean' | 'integer' | 'array' | 'object' | 'any';

/**
 * Every property of the spec's `systemuserputpost`; anything else is dropped, as a schema would.
 * B-V1 (2023) also had `tags` (legacy tag ids), which the 2026 spec declares neither in a create
 * nor in an answer: dropped too, so no answer carries it.
 */
const fieldTypes: Record<string, FieldType> = {
	username: 'string',
	email: 'string',
	password: 'string',
	state: 'string',
	firstname: 'string',
	lastname: 'string',
	middlename: 'string',
	displayname: 'string',
	alternateEmail: 'string',
	manager: 'string',
	managedAppleId: 'string',
	jobTitle: 'string',
	employeeIdentifier: 'string',
	department: 'string',
	costCenter: 'string',
	company: 'string',
	employeeType: 'string',
	description: 'string',
	location: 'string',
	public_key: 'string',
	external_dn: 'string',
	external_source_type: 'string',
	external_password_expiration_date: 'string',
	account_locked: 'boolean',
	allow_public_key: 'boolean',
	disableDeviceMaxLoginAttempts: 'boolean',
	enable_managed_uid: 'boolean',
	enable_user_portal_multifactor: 'boolean',
	ldap_binding_user: 'boolean',
	password_never_expires: 'boolean',
	passwordless_sudo: 'boolean',
	samba_service_user: 'boolean',
	sudo: 'boolean',
	suspended: 'boolean',
	unix_uid: 'integer',
	unix_guid: 'integer',
	addresses: 'array',
	phoneNumbers: 'array',
	attributes: 'array',
	relationships: 'array',
	restrictedFields: 'array',
	recoveryEmail: 'object',
	mfa: 'object',
	delegatedAuthority: 'object',
	externally_managed: 'any',
};

/** String lengths: the spec's maxLength where it gives one, JumpCloud's usual 1024 elsewhere. */
const maxLength = (field: string) => (field === 'employeeIdentifier' ? 256 : 1024);
/** Passwords have no maximum ("can't be limited"), and SSH keys are long. */
const unlimited = new Set(['password', 'public_key']);

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmail = (value: string) => emailPattern.test(value) && value.length <= 1024;

function typeOk(value: unknown, type: FieldType): boolean {
	switch (type) {
		case 'string':
			return typeof value === 'string';
		case 'boolean':
			return typeof value === 'boolean';
		case 'integer':
			return Number.isInteger(value);
		case 'array':
			return Array.isArray(value);
		case 'object':
			return value !== null && typeof value === 'object' && !Array.isArray(value);
		case 'any':
			return true;
	}
}

const article = (type: FieldType) => (type === 'array' || type === 'object' || type === 'integer' ? 'an' : 'a');

function usernameProblem(username: string): string | undefined {
	if (!/^[A-Za-z]/.test(username)) return 'Username must start with a letter';
	if (/\s/.test(username)) return 'Username may not contain spaces';
	if (username.includes('@')) return "Username may not contain '@'";
	if (!/^[A-Za-z0-9._-]+$/.test(username)) return "Username may only contain letters, numbers, '.', '_' and '-'";
	if (username.length > 1024) return 'Username may be at most 1024 characters';
	return undefined;
}

function attributeViolations(attributes: unknown[]): FieldViolation[] {
	const violations: FieldViolation[] = [];
	const seen = new Set<string>();
	attributes.forEach((attribute, i) => {
		const at = `attributes[${i}]`;
		const {name, value} = (attribute ?? {}) as {name?: unknown; value?: unknown};
		if (typeof attribute !== 'object' || attribute === null || typeof name !== 'string' || name === '') {
			violations.push({field: `${at}.name`, description: 'Attribute names are required'});
			return;
		}
		if (/\s/.test(name)) violations.push({field: `${at}.name`, description: 'Attribute names may not contain spaces'});
		else if (!/^[A-Za-z0-9]+$/.test(name)) violations.push({field: `${at}.name`, description: 'Attribute names may only contain letters and numbers'});
		else if (name.length >= 32) violations.push({field: `${at}.name`, description: 'Attribute names must be shorter than 32 characters'});
		else if (seen.has(name.toLowerCase())) violations.push({field: `${at}.name`, description: 'Attribute names must be unique'});
		seen.add(name.toLowerCase());
		if (typeof value !== 'string') violations.push({field: `${at}.value`, description: 'Attribute values must be strings'});
		else if (value.length > 1024) violations.push({field: `${at}.value`, description: 'Attribute values may be at most 1024 characters'});
	});
	return violations;
}

/** RFC 3339, the spec's `format: date-time` (Date.parse alone takes far more, "12/14/2026" too). */
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
/** The PowerShell module's range for enrolment days (Set-JCUser.ps1 ValidateRange(1, 365); ModuleChangelog "from 1 to 365"). */
export const maxExclusionDays = 365;

/**
 * The MFA enrolment window. Confirmed: `exclusionDays` is an integer of at least 1 (spec `mfa`);
 * a STAGED user takes days, not a date (PR #578 "New staged users needing exclusionDays instead
 * of exclusionUntil", whose fix sends days for STAGED and a date for every other state).
 * UNCONFIRMED, refused here to be safe: days over 365 (the module's limit, not the spec's), days
 * for a user that is not STAGED, a date in the past, an exclusion without its days or date.
 */
function mfaViolations(mfa: Record<string, unknown>, state: unknown, now: Date): FieldViolation[] {
	const violations: FieldViolation[] = [];
	const add = (field: string, description: string) => violations.push({field: `mfa.${field}`, description});
	const {exclusion, configured, exclusionDays: days, exclusionUntil: until} = mfa;
	if (exclusion !== undefined && typeof exclusion !== 'boolean') add('exclusion', 'mfa.exclusion must be true or false');
	if (configured !== undefined && typeof configured !== 'boolean') add('configured', 'mfa.configured must be true or false');
	const staged = state === 'STAGED';
	if (days !== undefined) {
		if (!(Number.isInteger(days) && (days as number) >= 1 && (days as number) <= maxExclusionDays)) {
			add('exclusionDays', `mfa.exclusionDays must be a whole number from 1 to ${maxExclusionDays}`);
		} else if (!staged) {
			add('exclusionDays', 'mfa.exclusionDays is for STAGED users; give this user mfa.exclusionUntil');
		}
	}
	if (until !== undefined) {
		if (typeof until !== 'string' || !dateTime.test(until) || Number.isNaN(Date.parse(until))) {
			add('exclusionUntil', 'mfa.exclusionUntil must be a date-time such as 2026-12-14T00:00:00Z');
		} else if (staged) {
			// The date would run out before a STAGED user could sign in: the window starts at activation.
			add('exclusionUntil', 'A STAGED user must use mfa.exclusionDays, not mfa.exclusionUntil');
		} else if (Date.parse(until) <= now.getTime()) {
			add('exclusionUntil', 'mfa.exclusionUntil must be in the future');
		}
	}
	if (exclusion === true && days === undefined && until === undefined) {
		add(staged ? 'exclusionDays' : 'exclusionUntil', staged ? 'A STAGED user excluded from MFA needs mfa.exclusionDays' : 'A user excluded from MFA needs mfa.exclusionUntil');
	}
	return violations;
}

/** The `mfa` kept for a checked create: `configured` is JumpCloud's to set (false until the user enrols). */
function storedMfa(mfa: Record<string, unknown>): Mfa {
	const stored: Mfa = {exclusion: mfa.exclusion === true};
	if (typeof mfa.exclusionDays === 'number') stored.exclusionDays = mfa.exclusionDays;
	if (typeof mfa.exclusionUntil === 'string') stored.exclusionUntil = new Date(mfa.exclusionUntil).toISOString();
	return stored;
}

/** Every rule the body breaks except the password policy and uniqueness, which need more context. */
export function bodyViolations(body: Record<string, unknown>, state: unknown, users: ReadonlyMap<string, unknown>, now: Date = new Date()): FieldViolation[] {
	const violations: FieldViolation[] = [];
	for (const required of ['username', 'email'] as const) {
		const value = body[required];
		if (value === undefined || value === null || value === '') {
			violations.push({field: required, description: `${required === 'username' ? 'Username' : 'Email'} is required`});
		}
	}
	for (const [field, value] of Object.entries(body)) {
		const type = fieldTypes[field];
		// null reads as "not given", as JumpCloud's JSON decoding does; the required check catches the two that matter.
		if (type === undefined || value === undefined || value === null) continue;
		if (!typeOk(value, type)) {
			violations.push({field, description: `${field} must be ${article(type)} ${type}`});
			continue;
		}
		if (typeof value === 'string' && !unlimited.has(field) && value.length > maxLength(field)) {
			if (field === 'username' || field === 'email') continue; // said below, with the format rules
			violations.push({field, description: `${field} may be at most ${maxLength(field)} characters`});
		}
	}
	const text = (field: string) => (typeof body[field] === 'string' ? (body[field] as string) : undefined);

	const username = text('username');
	const usernameIssue = username ? usernameProblem(username) : undefined;
	if (usernameIssue) violations.push({field: 'username', description: usernameIssue});

	const email = text('email');
	if (email && email.length > 1024) violations.push({field: 'email', description: 'Email may be at most 1024 characters'});
	for (const field of ['email', 'alternateEmail'] as const) {
		const value = text(field);
		if (value && value.length <= 1024 && !isEmail(value)) {
			violations.push({field, description: `${field === 'email' ? 'Email' : 'alternateEmail'} must be a valid email address`});
		}
	}
	const recovery = body.recoveryEmail as {address?: unknown} | undefined;
	if (typeOk(recovery, 'object') && recovery?.address !== undefined && recovery.address !== '') {
		if (typeof recovery.address !== 'string' || !isEmail(recovery.address)) {
			violations.push({field: 'recoveryEmail.address', description: 'recoveryEmail.address must be a valid email address'});
		}
	}

	if (state !== undefined && !userStates.includes(state as UserState)) {
		violations.push({field: 'state', description: `state must be one of ${userStates.join(', ')}`});
	}
	for (const field of ['unix_uid', 'unix_guid'] as const) {
		const value = body[field];
		if (Number.isInteger(value) && (value as number) < 1) violations.push({field, description: `${field} must be a whole number of at least 1`});
	}
	if (Array.isArray(body.attributes)) violations.push(...attributeViolations(body.attributes));
	if (typeOk(body.mfa, 'object')) violations.push(...mfaViolations(body.mfa as Record<string, unknown>, state, now));
	const manager = text('manager');
	if (manager && !users.has(manager)) violations.push({field: 'manager', description: 'manager must be the id of an existing user'});
	return violations;
}

/** Which unique fields of `body` another user already holds, compared case-insensitively (`isTaken` answers from the directory's indexes). */
export function uniquenessViolations(body: Record<string, unknown>, isTaken: (field: UniqueField, value: string) => boolean): FieldViolation[] {
	return uniqueFields
		.map((field) => ({field, value: body[field]}))
		.filter((entry): entry is {field: UniqueField; value: string} => typeof entry.value === 'string' && entry.value !== '' && isTaken(entry.field, entry.value))
		.map(({field, value}) => ({field, description: `${field} '${value}' is taken`}));
}

/**
 * Checks a create body as JumpCloud does and returns what to store (known fields only, no
 * password, the org's default state filled in). Throws the 400 JumpCloud would answer:
 * structural problems first, then the password policy, then uniqueness.
 */
export function checkCreate(
	body: unknown,
	context: {
		org: SandboxOrganization;
		users: ReadonlyMap<string, DirectoryUser>;
		/** Whether another user holds this value in this unique field, case-insensitively. */
		isTaken: (field: UniqueField, value: string) => boolean;
		fullPasswordDetails: boolean;
		/** The directory's clock, for dates that must lie ahead. */
		now?: Date;
		/** 400 as the spec says, or 409 (a knob). */
		duplicateStatus?: 400 | 409;
	},
): NewUser {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new ApiError(400, 'The request body must be a JSON object');
	}
	const fields = body as Record<string, unknown>;
	const state = fields.state ?? context.org.settings.newSystemUserStateDefaults?.manualEntry ?? 'ACTIVATED';
	const violations = bodyViolations(fields, state, context.users, context.now ?? new Date());
	if (violations.length > 0) throw invalid(violations);

	if (typeof fields.password === 'string') {
		const failed = passwordFailures(fields.password, effectivePolicy(context.org));
		if (failed.length > 0) {
			// JumpCloud names the failed rules only when asked with ?fullValidationDetails=password.
			const details = context.fullPasswordDetails ? failed.map((rule) => ({field: 'password', description: rule})) : [];
			throw new ApiError(400, 'Password validation fail', details);
		}
	}

	const taken = uniquenessViolations(fields, context.isTaken);
	if (taken.length > 0) {
		// "User already exists" as the spec's 400 says; the exact text is UNCONFIRMED.
		throw new ApiError(context.duplicateStatus ?? 400, `User already exists: ${taken.map((v) => v.description).join('; ')}`, taken);
	}

	const kept: Record<string, unknown> = {};
	for (const [field, value] of Object.entries(fields)) {
		// `activated` is JumpCloud's own record of a completed activation, not the caller's to set.
		if (field in fieldTypes && field !== 'password' && field !== 'activated' && value !== undefined && value !== null) {
			kept[field] = value;
		}
	}
	if (typeOk(fields.mfa, 'object')) kept.mfa = storedMfa(fields.mfa as Record<string, unknown>);
	return {...kept, state: state as UserState, passwordSet: typeof fields.password === 'string'} as NewUser;
}
