import type {UserDefaults} from '../users/defaults.js';

/** Which email JumpCloud sends when a user is activated: none, its own choice, or to one address. */
export type EmailChoice = {kind: 'none'} | {kind: 'default'} | {kind: 'address'; address: string};

/** What an import does beyond the rows themselves. Saved in the manifest, so a resume does the same. */
export type ImportOptions = {
	/** The state users end in (a row's own state column wins). */
	state: 'STAGED' | 'ACTIVATED';
	/** Only for users who end ACTIVATED: emails are sent on activation. */
	email: EmailChoice;
	/** Sends `enable_user_portal_multifactor: true` (a row's own column wins), with the window below. */
	requireMfa: boolean;
	/** The MFA enrollment window, 1–365 days (from activation for a staged user); 0: MFA at the first sign-in. */
	mfaExclusionDays: number;
	/** Group names and devices (id, hostname or display name) for every row, besides its own. */
	groups: string[];
	devices: string[];
	/** A row whose username or email already exists: reported and left alone, or an error. */
	existing: 'skip' | 'fail';
	/** The most requests in flight at once; the pacer decides how many are really sent. */
	concurrency: number;
};

export const defaultImportOptions: ImportOptions = {
	state: 'STAGED',
	email: {kind: 'none'},
	requireMfa: false,
	mfaExclusionDays: 21,
	groups: [],
	devices: [],
	existing: 'skip',
	concurrency: 16,
};

/** The row-building defaults these options imply. */
export function userDefaults(options: ImportOptions): UserDefaults {
	return {
		state: options.state,
		requireMfa: options.requireMfa,
		mfaExclusionDays: options.mfaExclusionDays,
		groups: options.groups,
		systems: options.devices,
	};
}

/** Options that contradict each other, in words; undefined when they are fine. */
export function optionsProblem(options: ImportOptions): string | undefined {
	if (options.state === 'STAGED' && options.email.kind !== 'none') {
		return 'JumpCloud sends its emails when a user is activated: with --state STAGED use --email none, or choose --state ACTIVATED.';
	}
	if (!Number.isInteger(options.mfaExclusionDays) || options.mfaExclusionDays < 0 || options.mfaExclusionDays > 365) {
		return '--mfa-exclusion-days must be a whole number from 0 to 365.';
	}
	if (!Number.isInteger(options.concurrency) || options.concurrency < 1 || options.concurrency > 64) {
		return '--concurrency must be a whole number from 1 to 64.';
	}
	return undefined;
}
