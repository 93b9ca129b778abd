/** The process exit codes every command uses (documented in --help). */
export const exitCodes = {
	ok: 0,
	rowsFailed: 1,
	usage: 2,
	interrupted: 130,
} as const;

/** An error whose message is already a sentence for the user; the CLI prints it alone, without a stack. */
export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}
