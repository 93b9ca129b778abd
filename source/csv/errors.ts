import {ExpectedError} from '../lib/exit-codes.js';

/** Why a file cannot be read as CSV at all; each kind has one plain sentence for the user. */
export type CsvErrorKind = 'missing' | 'directory' | 'not-a-file' | 'unreadable' | 'binary' | 'empty' | 'no-header' | 'malformed';

export class CsvError extends ExpectedError {
	constructor(
		readonly kind: CsvErrorKind,
		readonly path: string,
		message: string,
	) {
		super(message);
		this.name = 'CsvError';
	}
}
