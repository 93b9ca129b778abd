import type {Address, PhoneNumber, UserState} from '../jumpcloud/types.js';
import type {DerivedTarget} from '../mapping/derive.js';
import type {SourceRow} from './built-row.js';
import type {RowIssue} from './row-issue.js';

/** Both halves of a PowerShell `AttributeN_name`/`AttributeN_value` pair, as the row fills them. */
export type AttributePair = {name?: string; value?: string; nameHeader?: string; valueHeader?: string};

/**
 * The row being built, with the issues found so far. A builder keeps one draft and resets it for
 * each row, so building a row allocates only what the row keeps: the builder is synchronous and
 * never re-entered. Every field is set in `start`, so the draft keeps one shape.
 */
export class RowDraft {
	row!: SourceRow;
	issues!: RowIssue[];
	/** Plain string attributes, in the payload's own keys: it becomes the payload. */
	fields!: Record<string, string>;
	manager: string | undefined;
	managerColumn: string | undefined;
	recoveryEmail: string | undefined;
	flags: Record<string, boolean> | undefined;
	// Made on first use: most rows have no address of one kind, and this runs for every row.
	work: Address | undefined;
	home: Address | undefined;
	phoneNumbers: PhoneNumber[] | undefined;
	attributes: Array<{name: string; value: string}> | undefined;
	pairs: Map<number, AttributePair> | undefined;
	groups: string[] | undefined;
	systems: string[] | undefined;
	systemAdmin: boolean | undefined;
	state: UserState | undefined;
	exclusionDays: number | undefined;
	unixIds: Record<string, number> | undefined;
	/** Values filled in by a derivation; the username's, when derived, is first. */
	derived!: DerivedTarget[];
	/** The username came from the email: its problems are the email column's. */
	usernameDerived!: boolean;

	constructor() {
		this.start({row: 0, line: 0, cells: []});
	}

	start(next: SourceRow): void {
		this.row = next;
		this.issues = [];
		this.fields = {};
		this.manager = this.managerColumn = this.recoveryEmail = undefined;
		this.flags = this.work = this.home = this.phoneNumbers = this.attributes = this.pairs = this.groups = this.systems = this.unixIds = undefined;
		this.systemAdmin = this.state = this.exclusionDays = undefined;
		this.derived = [];
		this.usernameDerived = false;
	}

	error(column: string | null, message: string): void {
		this.issues.push({row: this.row.row, line: this.row.line, column, severity: 'error', message});
	}

	warn(column: string | null, message: string): void {
		this.issues.push({row: this.row.row, line: this.row.line, column, severity: 'warning', message});
	}

	/** Whether the row already has an error in this column (`undefined` matches none). */
	hasErrorIn(column: string | null | undefined): boolean {
		for (const found of this.issues) if (found.severity === 'error' && found.column === column) return true;
		return false;
	}

	hasError(): boolean {
		for (const found of this.issues) if (found.severity === 'error') return true;
		return false;
	}
}
