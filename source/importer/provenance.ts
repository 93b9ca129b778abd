import {createHash} from 'node:crypto';
import type {OffsetBounds} from '../jumpcloud/server-clock.js';
import type {SystemUser, UserCreate} from '../jumpcloud/types.js';

/*
 * Provenance: whether a user found in JumpCloud provably came from this import's own create.
 *
 * JumpCloud's create is not idempotent and carries no request id, so after a lost answer only the
 * user itself can tell. It is this import's when (1) JumpCloud stamped its `created` inside the
 * time one of this row's creates with an unknown outcome was in flight, (2) its details are the
 * ones that create sent, and (3) no other import in this home claims it. Anything else is a user
 * that exists, not one this import made.
 */

/** Details compared, in a fixed order (the fingerprint's mask indexes it). Never the password. Exported for the contract test. */
export const compared = [
	'username',
	'email',
	'state',
	'firstname',
	'lastname',
	'middlename',
	'displayname',
	'alternateEmail',
	'manager',
	'managedAppleId',
	'jobTitle',
	'employeeIdentifier',
	'department',
	'costCenter',
	'company',
	'employeeType',
	'description',
	'location',
	'unix_uid',
	'unix_guid',
	'enable_user_portal_multifactor',
	'password_never_expires',
	'ldap_binding_user',
	'sudo',
	'passwordless_sudo',
	'account_locked',
	'allow_public_key',
	'enable_managed_uid',
] as const;

/** Compared without case: JumpCloud treats them so for uniqueness, and may store them lowercased. */
const caseless = new Set<string>(['username', 'email', 'alternateEmail', 'managedAppleId']);

/**
 * `mask:hash`: which compared details the create sent, and a hash of their values. Kept on the
 * create intent, so a user can be recognised later without reading the file again. The hash is of
 * details JumpCloud shows anyway, never of the password.
 */
export function fingerprint(details: Partial<UserCreate> | SystemUser, mask?: number): string {
	const fields = mask === undefined ? compared.filter((field) => details[field] !== undefined) : compared.filter((_, index) => (mask & (1 << index)) !== 0);
	const bits = mask ?? fields.reduce((sum, field) => sum | (1 << compared.indexOf(field)), 0);
	const canonical = fields.map((field) => `${field}=${normalise(field, details[field])}`).join('\u0000');
	return `${bits.toString(36)}:${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`;
}

/** Whether a user found in JumpCloud has exactly the details a create with this fingerprint sent. */
export function sameDetails(user: SystemUser, expected: string): boolean {
	const mask = Number.parseInt(expected.split(':')[0] ?? '', 36);
	return Number.isSafeInteger(mask) && fingerprint(user, mask) === expected;
}

function normalise(field: string, value: unknown): string {
	if (value === undefined || value === null) return '\u2205';
	if (typeof value !== 'string') return JSON.stringify(value);
	const text = value.normalize('NFC');
	return caseless.has(field) ? text.toLowerCase() : text;
}

/** One create sent for a row whose outcome is not known: its answer was lost, or the process died. */
export type CreateAttempt = {
	/** Local ms when the intent was written, just before sending. */
	sentAt: number;
	/** Server clock offset bounds at that moment. */
	clock: OffsetBounds;
	/**
	 * `in-flight`: sent, no outcome yet. `lost`: the answer was lost at `lostAt`. `interrupted`: the
	 * process died (or stopped hard) with it in flight, so nobody saw its end.
	 */
	state: 'in-flight' | 'lost' | 'interrupted';
	lostAt?: number;
	/** The server itself answered 500 or 503: it was done with the request by then. */
	answered?: boolean;
};

/**
 * How long after a lost answer (a timeout, a dropped connection, a gateway's 502/504) JumpCloud
 * may still carry the create out. An assumption: the request timeout again. Beyond it, a user
 * appearing is not taken as this import's.
 */
export const lateCommitMs = 30_000;
/**
 * The clock that stamps `created` and the one that writes `Date` may be different machines at
 * JumpCloud; an assumption: they agree within this much.
 */
const stampSlackMs = 250;

export type TimeWindow = {from: number; to: number};

/** The server-time span in which the attempt could have created the user. */
export function attemptWindow(attempt: CreateAttempt): TimeWindow {
	// Nobody saw an interrupted create end: it may have run its whole timeout, then committed late.
	const end = attempt.lostAt === undefined ? attempt.sentAt + 2 * lateCommitMs : attempt.answered ? attempt.lostAt : attempt.lostAt + lateCommitMs;
	return {from: attempt.sentAt + attempt.clock.low - stampSlackMs, to: end + attempt.clock.high + stampSlackMs};
}

/** Another import in this home that holds the user as its own; `direct`: JumpCloud answered its create with the id. */
export type Claim = {importId: string; direct: boolean};

export type Verdict = {ours: true; evidence: string} | {ours: false; reason: string};

/**
 * Whether `user`, found by the row's username or email after creates whose outcome is unknown, is
 * the one those creates made. Every reason it is not is said in words, for the journal and reports.
 */
export function judgeFound(user: SystemUser, expected: {fingerprint: string | undefined; attempts: readonly CreateAttempt[]; claim: Claim | undefined}): Verdict {
	const created = createdTime(user.created);
	if (created === undefined) return {ours: false, reason: 'JumpCloud did not say when it was created'};
	const window = expected.attempts.map(attemptWindow).find((span) => created.from <= span.to && created.to >= span.from);
	if (!window) return {ours: false, reason: `it was created ${user.created}, not while this import's create was in flight`};
	if (!expected.fingerprint) return {ours: false, reason: "this row's details were not recorded, so they cannot be compared"};
	if (!sameDetails(user, expected.fingerprint)) return {ours: false, reason: "its details differ from this row's"};
	if (expected.claim) return {ours: false, reason: `import ${expected.claim.importId} holds it as its own`};
	const width = Math.round(window.to - window.from);
	return {ours: true, evidence: `created ${user.created}, inside the ${width} ms (server clock) in which a create of this row with a lost answer could have been carried out; same details; no other import holds it`};
}

/** `created` as a span: a stamp without fractions of a second may be up to 999 ms later. */
export function createdTime(created: string | undefined): TimeWindow | undefined {
	if (!created) return undefined;
	const at = Date.parse(created);
	if (Number.isNaN(at)) return undefined;
	return {from: at, to: /\.\d/.test(created) ? at : at + 999};
}
