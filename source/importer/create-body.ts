import type {ActivationEmail, Mfa, UserCreate, UserState} from '../jumpcloud/types.js';
import type {ImportOptions} from './options.js';
import type {RowPlan} from './row-plan.js';

const dayMs = 86_400_000;

/**
 * The create body and the activation after it. A user is always created STAGED (or SUSPENDED) and
 * activated with an explicit email flag when it should end ACTIVATED, so which email goes out is
 * decided here, not by the org's defaults.
 */
export function createAndActivate(payload: UserCreate, options: ImportOptions, now: Date): Pick<RowPlan, 'body' | 'finalState' | 'activation' | 'emailSent'> {
	const finalState = payload.state === 'SUSPENDED' ? 'SUSPENDED' : payload.state === 'ACTIVATED' ? 'ACTIVATED' : 'STAGED';
	const createdAs = finalState === 'SUSPENDED' ? 'SUSPENDED' : 'STAGED';
	const body: UserCreate = {...payload, state: createdAs};
	if (body.mfa) body.mfa = exclusionFor(createdAs, body.mfa, now);
	if (finalState !== 'ACTIVATED') return {body, finalState};
	const activation: ActivationEmail = options.email;
	if (activation.kind === 'none') return {body, finalState, activation};
	const kind = payload.password ? 'welcome' : 'activation';
	const to = activation.kind === 'address' ? activation.address : kind === 'activation' && payload.alternateEmail ? payload.alternateEmail : payload.email;
	const toAlternate = activation.kind !== 'address' && kind === 'activation' && payload.alternateEmail !== undefined && to === payload.alternateEmail;
	return {body, finalState, activation, emailSent: {kind, to, ...(toAlternate ? {toAlternate: true as const} : {})}};
}

/**
 * The MFA exclusion (built as days) in the form JumpCloud takes for the state a user is created
 * in, as its PowerShell module sends it (New-JCUser.ps1, PR #578): days for a STAGED user
 * (JumpCloud refuses a date for them; the days are taken to start at activation); a date for a
 * SUSPENDED one, now + the days, so its window runs while it is suspended.
 */
function exclusionFor(createdAs: UserState, mfa: Mfa, now: Date): Mfa {
	if (createdAs === 'STAGED' || mfa.exclusionDays === undefined) return mfa;
	return {exclusion: true, exclusionUntil: new Date(now.getTime() + mfa.exclusionDays * dayMs).toISOString()};
}
