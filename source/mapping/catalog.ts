/**
 * The attribute catalog: every key a CSV column can map to, as `../shared/jumpcloud/ATTRIBUTES.md`
 * defines them. Presets, `inspect --json` and the mapping screen all speak these keys.
 */

/** How a cell's text becomes a payload value, and how it is checked. */
export type ValueKind = 'text' | 'email' | 'phone' | 'integer' | 'boolean' | 'state' | 'days' | 'password' | 'relation';

export type CatalogEntry = {
	key: string;
	/** What the mapping screen shows. */
	label: string;
	section: 'attribute' | 'option' | 'relation';
	kind: ValueKind;
	/** JumpCloud's upper bound, where it states one. */
	maxLength?: number;
	required?: boolean;
	/** Several columns may map here (Group1, Group2 …). */
	multiple?: boolean;
};

const text = (key: string, label: string, maxLength = 1024): CatalogEntry => ({key, label, section: 'attribute', kind: 'text', maxLength});
const option = (key: string, label: string, kind: ValueKind = 'boolean'): CatalogEntry => ({key, label, section: 'option', kind});

const addressParts = [
	['streetAddress', 'street'],
	['poBox', 'PO box'],
	['city', 'city'],
	['state', 'state/region'],
	['postalCode', 'postal code'],
	['country', 'country'],
] as const;

const phones = [
	['mobile_number', 'mobile phone'],
	['home_number', 'home phone'],
	['work_number', 'work phone'],
	['work_mobile_number', 'work mobile phone'],
	['work_fax_number', 'work fax'],
] as const;

/** The 38 user attributes, in the PowerShell template's order, then the options, then the relations. */
export const catalog: readonly CatalogEntry[] = [
	{key: 'username', label: 'username', section: 'attribute', kind: 'text', required: true, maxLength: 1024},
	{key: 'email', label: 'email', section: 'attribute', kind: 'email', required: true, maxLength: 1024},
	text('firstname', 'first name'),
	text('lastname', 'last name'),
	{key: 'password', label: 'password', section: 'attribute', kind: 'password'},
	text('middlename', 'middle name'),
	text('displayname', 'display name'),
	{key: 'alternateEmail', label: 'alternate email', section: 'attribute', kind: 'email', maxLength: 1024},
	{key: 'recoveryEmail', label: 'recovery email', section: 'attribute', kind: 'email', maxLength: 1024},
	{key: 'manager', label: 'manager (login, email, staff ID or name)', section: 'attribute', kind: 'text'},
	text('managedAppleId', 'managed Apple ID'),
	text('jobTitle', 'job title'),
	text('employeeIdentifier', 'employee ID', 256),
	text('department', 'department'),
	text('costCenter', 'cost center'),
	text('company', 'company'),
	text('employeeType', 'employee type'),
	text('description', 'description'),
	text('location', 'location'),
	...(['home', 'work'] as const).flatMap((where) => addressParts.map(([part, label]) => text(`${where}_${part}`, `${where} ${label}`))),
	...phones.map(([key, label]): CatalogEntry => ({key, label, section: 'attribute', kind: 'phone', maxLength: 1024})),
	{key: 'unix_uid', label: 'UNIX UID', section: 'attribute', kind: 'integer'},
	{key: 'unix_guid', label: 'UNIX GID', section: 'attribute', kind: 'integer'},

	option('state', 'state (STAGED/ACTIVATED/SUSPENDED)', 'state'),
	option('enable_user_portal_multifactor', 'require MFA'),
	option('mfa_exclusion_days', 'MFA exclusion days', 'days'),
	option('password_never_expires', 'password never expires'),
	option('ldap_binding_user', 'LDAP binding user'),
	option('sudo', 'global sudo'),
	option('passwordless_sudo', 'passwordless sudo'),
	option('account_locked', 'account locked'),
	option('allow_public_key', 'allow public key'),
	option('enable_managed_uid', 'managed UID'),

	{key: 'group', label: 'user group', section: 'relation', kind: 'relation', multiple: true},
	{key: 'system', label: 'device (id, hostname or name)', section: 'relation', kind: 'relation'},
	{key: 'system_admin', label: 'admin on that device', section: 'relation', kind: 'boolean'},
];

const byKey = new Map(catalog.map((entry) => [entry.key, entry]));

export function catalogEntry(key: string): CatalogEntry | undefined {
	return byKey.get(key);
}

export const userAttributeKeys = catalog.filter((entry) => entry.section === 'attribute').map((entry) => entry.key);

/** JumpCloud's rule for custom attribute names: letters and digits only, under 32 characters. */
export const customAttributeName = /^[A-Za-z0-9]{1,31}$/;

/**
 * A target is a catalog key, `attribute:<Name>` (a custom attribute), or one half of a PowerShell
 * `AttributeN_name`/`AttributeN_value` pair: `attribute:{name:N}` / `attribute:{value:N}`, whose
 * attribute name is read from the row.
 */
export type Target = string;

export type ParsedTarget =
	| {type: 'catalog'; entry: CatalogEntry}
	| {type: 'attribute'; name: string}
	| {type: 'attribute-pair'; part: 'name' | 'value'; pair: number};

export function parseTarget(target: Target): ParsedTarget | undefined {
	const entry = byKey.get(target);
	if (entry) return {type: 'catalog', entry};
	const pair = /^attribute:\{(name|value):(\d{1,3})\}$/.exec(target);
	if (pair) return {type: 'attribute-pair', part: pair[1] as 'name' | 'value', pair: Number(pair[2])};
	if (target.startsWith('attribute:') && target.length > 'attribute:'.length) return {type: 'attribute', name: target.slice('attribute:'.length)};
	return undefined;
}

/** Whether two columns may share this target. Each custom attribute name and pair half is single. */
export function isMultiple(target: Target): boolean {
	return byKey.get(target)?.multiple === true;
}

export function targetLabel(target: Target): string {
	const parsed = parseTarget(target);
	if (!parsed) return target;
	if (parsed.type === 'catalog') return parsed.entry.label;
	if (parsed.type === 'attribute') return `custom attribute ${parsed.name}`;
	return `custom attribute ${parsed.pair} (${parsed.part})`;
}
