import type {Organization, PasswordPolicy} from './types.js';

/*
 * JumpCloud's password rules, shared by preflight (to warn before sending) and the sandbox (to
 * refuse as JumpCloud does).
 */

export type PasswordRule = 'minLength' | 'lowercase' | 'uppercase' | 'numeric' | 'specialCharacter';

/**
 * The rules the org itself sets (compliance `custom`), or undefined when they are not known: a
 * compliance preset (`pci3`, `windows`) or settings the answer left out. Then only JumpCloud judges.
 */
export function knownPolicy(org: Organization): PasswordPolicy | undefined {
	const settings = org.settings;
	return settings?.passwordCompliance === 'custom' && settings.passwordPolicy ? settings.passwordPolicy : undefined;
}

/** What the sandbox enforces: the org's own rules, else a fixed baseline standing in for the presets. */
export function effectivePolicy(org: Organization): PasswordPolicy {
	return knownPolicy(org) ?? {minLength: 8, needsLowercase: true, needsUppercase: true, needsNumeric: true};
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
