import {describe, expect, it} from 'vitest';
import {defaultImportOptions, optionsProblem, userDefaults, type ImportOptions} from '../../source/importer/options.js';
import type {DirectorySnapshot} from '../../source/importer/directory-read.js';
import {preflight} from '../../source/importer/preflight.js';
import type {Target} from '../../source/mapping/catalog.js';
import {withDerivations} from '../../source/mapping/mapping.js';
import {fingerprint, sameDetails} from '../../source/importer/provenance.js';
import type {SystemUser} from '../../source/jumpcloud/types.js';
import {createUserBuilder} from '../../source/users/build-user.js';

const now = new Date('2026-11-23T10:00:00.000Z');
const id = (n: number) => n.toString(16).padStart(24, '0');

const directory: DirectorySnapshot = {
	organization: {id: id(99), name: 'Test org'},
	readAt: now,
	users: [
		{_id: id(1), username: 'jsmith', email: 'jane.smith@example.com', employeeIdentifier: 'E-1', alternateEmail: 'jane@home.example.com'},
		{_id: id(2), username: 'boss', email: 'boss@example.com'},
	],
	groups: [
		{id: id(10), name: 'Engineering', type: 'user_group'},
		{id: id(11), name: 'All Staff', type: 'user_group'},
		{id: id(12), name: 'Twins', type: 'user_group'},
		{id: id(13), name: 'twins', type: 'user_group'},
	],
	systems: [
		{_id: id(20), hostname: 'eng-mbp-01', displayName: "Ada's MacBook"},
		{_id: id(21), hostname: 'build-01', displayName: 'Build'},
		{_id: id(22), hostname: 'build-02', displayName: 'Build'},
	],
	policy: {minLength: 8, needsUppercase: true, needsNumeric: true},
};

const headers = ['Username', 'Email', 'Password', 'Employee ID', 'Alternate Email', 'Groups', 'Device', 'Administrator', 'Manager', 'State'];
const targets: Target[] = ['username', 'email', 'password', 'employeeIdentifier', 'alternateEmail', 'group', 'system', 'system_admin', 'manager', 'state'];

function plan(rows: string[][], options: Partial<ImportOptions> = {}, unsettledRows: ReadonlySet<number> = new Set()) {
	const importOptions = {...defaultImportOptions, ...options};
	const mapping = withDerivations(headers.map((header, index) => ({index, header, target: targets[index]!, confidence: 1, reason: 'exact' as const})), []);
	const build = createUserBuilder(mapping, {defaults: userDefaults(importOptions), now});
	const built = rows.map((cells, index) => build({row: index + 1, line: index + 2, cells}));
	return preflight(built, directory, importOptions, now, new Set(), unsettledRows);
}

const row = (fields: Partial<Record<string, string>>) => headers.map((_, index) => fields[targets[index]!] ?? '');
const errorsOf = (planned: ReturnType<typeof plan>, index: number) =>
	planned.rows[index]!.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message);

describe('preflight', () => {
	it('skips, or fails, rows whose username or email exists, case-insensitively', () => {
		const rows = [row({username: 'JSMITH', email: 'new@example.com'}), row({username: 'new', email: 'Jane.Smith@Example.com'})];
		const skipped = plan(rows);
		expect(skipped.rows.map((each) => [each.action, each.existingUserId])).toEqual([
			['skip', id(1)],
			['skip', id(1)],
		]);
		expect(skipped.summary).toMatchObject({creates: 0, skips: 2, invalid: 0});
		const failed = plan(rows, {existing: 'fail'});
		expect(failed.rows.map((each) => each.action)).toEqual(['invalid', 'invalid']);
		expect(errorsOf(failed, 0)).toEqual(['jsmith (jane.smith@example.com) already exists in JumpCloud']);
	});

	it('plans a row whose create this import sent with the outcome unknown as a create, not a conflict: the run settles it', () => {
		const rows = [row({username: 'jsmith', email: 'jane.smith@example.com', employeeIdentifier: 'E-1'}), row({username: 'BOSS', email: 'boss@example.com'})];
		for (const existing of ['skip', 'fail'] as const) {
			const planned = plan(rows, {existing}, new Set([1]));
			expect(planned.rows.map((each) => each.action), existing).toEqual(['create', existing === 'skip' ? 'skip' : 'invalid']);
			// Its other unique fields are the found user's own, not someone else's.
			expect(errorsOf(planned, 0)).toEqual([]);
		}
	});

	it('refuses an employee ID or alternate email another user holds', () => {
		const planned = plan([row({username: 'ann', email: 'ann@example.com', employeeIdentifier: 'e-1', alternateEmail: 'JANE@home.example.com'})]);
		expect(errorsOf(planned, 0)).toEqual(['employee ID e-1 already belongs to jsmith', 'alternate email JANE@home.example.com already belongs to jsmith']);
	});

	it('resolves groups and devices, and says what it cannot, with a near miss', () => {
		const planned = plan([
			row({username: 'ann', email: 'ann@example.com', group: 'engineering; All Staff', system: 'ENG-MBP-01', system_admin: 'yes'}),
			row({username: 'bob', email: 'bob@example.com', group: 'Enginering', system: 'Build'}),
			row({username: 'cy', email: 'cy@example.com', group: 'Twins', system: id(21)}),
		]);
		expect(planned.rows[0]).toMatchObject({
			action: 'create',
			groups: [{id: id(10), name: 'Engineering'}, {id: id(11), name: 'All Staff'}],
			systems: [{id: id(20), name: 'eng-mbp-01', admin: true}],
		});
		expect(errorsOf(planned, 1)).toEqual(['no user group is named Enginering (did you mean Engineering?)', 'device Build is ambiguous: 2 devices have that name']);
		expect(planned.rows[2]).toMatchObject({action: 'create', groups: [{id: id(12), name: 'Twins'}], systems: [{id: id(21), name: 'build-01', admin: false}]});
		expect(planned.summary).toMatchObject({creates: 2, invalid: 1, memberships: 3, bindings: 2});
	});

	it('resolves the manager to an existing user, an earlier row or a later one; anyone else is a warning, not an error', () => {
		const planned = plan([
			row({username: 'ann', email: 'ann@example.com', manager: 'boss@example.com'}),
			row({username: 'bob', email: 'bob@example.com', manager: 'ann'}),
			row({username: 'cy', email: 'cy@example.com', manager: 'dee'}),
			row({username: 'dee', email: 'dee@example.com'}),
			row({username: 'eve', email: 'eve@example.com', manager: 'nobody'}),
		]);
		expect(planned.rows.map((each) => each.manager)).toEqual([{userId: id(2)}, {row: 1}, {row: 4}, undefined, undefined]);
		expect(planned.rows.map((each) => each.action)).toEqual(['create', 'create', 'create', 'create', 'create']);
		expect(planned.rows[4]!.issues).toEqual([
			{row: 5, line: 6, column: 'Manager', severity: 'warning', message: 'created without manager: nobody is neither a JumpCloud user nor a row of this file'},
		]);
	});

	it("checks passwords against the organization's policy without showing them", () => {
		const planned = plan([row({username: 'ann', email: 'ann@example.com', password: 'weakpass'})]);
		expect(errorsOf(planned, 0)).toEqual(["the password does not meet the organization's policy: needs an uppercase letter, needs a digit"]);
		expect(planned.rows[0]!.issues.map((issue) => issue.message).join()).not.toContain('weakpass');
	});

	it('creates STAGED and activates with an explicit email, telling who gets which email where', () => {
		const rows = [
			row({username: 'ann', email: 'ann@example.com', password: 'Str0ng-Pass'}),
			row({username: 'bob', email: 'bob@example.com', alternateEmail: 'bob@home.example.com'}),
			row({username: 'cy', email: 'cy@example.com'}),
			row({username: 'dee', email: 'dee@example.com', state: 'STAGED'}),
		];
		const planned = plan(rows, {state: 'ACTIVATED', email: {kind: 'default'}, requireMfa: true, mfaExclusionDays: 7});
		expect(planned.rows.map((each) => [each.body?.state, each.finalState, each.emailSent])).toEqual([
			['STAGED', 'ACTIVATED', {kind: 'welcome', to: 'ann@example.com'}],
			['STAGED', 'ACTIVATED', {kind: 'activation', to: 'bob@home.example.com', toAlternate: true}],
			['STAGED', 'ACTIVATED', {kind: 'activation', to: 'cy@example.com'}],
			['STAGED', 'STAGED', undefined],
		]);
		// Created STAGED, so the MFA window goes as days, which JumpCloud requires for STAGED users.
		expect(planned.rows[0]!.body!.mfa).toEqual({exclusion: true, exclusionDays: 7});
		expect(planned.summary.emails).toEqual([
			{kind: 'welcome', to: 'primary email', users: 1},
			{kind: 'activation', to: 'alternate email', users: 1},
			{kind: 'activation', to: 'primary email', users: 1},
		]);
		const toOne = plan(rows.slice(0, 1), {state: 'ACTIVATED', email: {kind: 'address', address: 'it@example.com'}});
		expect(toOne.rows[0]).toMatchObject({activation: {kind: 'address', address: 'it@example.com'}, emailSent: {kind: 'welcome', to: 'it@example.com'}});
	});

	describe('MFA', () => {
		const mfaHeaders = ['Username', 'Email', 'State', 'Require MFA'];
		const mfaTargets: Target[] = ['username', 'email', 'state', 'enable_user_portal_multifactor'];
		/** Each row `[username, state, require MFA]`; what its create sends for MFA, in which state, and the state it ends in. */
		function mfaPlan(rows: Array<[string, string, string]>, options: Partial<ImportOptions>) {
			const importOptions = {...defaultImportOptions, ...options};
			const mapping = withDerivations(mfaHeaders.map((header, index) => ({index, header, target: mfaTargets[index]!, confidence: 1, reason: 'exact' as const})), []);
			const build = createUserBuilder(mapping, {defaults: userDefaults(importOptions), now});
			const built = rows.map(([username, state, mfa], index) => build({row: index + 1, line: index + 2, cells: [username, `${username}@example.com`, state, mfa]}));
			return preflight(built, directory, importOptions, now, new Set(), new Set()).rows.map(({body, finalState}) => ({
				created: body?.state,
				finalState,
				enable_user_portal_multifactor: body?.enable_user_portal_multifactor,
				mfa: body?.mfa,
			}));
		}
		const rows: Array<[string, string, string]> = [
			['ann', '', ''],
			['bob', 'STAGED', ''],
			['cy', 'SUSPENDED', ''],
			['dee', '', 'no'],
			['eve', 'STAGED', 'yes'],
		];

		it('required with a window: the flag, and the window as days for a STAGED create, as a date for a SUSPENDED one', () => {
			const days7 = {exclusion: true, exclusionDays: 7};
			expect(mfaPlan(rows, {state: 'ACTIVATED', requireMfa: true, mfaExclusionDays: 7})).toEqual([
				// Ends ACTIVATED but is created STAGED: days, counted from its activation.
				{created: 'STAGED', finalState: 'ACTIVATED', enable_user_portal_multifactor: true, mfa: days7},
				{created: 'STAGED', finalState: 'STAGED', enable_user_portal_multifactor: true, mfa: days7},
				{created: 'SUSPENDED', finalState: 'SUSPENDED', enable_user_portal_multifactor: true, mfa: {exclusion: true, exclusionUntil: '2026-11-30T10:00:00.000Z'}},
				// The row's own column says no: it wins over the default.
				{created: 'STAGED', finalState: 'ACTIVATED', enable_user_portal_multifactor: false, mfa: undefined},
				{created: 'STAGED', finalState: 'STAGED', enable_user_portal_multifactor: true, mfa: days7},
			]);
		});

		it('required with a window of 0: the flag alone, MFA at the first sign-in, in every state', () => {
			expect(mfaPlan(rows, {state: 'STAGED', requireMfa: true, mfaExclusionDays: 0})).toEqual([
				{created: 'STAGED', finalState: 'STAGED', enable_user_portal_multifactor: true, mfa: undefined},
				{created: 'STAGED', finalState: 'STAGED', enable_user_portal_multifactor: true, mfa: undefined},
				{created: 'SUSPENDED', finalState: 'SUSPENDED', enable_user_portal_multifactor: true, mfa: undefined},
				{created: 'STAGED', finalState: 'STAGED', enable_user_portal_multifactor: false, mfa: undefined},
				{created: 'STAGED', finalState: 'STAGED', enable_user_portal_multifactor: true, mfa: undefined},
			]);
		});

		it("not required: only a row's own column asks for MFA, with the default window", () => {
			expect(mfaPlan(rows, {state: 'STAGED'}).map((each) => [each.enable_user_portal_multifactor, each.mfa])).toEqual([
				[undefined, undefined],
				[undefined, undefined],
				[undefined, undefined],
				[false, undefined],
				[true, {exclusion: true, exclusionDays: 21}],
			]);
		});

		it('a user found after a lost answer is recognised whatever form the server gives its mfa in', () => {
			const planned = plan([row({username: 'ann', email: 'ann@example.com'})], {state: 'ACTIVATED', requireMfa: true, mfaExclusionDays: 7});
			const body = planned.rows[0]!.body!;
			// Provenance compares enable_user_portal_multifactor, never mfa, which JumpCloud may answer as a date with `configured` added.
			const found = {...body, _id: id(50), created: now.toISOString(), mfa: {exclusion: true, exclusionUntil: '2026-11-30T10:00:00.000Z', configured: false}} as SystemUser;
			expect(sameDetails(found, fingerprint(body))).toBe(true);
			expect(sameDetails({...found, enable_user_portal_multifactor: false}, fingerprint(body))).toBe(false);
		});
	});

	it('refuses options that contradict each other', () => {
		expect(optionsProblem({...defaultImportOptions, email: {kind: 'default'}})).toMatch(/--state ACTIVATED/);
		expect(optionsProblem({...defaultImportOptions, mfaExclusionDays: 400})).toMatch(/0 to 365/);
		expect(optionsProblem({...defaultImportOptions, concurrency: 0})).toMatch(/concurrency/);
		expect(optionsProblem(defaultImportOptions)).toBeUndefined();
	});
});
