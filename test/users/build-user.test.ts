import {describe, expect, it} from 'vitest';
import type {Target} from '../../source/mapping/catalog.js';
import {withDerivations, type Mapping} from '../../source/mapping/mapping.js';
import {createUserBuilder, type BuildOptions} from '../../source/users/build-user.js';
import {defaultUserDefaults} from '../../source/users/defaults.js';

const now = new Date('2026-11-23T10:00:00.000Z');

/** A mapping whose headers are the targets themselves, or `header=target` pairs. */
function mapping(...columns: string[]): Mapping {
	return withDerivations(
		columns.map((column, index) => {
			const [header, target] = column.includes('=') ? column.split('=') : [column, column];
			return {index, header: header!, target: (target === 'null' ? null : target) as Target | null, confidence: 1, reason: 'exact' as const};
		}),
		[],
	);
}

function builder(map: Mapping, options: Partial<BuildOptions> = {}) {
	const build = createUserBuilder(map, {defaults: defaultUserDefaults, now, ...options});
	let row = 0;
	return (...cells: string[]) => build({row: ++row, line: row + 1, cells});
}

describe('building a user from a row', () => {
	it('builds the exact create payload, with addresses, phones, ids and flags', () => {
		const build = builder(
			mapping('username', 'email', 'firstname', 'lastname', 'Password=password', 'home_city', 'home_state', 'work_streetAddress', 'mobile_number', 'work_fax_number', 'employeeIdentifier', 'unix_uid', 'sudo', 'recoveryEmail', 'jobTitle'),
		);
		const {user, issues} = build('ada', 'ada@example.com', 'Ada', 'Lovelace', 'Correct-Horse-42!', 'London', 'Greater London', '1 Analytical St', '+44 20 7946 0000', '+44 20 7946 0001', '000123', '5001', 'yes', 'ada.recovery@example.org', 'Engineer');
		expect(issues).toEqual([]);
		expect(user?.payload).toEqual({
			username: 'ada',
			email: 'ada@example.com',
			firstname: 'Ada',
			lastname: 'Lovelace',
			password: 'Correct-Horse-42!',
			displayname: 'Ada Lovelace',
			employeeIdentifier: '000123',
			jobTitle: 'Engineer',
			state: 'STAGED',
			recoveryEmail: {address: 'ada.recovery@example.org'},
			addresses: [
				{type: 'work', streetAddress: '1 Analytical St'},
				{type: 'home', locality: 'London', region: 'Greater London'},
			],
			phoneNumbers: [
				{type: 'mobile', number: '+44 20 7946 0000'},
				{type: 'work_fax', number: '+44 20 7946 0001'},
			],
			unix_uid: 5001,
			sudo: true,
		});
		expect(user?.derived).toEqual(['displayname']);
	});

	it('derives the username from the email and first/last from a full name', () => {
		const build = builder(mapping('Email=email', 'Name=displayname'));
		const {user} = build('Jürgen.Müller+ops@example.de', 'Müller, Jürgen');
		expect(user?.payload).toMatchObject({username: 'Jurgen.Muller-ops', firstname: 'Jürgen', lastname: 'Müller', displayname: 'Müller, Jürgen'});
		expect(user?.derived).toEqual(['username', 'firstname', 'lastname']);
	});

	it('does not derive what the user switched off', () => {
		const map = mapping('email');
		const build = builder({...map, derived: map.derived.map((d) => ({...d, enabled: false}))});
		const {user, issues} = build('jane@example.com');
		expect(user).toBeUndefined();
		expect(issues).toEqual([{row: 1, line: 2, column: null, severity: 'error', message: 'username is missing'}]);
	});

	it('blocks missing and malformed usernames and emails, with row, line and column', () => {
		const build = builder(mapping('User=username', 'Mail=email'));
		expect(build('', 'a@example.com').issues).toEqual([{row: 1, line: 2, column: 'User', severity: 'error', message: 'username is missing'}]);
		expect(build('1jane', 'b@example.com').issues[0]).toMatchObject({column: 'User', message: 'username 1jane must start with a letter'});
		expect(build('jane doe', 'c@example.com').issues[0]?.message).toBe('username jane doe may not contain spaces');
		expect(build('jane@x', 'd@example.com').issues[0]?.message).toBe('username jane@x may not contain @');
		expect(build('jane!', 'e@example.com').issues[0]?.message).toMatch(/may only contain letters/);
		expect(build('jane', 'not-an-email').issues).toEqual([{row: 6, line: 7, column: 'Mail', severity: 'error', message: 'not-an-email is not an email address'}]);
		expect(build('joe', '').issues[0]?.message).toBe('email is missing');
	});

	it('finds duplicates inside the file case-insensitively and names the earlier row', () => {
		const build = builder(mapping('username', 'email', 'employeeIdentifier', 'alternateEmail'));
		expect(build('ada', 'ada@example.com', 'E1', 'ada@home.example').issues).toEqual([]);
		const repeat = build('ADA', 'Ada@Example.com', 'e1', 'ADA@home.example');
		expect(repeat.user).toBeUndefined();
		expect(repeat.issues.map((issue) => issue.message)).toEqual([
			'username ADA is also on row 1 (line 2)',
			'email Ada@Example.com is also on row 1 (line 2)',
			'employeeIdentifier e1 is also on row 1 (line 2)',
			'alternateEmail ADA@home.example is also on row 1 (line 2)',
		]);
	});

	it('rejects bad booleans, integers, states and over-long values', () => {
		const build = builder(mapping('username', 'email', 'sudo', 'unix_guid', 'state', 'employeeIdentifier'));
		const {issues} = build('ada', 'ada@example.com', 'sometimes', '0', 'enabled', 'x'.repeat(257));
		expect(issues.map((issue) => [issue.column, issue.message])).toEqual([
			['sudo', 'sometimes is not a yes/no value (true/false, yes/no, 1/0)'],
			['unix_guid', 'UNIX GID must be a whole number from 1 to 4294967295, not 0'],
			['state', 'state must be STAGED, ACTIVATED or SUSPENDED, not enabled'],
			['employeeIdentifier', 'employee ID is 257 characters long; JumpCloud allows at most 256'],
		]);
	});

	it('warns about Excel damage and keeps leading zeros', () => {
		const build = builder(mapping('username', 'email', 'Phone=work_number', 'Employee ID=employeeIdentifier'));
		const {user, issues} = build('ada', 'ada@example.com', '4.41E+11', '007');
		expect(user?.payload.employeeIdentifier).toBe('007');
		expect(issues).toEqual([
			{row: 1, line: 2, column: 'Phone', severity: 'warning', message: "4.41E+11 looks like Excel's scientific notation: the digits are lost; fix it in the source file"},
		]);
	});

	it('warns about ambiguous dates in a column that does not decide its order', () => {
		const build = builder(mapping('username', 'email', 'Start=attribute:StartDate'), {dateOrders: new Map([[2, 'ambiguous']])});
		const {user, issues} = build('ada', 'ada@example.com', '03/04/2026');
		expect(user?.payload.attributes).toEqual([{name: 'StartDate', value: '03/04/2026'}]);
		expect(issues[0]).toMatchObject({column: 'Start', severity: 'warning'});
		expect(issues[0]?.message).toMatch(/^ambiguous date 03\/04\/2026/);
	});

	it("reads PowerShell's attribute pairs and blocks a name without a value", () => {
		const build = builder(mapping('username', 'email', 'Attribute1_name=attribute:{name:1}', 'Attribute1_value=attribute:{value:1}', 'Attribute2_name=attribute:{name:2}', 'Attribute2_value=attribute:{value:2}'));
		expect(build('ada', 'ada@example.com', 'Badge', '42', '', '').user?.payload.attributes).toEqual([{name: 'Badge', value: '42'}]);
		expect(build('bob', 'bob@example.com', 'Badge', '', '', '').issues).toEqual([
			{row: 2, line: 3, column: 'Attribute1_name', severity: 'error', message: 'custom attribute Badge has a name but no value'},
		]);
		expect(build('cy', 'cy@example.com', 'Cost Code', '7', '', '').issues[0]?.message).toBe(
			'custom attribute name Cost Code must be letters and digits only, under 32 characters',
		);
	});

	it('collects groups from several columns and lists, and devices with their admin flag', () => {
		const build = builder(mapping('username', 'email', 'Group1=group', 'Group2=group', 'SystemID=system', 'Administrator=system_admin'), {
			defaults: {...defaultUserDefaults, groups: ['All Staff', 'sales'], systems: ['build-linux-01']},
		});
		const {user} = build('ada', 'ada@example.com', 'Sales; VPN Users', 'Engineering|Sales', 'eng-mbp-01', '$true');
		expect(user?.groups).toEqual(['Sales', 'VPN Users', 'Engineering', 'All Staff']);
		expect(user?.systems).toEqual([
			{ref: 'eng-mbp-01', admin: true},
			{ref: 'build-linux-01', admin: false},
		]);
	});

	it('requires MFA with the enable flag and the window as days, for every state', () => {
		const mfaOf = (payload: object | undefined) => {
			const {enable_user_portal_multifactor, mfa} = (payload ?? {}) as Record<string, unknown>;
			return {enable_user_portal_multifactor, mfa};
		};
		// A row's own column: yes requires MFA (default window), no wins over a default of yes.
		const staged = builder(mapping('username', 'email', 'enable_user_portal_multifactor'));
		expect(mfaOf(staged('ada', 'ada@example.com', 'yes').user?.payload)).toEqual({enable_user_portal_multifactor: true, mfa: {exclusion: true, exclusionDays: 21}});
		expect(mfaOf(staged('bob', 'bob@example.com', 'no').user?.payload)).toEqual({enable_user_portal_multifactor: false, mfa: undefined});
		const required = builder(mapping('username', 'email', 'enable_user_portal_multifactor'), {defaults: {...defaultUserDefaults, requireMfa: true, mfaExclusionDays: 7}});
		expect(mfaOf(required('ann', 'ann@example.com', '').user?.payload)).toEqual({enable_user_portal_multifactor: true, mfa: {exclusion: true, exclusionDays: 7}});
		expect(mfaOf(required('ben', 'ben@example.com', 'false').user?.payload)).toEqual({enable_user_portal_multifactor: false, mfa: undefined});

		// Days whatever the final state: preflight puts them in the form the create's state takes.
		for (const state of ['STAGED', 'ACTIVATED', 'SUSPENDED']) {
			const build = builder(mapping('username', 'email', 'state'), {defaults: {...defaultUserDefaults, requireMfa: true, mfaExclusionDays: 7}});
			const {user} = build('cy', 'cy@example.com', state);
			expect({state: user?.payload.state, ...mfaOf(user?.payload)}).toEqual({state, enable_user_portal_multifactor: true, mfa: {exclusion: true, exclusionDays: 7}});
		}

		// A window of 0: MFA at the first sign-in, so the flag alone.
		const atOnce = builder(mapping('username', 'email'), {defaults: {...defaultUserDefaults, requireMfa: true, mfaExclusionDays: 0}});
		expect(mfaOf(atOnce('dee', 'dee@example.com').user?.payload)).toEqual({enable_user_portal_multifactor: true, mfa: undefined});
		// Not required: neither field.
		expect(mfaOf(builder(mapping('username', 'email'))('eve', 'eve@example.com').user?.payload)).toEqual({enable_user_portal_multifactor: undefined, mfa: undefined});
	});

	it("reads a row's own MFA window as days or a date, used only when the row requires MFA", () => {
		const active = builder(mapping('username', 'email', 'EnrollmentDays=mfa_exclusion_days'), {
			defaults: {...defaultUserDefaults, state: 'ACTIVATED', requireMfa: true},
		});
		expect(active('ada', 'ada@example.com', '7').user?.payload).toMatchObject({enable_user_portal_multifactor: true, mfa: {exclusion: true, exclusionDays: 7}});
		// 2026-12-24 is 30 days and 14 hours after now: 31 days, so the window covers the date.
		expect(active('bob', 'bob@example.com', '12/24/2026').user?.payload.mfa).toEqual({exclusion: true, exclusionDays: 31});
		expect(active('cy', 'cy@example.com', '400').issues[0]?.message).toBe('MFA exclusion must be 1 to 365 days, not 400');
		// A date that has passed sets no window, as the warning says (not the default's 21 days).
		const past = active('dee', 'dee@example.com', '9/15/2022 2:20:25 PM');
		expect(past.issues[0]).toMatchObject({severity: 'warning', message: 'the MFA exclusion date 9/15/2022 2:20:25 PM has passed; no exclusion window is set'});
		expect(past.user?.payload).toMatchObject({enable_user_portal_multifactor: true});
		expect(past.user?.payload.mfa).toBeUndefined();

		// MFA not required for the row (by default or by its own column): the window is not sent, and it is said.
		const optional = builder(mapping('username', 'email', 'enable_user_portal_multifactor', 'EnrollmentDays=mfa_exclusion_days'));
		for (const own of ['', 'no']) {
			const {user, issues} = optional(`eve${own}`, `eve${own}@example.com`, own, '14');
			expect(user?.payload.mfa).toBeUndefined();
			expect(user?.payload.enable_user_portal_multifactor).toBe(own === 'no' ? false : undefined);
			expect(issues).toEqual([expect.objectContaining({column: 'EnrollmentDays', severity: 'warning', message: 'MFA is not required for this user, so the MFA exclusion of 14 days is not sent'})]);
		}
	});

	it('warns about values that were cleaned, in mapped columns only, never showing a password', () => {
		const build = createUserBuilder(mapping('username', 'email', 'password', 'Notes=null'), {defaults: defaultUserDefaults, now});
		const {user, issues} = build({row: 1, line: 2, cells: ['ada', 'ada@example.com', 'Pass-Word-1', 'x'], cleaned: [1, 2, 3]});
		expect(user).toBeDefined();
		expect(issues).toEqual([
			{row: 1, line: 2, column: 'email', severity: 'warning', message: 'ada@example.com was cleaned of invisible characters or outer spaces'},
			{row: 1, line: 2, column: 'password', severity: 'warning', message: 'the password was cleaned of invisible characters or outer spaces'},
		]);
	});

	it('never shows a password that looks like an ambiguous date', () => {
		const build = createUserBuilder(mapping('username', 'email', 'password'), {defaults: defaultUserDefaults, now, dateOrders: new Map([[2, 'ambiguous']])});
		const {issues} = build({row: 1, line: 2, cells: ['jdoe', 'j@example.com', '03/04/1990']});
		expect(JSON.stringify(issues)).not.toContain('03/04/1990');
	});

	it('never puts a password in an issue', () => {
		const build = builder(mapping('username', 'email', 'password'));
		const secret = 'Hunter2-very-secret';
		const {issues} = build('1bad', 'nope', secret);
		expect(issues.length).toBeGreaterThan(0);
		expect(JSON.stringify(issues)).not.toContain(secret);
	});
});
