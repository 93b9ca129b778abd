import type {UserState} from '../jumpcloud/types.js';

/** What applies to every row unless a column of the row says otherwise. */
export type UserDefaults = {
	state: Exclude<UserState, 'SUSPENDED'>;
	/** Require MFA (`enable_user_portal_multifactor: true`) of every user whose row does not say otherwise. */
	requireMfa: boolean;
	/** Days a new user may sign in before enrolling in MFA (`mfa.exclusionDays`); 0: MFA at the first sign-in. */
	mfaExclusionDays: number;
	/** Groups every user joins, besides the row's own. */
	groups: string[];
	/** Devices every user is bound to, besides the row's own. */
	systems: string[];
};

/** As JumpCloud's seed script: staged users, 21 days to enrol in MFA. */
export const defaultUserDefaults: UserDefaults = {state: 'STAGED', requireMfa: false, mfaExclusionDays: 21, groups: [], systems: []};
