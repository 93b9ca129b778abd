/**
 * How a command ends: the exit codes every command uses (documented in --help), the errors meant
 * for users that carry one, and the code of a finished import or rollback. One place, so the
 * wizard and the headless commands cannot tell the same ending with two codes.
 */
export const exitCodes = {
	ok: 0,
	rowsFailed: 1,
	usage: 2,
	interrupted: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

export type ExpectedErrorOptions = {
	/** The process's exit code when this error ends a command; a usage error (2) unless said. */
	exitCode?: ExitCode;
	/** The next step, when the message alone does not say it: printed on a line of its own. */
	hint?: string;
	/** The error this one explains (a file system error, say), kept for whoever debugs. */
	cause?: unknown;
};

/**
 * A failure the user can act on (a bad flag, an unreadable file, a locked import, a rejected key),
 * as opposed to a bug. Its message is already a sentence for the user: the CLI prints it alone,
 * without a stack, and ends with its exit code. Every error meant for users extends it.
 */
export class ExpectedError extends Error {
	readonly exitCode: ExitCode;
	// Declared only: an error without a hint has no `hint` key at all.
	declare readonly hint?: string;

	constructor(message: string, options: ExpectedErrorOptions = {}) {
		super(message, options.cause === undefined ? undefined : {cause: options.cause});
		this.name = 'ExpectedError';
		this.exitCode = options.exitCode ?? exitCodes.usage;
		if (options.hint !== undefined) this.hint = options.hint;
	}
}

/** The command line or the settings ask for something that cannot be done (exit 2). */
export class UsageError extends ExpectedError {
	override name = 'UsageError';
}

/** The user (Ctrl+C, a refused confirmation) or a signal stopped the command (exit 130). */
export class InterruptedError extends ExpectedError {
	override name = 'InterruptedError';

	constructor(message = 'interrupted.', options: Omit<ExpectedErrorOptions, 'exitCode'> = {}) {
		super(message, {...options, exitCode: exitCodes.interrupted});
	}
}

/** A finished import run: stopped before the end (130), some rows failed or were invalid (1), else 0. */
export function importRunExitCode(run: {stopped: boolean; failed: number; invalid: number}): ExitCode {
	if (run.stopped) return exitCodes.interrupted;
	return run.failed + run.invalid > 0 ? exitCodes.rowsFailed : exitCodes.ok;
}

/**
 * A finished rollback: stopped (or cut short by a failure) with users still left to delete (130),
 * some deletes failed (1), else 0. Stopped with nothing left is a finished rollback.
 */
export function rollbackExitCode(rollback: {stopped: boolean; left: number; failed: number}): ExitCode {
	if (rollback.stopped && rollback.left > 0) return exitCodes.interrupted;
	return rollback.failed > 0 ? exitCodes.rowsFailed : exitCodes.ok;
}
