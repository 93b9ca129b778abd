import {errorStyles, type ErrorStyle} from './errors.js';

/** The sandbox's misbehaviour on demand: latency, a rate limiter and injected faults, all repeatable from a seed. */

/**
 * Shares (0..1) of requests that meet each fault. `createdElsewhere` applies to user creates only:
 * someone else (another admin, an HR sync) creates a user with the same username and email but
 * their own details, then the create is answered 503, as if it were lost.
 */
export type Faults = {error500?: number; error503?: number; drop?: number; dropAfterCommit?: number; createdElsewhere?: number; create503?: number};

export type Knobs = {
	latencyMs?: number;
	jitterMs?: number;
	/** Requests per second before 429; 0 turns the limiter off. */
	rateLimit?: number;
	faults?: Faults;
	/** How far the sandbox's clock (its `Date` header and users' `created`) is ahead of this machine's; negative is behind. */
	clockOffsetMs?: number;
	/** The shape of error bodies (see errors.ts); `grpc`, the spec's, by default. */
	errorStyle?: ErrorStyle;
	/**
	 * The status of a create whose username, email, employeeIdentifier or alternateEmail is taken:
	 * 400 as the spec says ("User already exists or Bad Request", B-V1 systemusers_post), the
	 * default; or 409, as JumpCloud's own CLI's test fixtures have it (TheJumpCloud/jc-cli
	 * internal/api/v1_test.go, a mock, not a recording).
	 */
	duplicateUserStatus?: 400 | 409;
};

export {errorStyles, type ErrorStyle};

/** Parses an error style name; throws an Error that lists the styles. */
export function parseErrorStyle(text: string): ErrorStyle {
	if ((errorStyles as readonly string[]).includes(text)) return text as ErrorStyle;
	throw new Error(`Unknown error style '${text}' (styles: ${errorStyles.join(', ')}).`);
}

/** mulberry32: tiny, fast and good enough to make fault draws repeatable for a given seed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/**
 * A token bucket holding up to `rate` tokens and refilling continuously at `rate` per second,
 * so a burst of `rate` passes and the steady state is `rate` per second.
 */
export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		readonly rate: number,
		private readonly now: () => number = () => performance.now(),
	) {
		this.tokens = rate;
		this.last = now();
	}

	/** Takes a token, or says in how many whole seconds (at least 1) one will be there. */
	take(): {ok: true} | {ok: false; retryAfterSeconds: number} {
		const now = this.now();
		this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
		this.last = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return {ok: true};
		}
		return {ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / this.rate))};
	}
}

export type PreFault = 'drop' | 'error500' | 'error503';

/**
 * One draw decides the fault met before processing. The shares partition [0, 1), so
 * `{error500: 0.1, error503: 0.1}` fails exactly a fifth of requests, never both ways at once.
 */
export function pickPreFault(faults: Faults, draw: number): PreFault | undefined {
	let edge = 0;
	for (const kind of ['drop', 'error500', 'error503'] as const) {
		edge += faults[kind] ?? 0;
		if (draw < edge) return kind;
	}
	return undefined;
}

const faultNames: Record<string, keyof Faults> = {
	drop: 'drop',
	error500: 'error500',
	error503: 'error503',
	'drop-after-commit': 'dropAfterCommit',
	dropAfterCommit: 'dropAfterCommit',
	'created-elsewhere': 'createdElsewhere',
	createdElsewhere: 'createdElsewhere',
	'create-503': 'create503',
	create503: 'create503',
};

/** Parses `"drop-after-commit=0.05,error503=0.05,error500=0.02,drop=0.01"`; throws an Error that says what is wrong. */
export function parseFaults(spec: string): Faults {
	const faults: Faults = {};
	const known = 'drop, error500, error503, drop-after-commit, created-elsewhere, create-503';
	for (const part of spec.split(',')) {
		const item = part.trim();
		if (item === '') continue;
		const match = /^([A-Za-z0-9-]+)\s*=\s*(\S+)$/.exec(item);
		if (!match) throw new Error(`Bad fault '${item}': write name=share, e.g. error503=0.05 (faults: ${known}).`);
		const [, name = '', text = ''] = match;
		const key = faultNames[name];
		if (!key) throw new Error(`Unknown fault '${name}' (faults: ${known}).`);
		const share = Number(text);
		if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text) || share > 1) {
			throw new Error(`Fault '${name}' needs a share from 0 to 1, not '${text}'.`);
		}
		if (faults[key] !== undefined) throw new Error(`Fault '${name}' is given twice.`);
		faults[key] = share;
	}
	const before = (faults.drop ?? 0) + (faults.error500 ?? 0) + (faults.error503 ?? 0);
	if (before > 1 + 1e-9) {
		throw new Error(`The shares of drop, error500 and error503 add up to ${before}; together they can be at most 1.`);
	}
	return faults;
}

/** Refuses negative or non-finite settings rather than behaving strangely later. */
export function checkKnobs(knobs: Knobs): void {
	for (const name of ['latencyMs', 'jitterMs', 'rateLimit'] as const) {
		const value = knobs[name];
		if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
			throw new RangeError(`${name} must be a number >= 0, not ${value}.`);
		}
	}
	if (knobs.clockOffsetMs !== undefined && !Number.isFinite(knobs.clockOffsetMs)) throw new RangeError(`clockOffsetMs must be a number, not ${knobs.clockOffsetMs}.`);
	if (knobs.errorStyle !== undefined && !errorStyles.includes(knobs.errorStyle)) {
		throw new RangeError(`errorStyle must be one of ${errorStyles.join(', ')}, not ${String(knobs.errorStyle)}.`);
	}
	if (knobs.duplicateUserStatus !== undefined && knobs.duplicateUserStatus !== 400 && knobs.duplicateUserStatus !== 409) {
		throw new RangeError(`duplicateUserStatus must be 400 or 409, not ${String(knobs.duplicateUserStatus)}.`);
	}
	for (const [name, share] of Object.entries(knobs.faults ?? {})) {
		if (share !== undefined && !(Number.isFinite(share) && share >= 0 && share <= 1)) {
			throw new RangeError(`Fault ${name} must be a share from 0 to 1, not ${share}.`);
		}
	}
}
