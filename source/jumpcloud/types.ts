/** Shapes of what the client sends and receives, after JumpCloud's v1/v2 specs (`../shared/jumpcloud`). */

export const userStates = ['STAGED', 'ACTIVATED', 'SUSPENDED'] as const;
export type UserState = (typeof userStates)[number];

export type Address = {
	type: 'home' | 'work';
	streetAddress?: string;
	extendedAddress?: string;
	poBox?: string;
	locality?: string;
	region?: string;
	postalCode?: string;
	country?: string;
};

export type PhoneNumber = {type: 'mobile' | 'home' | 'work' | 'work_mobile' | 'work_fax'; number: string};

export type CustomAttribute = {name: string; value: string};

/** MFA enrolment grace: `exclusionDays` for STAGED users, `exclusionUntil` for the others. */
export type Mfa = {exclusion?: boolean; exclusionDays?: number; exclusionUntil?: string; configured?: boolean};

/** The body of `POST /api/systemusers` (definition `systemuserputpost`), as this tool sends it. */
export type UserCreate = {
	username: string;
	email: string;
	/** Always explicit: the org's default differs between API paths. */
	state: UserState;
	password?: string;
	firstname?: string;
	lastname?: string;
	middlename?: string;
	displayname?: string;
	alternateEmail?: string;
	recoveryEmail?: {address: string};
	manager?: string;
	managedAppleId?: string;
	jobTitle?: string;
	employeeIdentifier?: string;
	department?: string;
	costCenter?: string;
	company?: string;
	employeeType?: string;
	description?: string;
	location?: string;
	addresses?: Address[];
	phoneNumbers?: PhoneNumber[];
	attributes?: CustomAttribute[];
	unix_uid?: number;
	unix_guid?: number;
	mfa?: Mfa;
	enable_user_portal_multifactor?: boolean;
	password_never_expires?: boolean;
	ldap_binding_user?: boolean;
	sudo?: boolean;
	passwordless_sudo?: boolean;
	account_locked?: boolean;
	allow_public_key?: boolean;
	enable_managed_uid?: boolean;
};

/** A user as JumpCloud returns it (definition `systemuserreturn`); the password never comes back. */
export type SystemUser = Omit<UserCreate, 'password'> & {
	_id: string;
	organization?: string;
	created?: string;
	activated?: boolean;
};

/** The few fields conflict checks and reconciliation need. */
export type UserSummary = {
	_id: string;
	username: string;
	email: string;
	employeeIdentifier?: string;
	alternateEmail?: string;
	state?: UserState;
};

export const lookupFields = ['username', 'email', 'employeeIdentifier', 'alternateEmail'] as const;
export type LookupField = (typeof lookupFields)[number];

/** Which email the activation sends: JumpCloud's default, none, or to a given address. */
export type ActivationEmail = {kind: 'default'} | {kind: 'none'} | {kind: 'address'; address: string};

export type PasswordPolicy = {
	minLength?: number;
	needsLowercase?: boolean;
	needsUppercase?: boolean;
	needsNumeric?: boolean;
	needsSymbolic?: boolean;
	allowUsernameSubstring?: boolean;
};

/** `GET /api/organizations/{id}`. A key without the right to read settings, or a trimmed answer, may leave them out. */
export type Organization = {
	_id: string;
	displayName?: string;
	settings?: {
		passwordCompliance?: 'custom' | 'pci3' | 'windows';
		passwordPolicy?: PasswordPolicy;
		newSystemUserStateDefaults?: {manualEntry?: UserState; csvImport?: UserState; applicationImport?: UserState};
	};
};

export type UserGroup = {id: string; name: string; type: 'user_group'; description?: string};

export type JcSystem = {_id: string; hostname?: string; displayName?: string; os?: string};

/** v1 list and search answers. */
export type V1List<T> = {results: T[]; totalCount: number};
