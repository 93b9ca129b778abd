import {ExpectedError} from '../lib/exit-codes.js';
import {redact} from '../lib/redact.js';
import {sanitize} from '../lib/sanitize.js';

/** What went wrong, in terms a caller can act on. */
export type JumpCloudErrorKind =
	| 'unauthorized'
	| 'forbidden'
	| 'not-found'
	| 'validation'
	| 'already-exists'
	| 'conflict'
	| 'rate-limited'
	| 'server'
	| 'network'
	| 'timeout'
	/** The server is not behaving as JumpCloud's API (a redirect, a page, an answer of the wrong shape or size): never retried. */
	| 'not-api';

/** One field-level problem the server reported (google.rpc.BadRequest fieldViolations). */
export type FieldViolation = {field: string; description: string};

export type JumpCloudErrorInit = {
	kind: JumpCloudErrorKind;
	message: string;
	method: string;
	path: string;
	status?: number;
	serverMessage?: string;
	fieldViolations?: FieldViolation[];
	retryAfterMs?: number;
	attempts?: number;
	secrets?: readonly (string | undefined)[];
	cause?: unknown;
};

/**
 * Every failure of the client is one of these: classified, with the API key redacted everywhere.
 * An expected error (exit 2): its message already tells a person what happened and what to check
 * (a rejected key, an unreachable host), so a command it ends prints that one line.
 */
export class JumpCloudError extends ExpectedError {
	readonly kind: JumpCloudErrorKind;
	readonly method: string;
	readonly path: string;
	readonly status: number | undefined;
	readonly serverMessage: string | undefined;
	readonly fieldViolations: FieldViolation[];
	readonly retryAfterMs: number | undefined;
	readonly attempts: number;
	/** The underlying cause (an undici error, say) as redacted text: its own fields are not ours to scrub. */
	readonly causeText: string | undefined;

	constructor(init: JumpCloudErrorInit) {
		const secrets = init.secrets ?? [];
		// The cause is kept only as redacted text (causeText), never as `cause`: its fields are not ours to scrub.
		super(redact(init.message, secrets));
		this.name = 'JumpCloudError';
		this.kind = init.kind;
		this.method = init.method;
		this.path = redact(init.path, secrets);
		this.status = init.status;
		this.serverMessage = init.serverMessage === undefined ? undefined : redact(init.serverMessage, secrets);
		this.fieldViolations = (init.fieldViolations ?? []).map((v) => ({
			field: redact(v.field, secrets),
			description: redact(v.description, secrets),
		}));
		this.retryAfterMs = init.retryAfterMs;
		this.attempts = init.attempts ?? 1;
		this.causeText = init.cause === undefined ? undefined : redact(causeMessage(init.cause), secrets);
		if (this.stack) this.stack = redact(this.stack, secrets);
	}

	/** True when the request may be sent again as-is: the server refused it or could not be reached. */
	get transient(): boolean {
		return this.kind === 'rate-limited' || this.kind === 'server' || this.kind === 'network' || this.kind === 'timeout';
	}

	/** A 2xx whose body could not be read (a page, broken JSON, too long): the request may have taken effect. */
	get unreadableSuccess(): boolean {
		return this.kind === 'not-api' && this.status !== undefined && this.status >= 200 && this.status < 300;
	}

	toJSON() {
		return {
			kind: this.kind,
			message: this.message,
			method: this.method,
			path: this.path,
			status: this.status,
			fieldViolations: this.fieldViolations,
		};
	}
}

/** What to tell a person for each status, before the server's own words are added. */
export function describeStatus(kind: JumpCloudErrorKind, status: number | undefined): string {
	switch (kind) {
		case 'unauthorized':
			return 'JumpCloud rejected the API key (401). Check JC_API_KEY: keys are per admin, and resetting a key invalidates the old one. A multi-tenant admin also needs JC_ORG_ID.';
		case 'forbidden':
			return 'JumpCloud refused this request (403). The admin may lack the permission, the org id may not belong to this key, or the IP may be blocked.';
		case 'not-found':
			return 'Not found (404).';
		case 'validation':
			return 'JumpCloud rejected the data (400).';
		case 'already-exists':
			return 'Already exists.';
		case 'conflict':
			return 'Conflict (409).';
		case 'rate-limited':
			return 'JumpCloud is rate limiting requests (429).';
		case 'server':
			return `JumpCloud had a server error (${status ?? '5xx'}); it is usually temporary.`;
		case 'network':
			return 'Could not reach JumpCloud: the connection failed or was dropped. Check the network and the API URL.';
		case 'timeout':
			return 'JumpCloud did not answer in time.';
		case 'not-api':
			return "Not JumpCloud's API.";
	}
}

/**
 * Text a server chose, made fit for one line of an error: escape sequences and controls gone,
 * whitespace folded, and cut at `max` characters (a proxy's page or a hostile server can send a lot).
 */
export function serverText(text: string, max = 300): string {
	const line = sanitize(text).replace(/\s+/g, ' ').trim();
	if (line.length <= max) return line;
	// Never end on half a surrogate pair.
	return `${line.slice(0, max - 1).replace(/[\ud800-\udbff]$/, '')}…`;
}

function causeMessage(cause: unknown): string {
	if (cause instanceof Error) {
		const code = (cause as {code?: string}).code ?? ((cause.cause as {code?: string} | undefined)?.code);
		return code ? `${cause.message} (${code})` : cause.message;
	}
	return String(cause);
}
