import type {ActivationEmail, UserCreate} from '../jumpcloud/types.js';
import type {RowIssue} from '../users/row-issue.js';
import type {ManagerChange, ManagerSource} from './manager-resolution.js';

/*
 * What the preflight makes of each row, and of the file (row-planner.ts makes it; preflight.ts
 * plans a whole file at once, streamed-start.ts one row at a time).
 */

/** The email JumpCloud will send a user on activation, and where. */
/** `toAlternate`: `to` is the user's alternate email (said as such in the plan's totals). */
export type EmailPlan = {kind: 'welcome' | 'activation'; to: string; toAlternate?: true};

/** One row as it will be run: what is sent, to which groups and devices, and which email follows. */
export type RowPlan = {
	row: number;
	line: number;
	username: string | undefined;
	email: string | undefined;
	action: 'create' | 'skip' | 'invalid';
	/** The create body: always a STAGED (or SUSPENDED) user; activation, when wanted, is its own step. */
	body?: UserCreate;
	finalState?: 'STAGED' | 'ACTIVATED' | 'SUSPENDED';
	activation?: ActivationEmail;
	emailSent?: EmailPlan;
	groups: Array<{id: string; name: string}>;
	systems: Array<{id: string; name: string; admin: boolean}>;
	/**
	 * An existing user's id, or a row of the file (before or after this one) whose user must exist
	 * first; `pending` until the plan is whole (a streamed plan's later rows may name it). None: the
	 * row has no manager, or one that could not be told (its issues warn: created without manager).
	 */
	manager?: ManagerSource;
	/** The user that already has the row's username or email (the row is skipped, or an error with --existing fail). */
	existingUserId?: string;
	issues: RowIssue[];
};

export type PlanSummary = {
	rows: number;
	creates: number;
	skips: number;
	invalid: number;
	memberships: number;
	bindings: number;
	emails: Array<{kind: EmailPlan['kind']; to: 'primary email' | 'alternate email' | string; users: number}>;
};

/** A planned row with its manager decided at the end of the plan. */
export function withManager(plan: RowPlan, change: ManagerChange): RowPlan {
	const {manager: _, ...rest} = plan;
	return {...rest, ...(change.manager ? {manager: change.manager} : {}), issues: change.issue ? [...plan.issues, change.issue] : plan.issues};
}
