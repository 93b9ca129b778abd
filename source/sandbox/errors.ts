/** JumpCloud's error answers: `{code, message, status, details}`, with gRPC-style status words. */

export type FieldViolation = {field: string; description: string};

export type ErrorDetail = {'@type': 'type.googleapis.com/google.rpc.BadRequest'; fieldViolationsList: FieldViolation[]};

export type ErrorBody = {code: number; message: string; status: string; details: ErrorDetail[]};

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

export function errorBody(code: number, message: string, violations: readonly FieldViolation[] = []): ErrorBody {
	return {
		code,
		message,
		status: statusWord(code),
		details: violations.length === 0 ? [] : [{'@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolationsList: [...violations]}],
	};
}

/** Thrown by handlers and parsers; the server turns it into the error body above. */
export class ApiError extends Error {
	constructor(
		readonly code: number,
		message: string,
		readonly violations: readonly FieldViolation[] = [],
	) {
		super(message);
		this.name = 'ApiError';
	}

	get body(): ErrorBody {
		return errorBody(this.code, this.message, this.violations);
	}
}

/** A 400 whose message lists every violation, so a person reading only the message sees them all. */
export function invalid(violations: readonly FieldViolation[]): ApiError {
	return new ApiError(400, violations.map((v) => v.description).join('; '), violations);
}

export const badRequest = (message: string, field?: string) =>
	new ApiError(400, message, field === undefined ? [] : [{field, description: message}]);
export const notFound = (message = 'Not Found') => new ApiError(404, message);
export const alreadyExists = () => new ApiError(409, 'Already Exists');
