import type {UserCreate} from '../jumpcloud/types.js';
import type {DerivedTarget} from '../mapping/derive.js';
import type {DateOrder} from './date-order.js';
import type {UserDefaults} from './defaults.js';
import type {RowIssue} from './row-issue.js';
import type {UniqueInFile} from './unique-in-file.js';

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
