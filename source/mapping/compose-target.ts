import type {Target} from './catalog.js';
import type {Concept} from './lexicon/concepts.js';

/**
 * What a header's concepts make:
 * - `target`: a qualifier and a head compose a catalog key (home + city → `home_city`);
 * - `generic`: the words fit several targets (`Name`, `ID`, `Status`), the values decide among `options`;
 * - `none`: the words say the column is none of ours (`Status` of employment is never a region).
 */
export type Composed =
	| {kind: 'target'; target: Target; rule: string}
	| {kind: 'generic'; options: Target[]; rule: string}
	| {kind: 'none'; rule: string};

const addressParts: ReadonlyArray<[Concept, string]> = [
	['pobox', 'poBox'],
	['postal', 'postalCode'],
	['city', 'city'],
	// `Country/Region` (Entra, Microsoft 365) is the country: a region beside a country qualifies it.
	['country', 'country'],
	['region', 'state'],
	['street', 'streetAddress'],
];

/** Builds the target from a bag of concepts; undefined when the words name nothing we know. */
export function composeTarget(list: readonly Concept[]): Composed | undefined {
	const has = new Set<Concept>(list.filter((concept) => concept !== 'stop'));
	const any = (...concepts: Concept[]) => concepts.some((concept) => has.has(concept));
	if (has.size === 0) return undefined;
	const target = (key: Target, rule: string): Composed => ({kind: 'target', target: key, rule});

	// Hire, birth and start dates are none of ours, whoever's they are.
	if (has.has('date')) return {kind: 'none', rule: 'a date'};
	// Gender, tax numbers, name readings …: JumpCloud keeps no attribute for them.
	if (has.has('unrelated')) return {kind: 'none', rule: 'data JumpCloud keeps no attribute for'};
	if (has.has('password')) return target('password', 'a password');
	// Whose: the manager's email, name or number is the manager, whatever else the header says.
	if (has.has('manager')) return target('manager', 'names the manager');
	if (has.has('group')) return target('group', 'a group');
	if (has.has('device')) return has.has('admin') ? target('system_admin', 'admin on the device') : target('system', 'a device');

	const home = any('home');
	if (has.has('email')) {
		if (has.has('recovery')) return target('recoveryEmail', 'a recovery email');
		if (any('alternate', 'home')) return target('alternateEmail', 'a second or private email');
		return target('email', 'an email');
	}
	if (has.has('fax')) return target('work_fax_number', 'a fax number');
	if (has.has('mobile')) return has.has('work') && !home ? target('work_mobile_number', 'a work mobile') : target('mobile_number', 'a mobile number');
	if (has.has('phone')) return home ? target('home_number', 'a home phone') : target('work_number', 'a phone (work unless it says home)');

	const where = home ? 'home' : 'work';
	// A second address line (`Address line 2`, `ADDR2`, 建物名) has no attribute of its own.
	if (any('street', 'address') && has.has('alternate')) return {kind: 'none', rule: 'a second address line'};
	for (const [concept, part] of addressParts) {
		if (has.has(concept)) return target(`${where}_${part}`, `${where === 'home' ? 'a home' : 'an (office)'} address part`);
	}
	if (has.has('address')) return target(`${where}_streetAddress`, `${where === 'home' ? 'a home' : 'an (office)'} address`);
	if (has.has('state')) {
		// An English "state" with a place word around it is a region; alone, the values decide.
		return any('work', 'home') ? target(`${where}_state`, 'a region') : {kind: 'generic', options: ['state', 'work_state'], rule: 'a state: the account state or a region'};
	}

	if (has.has('given')) return target('firstname', 'a first name');
	if (has.has('family')) return target('lastname', 'a last name');
	if (has.has('middle')) return target('middlename', 'a middle name');
	if (any('full', 'preferred')) return target('displayname', 'a full or preferred name');

	// A status (of the account, the job, the employment) is the account state only if its values are.
	if (has.has('status')) return {kind: 'generic', options: ['state'], rule: 'a status: the account state only if its values are'};
	if (has.has('costcenter')) return target('costCenter', 'a cost center');
	if (has.has('employeetype') || (any('employee', 'user') && has.has('type'))) return target('employeeType', 'a kind of employment');
	if (has.has('title') || (has.has('job') && !any('code', 'id', 'number'))) return target('jobTitle', 'a job title');
	if (has.has('department')) return target('department', 'a department');
	if (has.has('company')) return target('company', 'a company');
	if (has.has('location')) return target('location', 'a work location');
	if (has.has('description')) return target('description', 'a description');

	if (has.has('username')) return target('username', 'a login');
	if (has.has('employee') && any('number', 'id', 'code')) return target('employeeIdentifier', "the employee's number");
	if (has.has('name')) {
		return has.has('user') ? target('username', 'a user name') : {kind: 'generic', options: ['displayname', 'lastname'], rule: 'a name: full names or surnames, the values decide'};
	}
	if (has.size === 1 && has.has('user')) return target('username', 'the user');
	if (any('id', 'number', 'code')) return {kind: 'generic', options: ['employeeIdentifier'], rule: 'an identifier: an employee ID if the values are unique codes'};
	return undefined;
}
