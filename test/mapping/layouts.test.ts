import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {userCreateSchema} from '../../source/users/user-schema.js';
import {projectRoot} from '../support/shared.js';
import {readLayout} from '../support/read-layout.js';

/**
 * Exports and templates of the systems admins bring files from. `expected.json` holds, per file, the
 * mapping (header → target), the derived targets and the first row's payload, each checked by hand
 * against the format's documentation.
 */
const folder = path.join(projectRoot, 'fixtures/layouts');
const expected = JSON.parse(readFileSync(path.join(folder, 'expected.json'), 'utf8')) as Record<
	string,
	{targets: Record<string, string | null>; derived: string[]; first: Record<string, unknown>}
>;

describe.each(Object.keys(expected))('the layout %s', (name) => {
	it('maps every column as expected, derives what is missing, and decodes the first row', async () => {
		const {targets, derived, payloads, issues} = await readLayout(path.join(folder, name));
		expect(targets).toEqual(expected[name]!.targets);
		expect(derived).toEqual(expected[name]!.derived);
		expect(payloads[0]).toEqual(expected[name]!.first);
		expect(issues).toEqual([]);
	});

	it('builds payloads that meet the create schema exactly', async () => {
		const {payloads} = await readLayout(path.join(folder, name));
		for (const payload of payloads) expect(userCreateSchema.safeParse(payload).error?.issues).toBeUndefined();
	});
});

describe('what the layouts show', () => {
	it('reads a German Excel file in Windows-1252 with semicolons', async () => {
		const {layout, payloads} = await readLayout(path.join(folder, 'personio-de.csv'));
		expect([layout.encoding, layout.delimiter]).toEqual(['windows-1252', ';']);
		expect(payloads[1]).toMatchObject({lastname: 'Schön', jobTitle: 'Geschäftsführerin', location: 'Köln'});
	});

	it("skips Entra's version line and takes the user principal name as the email", async () => {
		const {layout, targets, payloads} = await readLayout(path.join(folder, 'entra-bulk-template.csv'));
		expect(layout.headerLine).toBe(2);
		expect(targets['User name [userPrincipalName] Required']).toBe('email');
		expect(targets['State or province [state]']).toBe('work_state');
		expect(payloads[1]).toMatchObject({username: 'dana.mueller', account_locked: true, lastname: 'Müller'});
	});

	it('keeps leading zeros of employee numbers', async () => {
		const {payloads} = await readLayout(path.join(folder, 'okta.csv'));
		expect(payloads.map((payload) => payload?.employeeIdentifier)).toEqual(['00042', '00043']);
	});

	it('takes a bare "state" column of regions as the work address region, not the account state', async () => {
		const {targets, payloads} = await readLayout(path.join(folder, 'entra-export.csv'));
		expect(targets.state).toBe('work_state');
		expect(payloads[0]?.state).toBe('STAGED');
	});
});
