import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readLayout} from '../support/read-layout.js';
import {sharedFolder, sharedPresent, sharedSkipReason} from '../support/shared.js';

const examples = path.join(sharedFolder, 'jumpcloud/examples');
const files = sharedPresent && existsSync(examples) ? readdirSync(examples).filter((name) => name.endsWith('.csv')).sort() : [];
if (files.length === 0) console.warn(`JumpCloud example CSVs: ${sharedSkipReason}`);

/**
 * What each column of JumpCloud's own PowerShell template means, written out independently of the
 * matcher: the template's headers are the catalog keys, except these.
 */
function templateTarget(header: string): string | null {
	const special: Record<string, string | null> = {
		FirstName: 'firstname',
		LastName: 'lastname',
		Username: 'username',
		Email: 'email',
		Password: 'password',
		MiddleName: 'middlename',
		preferredName: 'displayname',
		managedAppleID: 'managedAppleId',
		Description: 'description',
		SystemID: 'system',
		Administrator: 'system_admin',
		EnrollmentDays: 'mfa_exclusion_days',
		// An LDAP server association: not a user attribute, and not in the catalog.
		ldapserver_id: null,
	};
	if (header in special) return special[header]!;
	const group = /^Group\d+$/.exec(header);
	if (group) return 'group';
	const pair = /^Attribute(\d+)_(name|value)$/.exec(header);
	if (pair) return `attribute:{${pair[2]}:${pair[1]}}`;
	return header;
}

describe.skipIf(files.length === 0)("JumpCloud's example import CSVs", () => {
	it.each(files)('%s maps completely with no manual step', async (name) => {
		const {targets} = await readLayout(path.join(examples, name));
		const expected = Object.fromEntries(Object.keys(targets).map((header) => [header, templateTarget(header)]));
		expect(targets).toEqual(expected);
	});

	it('decodes the values of the full template, custom attributes included', async () => {
		const {payloads, issues} = await readLayout(path.join(examples, 'ImportExample_allNewAttributesAndAllCustom.csv'));
		expect(payloads[0]).toMatchObject({
			username: 'delete.me7',
			email: 'deleteme37@pleasedelete.me',
			displayname: 'displayName',
			managedAppleId: 'deleteme37maid@pleasedelete.me',
			alternateEmail: 'deleteme37ae@pleasedelete.me',
			attributes: [
				{name: 'Attr1', value: 'One'},
				{name: 'Attr2', value: 'Two'},
			],
			state: 'STAGED',
		});
		// The template's placeholder phone values are flagged, not blocking.
		expect(issues.every((issue) => issue.severity === 'warning')).toBe(true);
	});

	it('reads the MFA and LDAP examples as options', async () => {
		const mfa = await readLayout(path.join(examples, 'MFA_Import.csv'));
		expect(mfa.payloads[0]).toMatchObject({enable_user_portal_multifactor: true});
		const ldap = await readLayout(path.join(examples, 'Ldap_Import.csv'));
		expect(ldap.payloads[0]).toMatchObject({ldap_binding_user: true, username: 'jIpJtPAg'});
	});
});
