import {z} from 'zod';
import {userStates} from '../jumpcloud/types.js';
import {customAttributeName} from '../mapping/catalog.js';
import {usernamePattern} from './username-rules.js';


const text = (max = 1024) => z.string().min(1).max(max);
const email = z.email({pattern: z.regexes.unicodeEmail}).max(1024);
const address = z.strictObject({
	type: z.enum(['home', 'work']),
	streetAddress: text().optional(),
	poBox: text().optional(),
	locality: text().optional(),
	region: text().optional(),
	postalCode: text().optional(),
	country: text().optional(),
});

/**
 * The create body exactly as it will be sent (`systemuserputpost`): the last check a built row
 * passes, so nothing malformed reaches the API whatever the cell checks missed.
 */
export const userCreateSchema = z.strictObject({
	username: text().regex(usernamePattern),
	email,
	state: z.enum(userStates),
	password: z.string().min(1).optional(),
	firstname: text().optional(),
	lastname: text().optional(),
	middlename: text().optional(),
	displayname: text().optional(),
	alternateEmail: email.optional(),
	/** The manager's user id: preflight resolves the CSV's username or email to it. */
	manager: z.string().regex(/^[a-f0-9]{24}$/).optional(),
	recoveryEmail: z.strictObject({address: email}).optional(),
	managedAppleId: text().optional(),
	jobTitle: text().optional(),
	employeeIdentifier: text(256).optional(),
	department: text().optional(),
	costCenter: text().optional(),
	company: text().optional(),
	employeeType: text().optional(),
	description: text().optional(),
	location: text().optional(),
	addresses: z.array(address).optional(),
	phoneNumbers: z.array(z.strictObject({type: z.enum(['mobile', 'home', 'work', 'work_mobile', 'work_fax']), number: text()})).optional(),
	attributes: z.array(z.strictObject({name: z.string().regex(customAttributeName), value: z.string().max(1024)})).optional(),
	unix_uid: z.int().min(1).max(4294967295).optional(),
	unix_guid: z.int().min(1).max(4294967295).optional(),
	mfa: z
		.strictObject({exclusion: z.boolean(), exclusionDays: z.int().min(1).max(365).optional(), exclusionUntil: z.iso.datetime().optional()})
		.optional(),
	enable_user_portal_multifactor: z.boolean().optional(),
	password_never_expires: z.boolean().optional(),
	ldap_binding_user: z.boolean().optional(),
	sudo: z.boolean().optional(),
	passwordless_sudo: z.boolean().optional(),
	account_locked: z.boolean().optional(),
	allow_public_key: z.boolean().optional(),
	enable_managed_uid: z.boolean().optional(),
});
