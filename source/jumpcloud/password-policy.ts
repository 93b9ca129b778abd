import type {Organization, PasswordPolicy} from './types.js';

/*
 * JumpCloud's password rules, shared by preflight (to warn before sending) and the sandbox (to
 * refuse as JumpCloud does).
 */

export type PasswordRule = 'minLength' | 'lowercase' | 'uppercase' | 'numeric' | 'specialCharacter';

/** The policy JumpCloud applies: the org's own when compliance is `custom`, else a fixed baseline. */
export function effectivePolicy(org: Organization): PasswordPolicy {
	if (org.settings.passwordCompliance === 'custom' && org.settings.passwordPolicy) return org.settings.passwordPolicy;
	return {minLength: 8, needsLowercase: true, needsUppercase: true, needsNumeric: true};
}

/** The rules a password breaks, named as JumpCloud names them in `fullValidationDetails=password`. */
export function passwordFailures(password: string, policy: PasswordPolicy): PasswordRule[] {
	const failed: PasswordRule[] = [];
	if ([...password].length < (policy.minLength ?? 0)) failed.push('minLength');
	if (policy.needsLowercase && !/\p{Ll}/u.test(password)) failed.push('lowercase');
	if (policy.needsUppercase && !/\p{Lu}/u.test(password)) failed.push('uppercase');
	if (policy.needsNumeric && !/\p{Nd}/u.test(password)) failed.push('numeric');
	if (policy.needsSymbolic && !/[^\p{L}\p{N}]/u.test(password)) failed.push('specialCharacter');
	return failed;
}
