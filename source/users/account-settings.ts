import type {UserState} from '../jumpcloud/types.js';
import type {CompiledMapping} from './compiled-mapping.js';
import type {UserDefaults} from './defaults.js';
import type {RowDraft} from './row-draft.js';

/** The row's own "require MFA" column wins over the default, either way. */
export function requiresMfa(draft: RowDraft, defaults: UserDefaults): boolean {
	return draft.flags?.enable_user_portal_multifactor ?? defaults.requireMfa;
}

/** An exclusion window on a user who need not use MFA is dropped: the row is told. */
export function warnAboutUnsentExclusion(draft: RowDraft, compiled: CompiledMapping, defaults: UserDefaults): void {
	if (draft.exclusionDays && !requiresMfa(draft, defaults)) {
		draft.warn(compiled.headerOf.get('mfa_exclusion_days') ?? null, `MFA is not required for this user, so the MFA exclusion of ${draft.exclusionDays} days is not sent`);
	}
}

/** The state to create the user in: the row's own, or the default. */
export function stateOf(draft: RowDraft, defaults: UserDefaults): UserState {
	return draft.state ?? defaults.state;
}

/** Sets MFA on the payload. Plain assignments, not spreads: this runs for every row of a file. */
export function applyMfa(payload: Record<string, unknown>, draft: RowDraft, defaults: UserDefaults): void {
	if (!requiresMfa(draft, defaults)) return;
	const graceDays = draft.exclusionDays ?? defaults.mfaExclusionDays;
	// "Require MFA" is this flag; the exclusion alone only delays an MFA nobody asked for.
	payload.enable_user_portal_multifactor = true;
	// As days, the form a STAGED create takes (preflight makes it a date for a SUSPENDED one);
	// none for 0: MFA at the first sign-in.
	if (graceDays > 0) payload.mfa = {exclusion: true, exclusionDays: graceDays};
}
