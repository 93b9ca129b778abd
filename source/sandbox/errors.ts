/**
 * JumpCloud's error answers. The specs define two bodies: `Error` = `{code, message, status}` and,
 * where an operation declares it (a user create or update's 400), `ErrorDetails` = Error plus
 * `details` (google.rpc objects) (B-V1/B-V2 components.schemas). Public code shows plainer bodies
 * too, so the shape is a knob (`errorStyle`); the graph's "Already Exists" always has its own.
 */

export type FieldViolation = {field: string; description: string};

export type ErrorDetail = {'@type': 'type.googleapis.com/google.rpc.BadRequest'; fieldViolationsList: FieldViolation[]};

/**
 * - `grpc`: the spec's `Error` (`ErrorDetails` where declared), with gRPC status words as in the
 *   spec's own example (`"status": "INVALID_ARGUMENT"`, B-V1 `fullValidationDetails`). The default.
 * - `message`: `{"message": "..."}`, as JumpCloud's own CLI's fixtures show (TheJumpCloud/jc-cli
 *   internal/api/errors_test.go: `{"message":"User not found"}`).
 * - `message-error`: `{"message": "...", "error": "..."}`. UNCONFIRMED: no JumpCloud source for it was
 *   found; `error` here is the HTTP reason phrase. It exists so the client is tested against it.
 */
export const errorStyles = ['grpc', 'message', 'message-error'] as const;
export type ErrorStyle = (typeof errorStyles)[number];

export type GrpcErrorBody = {code: number; message: string; status: string; details?: ErrorDetail[]};
export type ErrorBody = GrpcErrorBody | {message: string; error?: string};

const statusWords: Record<number, string> = {
	400: 'INVALID_ARGUMENT',
	401: 'UNAUTHENTICATED',
	403: 'PERMISSION_DENIED',
	404: 'NOT_FOUND',
	409: 'ALREADY_EXISTS',
	// No gRPC word fits "too large" well; the client must change the request, as for a 400.
	413: 'INVALID_ARGUMENT',
	429: 'RESOURCE_EXHAUSTED',
	500: 'INTERNAL',
	503: 'UNAVAILABLE',
};

export function statusWord(code: number): string {
	return statusWords[code] ?? (code >= 500 ? 'INTERNAL' : 'UNKNOWN');
}

const reasonPhrases: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	409: 'Conflict',
	413: 'Payload Too Large',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	503: 'Service Unavailable',
};

export type ErrorOptions = {
	/** The gRPC word when the code's usual one is wrong (a 409 that is not "already exists"). */
	status?: string;
	/** A body public code shows word for word; every style answers it as it is. */
	fixedBody?: {message: string};
};

/** Thrown by handlers and parsers; the server renders it in the configured style. */
export class ApiError extends Error {
	constructor(
		readonly code: number,
		message: string,
		readonly violations: readonly FieldViolation[] = [],
		readonly options: ErrorOptions = {},
	) {
		super(message);
		this.name = 'ApiError';
	}

	/**
	 * The body in `style`. `detailed`: the operation declares `ErrorDetails`, so field violations
	 * go in `details`; elsewhere the spec's `Error` has no such property and the message alone
	 * says what is wrong (invalid() lists every violation in it).
	 */
	render(style: ErrorStyle, detailed = false): ErrorBody {
		if (this.options.fixedBody) return {...this.options.fixedBody};
		if (style === 'message') return {message: this.message};
		if (style === 'message-error') return {message: this.message, error: reasonPhrases[this.code] ?? `HTTP ${this.code}`};
		const body: GrpcErrorBody = {code: this.code, message: this.message, status: this.options.status ?? statusWord(this.code)};
		if (detailed && this.violations.length > 0) {
			body.details = [{'@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolationsList: [...this.violations]}];
		}
		return body;
	}
}

/** A 400 whose message lists every violation, so a person reading only the message sees them all. */
export function invalid(violations: readonly FieldViolation[]): ApiError {
	return new ApiError(400, violations.map((v) => v.description).join('; '), violations);
}

export const badRequest = (message: string, field?: string) =>
	new ApiError(400, message, field === undefined ? [] : [{field, description: message}]);
export const notFound = (message = 'Not Found') => new ApiError(404, message);
/**
 * A graph edge (group member, system association) that is there already: `{"message":"Already
 * Exists"}` word for word (TheJumpCloud/support Update-JCUsersFromCSV tests, c8b9bf63) with 409
 * (TheJumpCloud/jc-cli internal/cmd/groups.go: "JumpCloud returns 409 Conflict when member
 * already exists").
 */
export const alreadyExists = () => new ApiError(409, 'Already Exists', [], {fixedBody: {message: 'Already Exists'}});
