import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openCsv, type CsvRow} from '../../source/csv/index.js';
import {sniffLayout} from '../../source/csv/sniff-layout.js';
import {isStructuredValue, withoutFormulaGuard} from '../../source/lib/value-shapes.js';
import {cnOf, domainOf, parseDn} from '../../source/lib/distinguished-name.js';
import {readNestedRecords, recordOfType} from '../../source/users/nested-cells.js';
import {projectRoot} from '../support/shared.js';

/**
 * How directory and HR exports are read: the lines above and under the header, the headers, and
 * the cells as their tools write them (fixtures/layouts/SOURCES.md says where each format is documented).
 */
const folder = path.join(projectRoot, 'fixtures/layouts');

async function readAll(name: string) {
	const csv = await openCsv(path.join(folder, name));
	const rows: CsvRow[] = [];
	for await (const row of csv.rows()) rows.push(row);
	const cell = (row: number, header: string) => rows[row]!.cells[csv.layout.headers.indexOf(header)]!;
	return {layout: csv.layout, rows, cell};
}

describe('PowerShell 5.1 Export-Csv', () => {
	it('skips the #TYPE line and takes the header from line 2', async () => {
		const {layout, rows, cell} = await readAll('powershell51-export.csv');
		expect(layout.headerLine).toBe(2);
		expect(layout.powershellType).toBe('Selected.Microsoft.ActiveDirectory.Management.ADUser');
		expect(layout.headers.slice(0, 4)).toEqual(['GivenName', 'Surname', 'DisplayName', 'SamAccountName']);
		expect(rows.map((row) => row.line)).toEqual([3, 4, 5]);
		expect(cell(1, 'Manager')).toBe('CN=Priya Raman,OU=IT,DC=corp,DC=example,DC=com');
		expect(isStructuredValue(cell(0, 'MemberOf'))).toBe(true);
	});

	it('skips the #TYPE line of a PSCustomObject export with semicolons (-Delimiter ";")', () => {
		const text = '#TYPE System.Management.Automation.PSCustomObject\r\n"Name";"Mail";"City"\r\n"Ada Lovelace";"ada@example.org";"London"\r\n';
		const layout = sniffLayout(text, true)!;
		expect([layout.delimiter, layout.headerLine, layout.powershellType]).toEqual([';', 2, 'System.Management.Automation.PSCustomObject']);
		expect(layout.rawHeaders).toEqual(['Name', 'Mail', 'City']);
	});

	it('reads a file exported with -NoTypeInformation from line 1, with no type name', async () => {
		const {layout} = await readAll('jumpcloud-backup-users.csv');
		expect(layout.headerLine).toBe(1);
		expect(layout.powershellType).toBeUndefined();
	});
});

describe('SAP SuccessFactors user data file', () => {
	it('takes the system keys on row 1 as the header and skips the labels on row 2', async () => {
		const {layout, rows, cell} = await readAll('successfactors.csv');
		expect(layout.headerLine).toBe(1);
		expect(layout.labelLine).toBe(2);
		expect(layout.headers.slice(0, 5)).toEqual(['STATUS', 'USERID', 'USERNAME', 'FIRSTNAME', 'LASTNAME']);
		expect(layout.labels?.slice(0, 5)).toEqual(['STATUS', 'USERID', 'Username', 'First Name', 'Last Name']);
		expect(layout.labels).toHaveLength(layout.headers.length);
		expect(rows.map((row) => [row.row, row.line, cell(row.row - 1, 'USERNAME')])).toEqual([
			[1, 3, 'gwalker'],
			[2, 4, 'dokafor'],
			[3, 5, 'lnguyen'],
			[4, 6, 'sbrandt'],
		]);
	});

	it('finds the labels again when the header line is given (a saved import reopens the file so)', async () => {
		const csv = await openCsv(path.join(folder, 'successfactors.csv'), {headerLine: 1});
		expect(csv.layout.labelLine).toBe(2);
		expect((await csv.sample(1))[0]!.line).toBe(3);
	});

	it('takes a relabelling in other words as labels when the rows below hold emails, dates and numbers', () => {
		const text = 'USERID,EMAIL,HIREDATE,NAME\nIdentifiant,Courriel,Date d’embauche,Nom\n1001,ann@example.org,2020-01-02,Ann Lee\n1002,bo@example.org,2021-03-04,Bo Chan\n';
		const layout = sniffLayout(text, true)!;
		expect([layout.headerLine, layout.labels?.line]).toEqual([1, 2]);
	});

	it('takes a second row that repeats the header in other spelling as labels, even with no data under it', () => {
		const layout = sniffLayout('first_name,last_name,email\nFirst Name,Last Name,Email\n', true)!;
		expect(layout.labels?.rawLabels).toEqual(['First Name', 'Last Name', 'Email']);
	});

	it.each([
		['a first row of words whose values come again below', 'Name,Department,City\nAda Lovelace,Research,London\nAlan Turing,Research,Manchester\n'],
		['a first row holding an email', 'Name,Mail,City\nAda Lovelace,ada@example.org,London\nAlan Turing,alan@example.org,Manchester\n'],
		['a first row with an empty cell', 'USERID,EMAIL,NAME\nIdentifiant,,Nom\n1001,ann@example.org,Ann Lee\n'],
		['a first row of words over a table of words only', 'Name,Team\nAda Lovelace,Engines\nAlan Turing,Codes\n'],
		['a first row with words where one column below holds phone numbers', 'Name,Phone,Team\nAda Lovelace,ask reception,Engines\nAlan Turing,+44 20 5555 0101,Codes\nGrace Hopper,+1 202 555 0102,Compilers\n'],
		['a first row naming two columns alike', 'USERID,EMAIL,NAME\nNom,Nom,Courriel\n1001,ann@example.org,Ann Lee\n'],
	])('keeps %s as data', (_, text) => {
		const layout = sniffLayout(text, true)!;
		expect(layout.headerLine).toBe(1);
		expect(layout.labels).toBeUndefined();
	});

	it('finds no label row in any other layout fixture', async () => {
		const others = readdirSync(folder).filter((name) => name.endsWith('.csv') && name !== 'successfactors.csv');
		expect(others.length).toBeGreaterThan(10);
		for (const name of others) {
			const csv = await openCsv(path.join(folder, name));
			expect([name, csv.layout.labelLine]).toEqual([name, undefined]);
		}
	});
});

describe('csvde output', () => {
	it('reads Windows-1252 with the DN first, DNs with commas inside quotes, and multi-valued cells joined with ;', async () => {
		const {layout, rows, cell} = await readAll('csvde-ad.csv');
		expect([layout.encoding, layout.delimiter, layout.headerLine]).toEqual(['windows-1252', ',', 1]);
		expect(layout.headers[0]).toBe('DN');
		expect(layout.headers).toEqual(expect.arrayContaining(['l', 'st', 'c', 'co', 'facsimileTelephoneNumber', 'physicalDeliveryOfficeName', 'manager', 'memberOf']));
		expect(rows).toHaveLength(4);
		expect(cell(0, 'DN')).toBe('CN=Lefèvre\\, François,OU=Staff,DC=corp,DC=example,DC=com');
		expect(cell(0, 'cn')).toBe('Lefèvre, François');
		expect(cell(1, 'l')).toBe('Köln');
		expect(cell(0, 'objectClass').split(';')).toEqual(['top', 'person', 'organizationalPerson', 'user']);
		expect(cell(2, 'memberOf').split(';').map((group) => cnOf(group))).toEqual(['Sales', 'VPN Users']);
	});

	it('gives each manager as a DN whose common name is a person in the file', async () => {
		const {rows, cell} = await readAll('csvde-ad.csv');
		const names = rows.map((_, index) => cell(index, 'cn'));
		const managers = rows.map((_, index) => cell(index, 'manager')).filter((manager) => manager !== '');
		expect(managers.map((manager) => cnOf(manager))).toEqual(['Lefèvre, François', 'Zoë Bäcker', 'Lefèvre, François']);
		for (const manager of managers) expect(names).toContain(cnOf(manager));
		expect(domainOf(managers[0]!)).toBe('corp.example.com');
	});
});

describe('JumpCloud Get-JCBackup -Users', () => {
	it('reads JSON cells that span lines, and counts the lines they take', async () => {
		const {rows, cell} = await readAll('jumpcloud-backup-users.csv');
		const text = readFileSync(path.join(folder, 'jumpcloud-backup-users.csv'), 'utf8');
		const lineOf = (id: string) => text.slice(0, text.indexOf(`"${id}"`)).split('\n').length;
		expect(rows.map((row) => row.line)).toEqual(['64b7f2a1c3d4e5f601234567', '64b7f2a1c3d4e5f601234568', '64b7f2a1c3d4e5f601234569'].map(lineOf));
		expect(rows.map((row) => row.fieldCount)).toEqual([42, 42, 42]);
		expect(JSON.parse(cell(0, 'addresses'))).toMatchObject({type: 'work', streetAddress: '1919 14th St', locality: 'Boulder'});
		expect(JSON.parse(cell(1, 'addresses'))).toHaveLength(2);
		expect(JSON.parse(cell(0, 'phonenumbers'))).toEqual([expect.objectContaining({type: 'work'}), expect.objectContaining({type: 'mobile'})]);
		expect(cell(2, 'addresses')).toBe('');
		expect(cell(0, 'username')).toBe('maya.rodriguez');
	});

	it('reads the work address and the phone numbers back out of their JSON cells', async () => {
		const {cell} = await readAll('jumpcloud-backup-users.csv');
		const work = recordOfType(readNestedRecords(cell(1, 'addresses'))!, 'work');
		expect(work).toMatchObject({streetAddress: '1919 14th St', extendedAddress: 'Suite 200', locality: 'Boulder', region: 'CO', postalCode: '80302', country: 'United States'});
		expect(recordOfType(readNestedRecords(cell(1, 'addresses'))!, 'HOME')?.locality).toBe('Louisville');
		expect(readNestedRecords(cell(0, 'phonenumbers'))!.map((phone) => [phone.type, phone.number])).toEqual([
			['work', '+1 303 555 0170'],
			['mobile', '+1 303 555 0171'],
		]);
		expect(readNestedRecords(cell(0, 'mfa'))).toEqual([{configured: 'True', exclusion: 'False', exclusionUntil: ''}]);
		expect(readNestedRecords(cell(0, 'recoveryEmail'))?.[0]?.address).toBe('maya.home@example.net');
	});

	it.each(['', 'maya.rodriguez', '{not json}', '[1, 2]', '"text"', '42', 'System.Object[]'])('finds no nested records in %j', (value) => {
		expect(readNestedRecords(value)).toBeUndefined();
	});

	it('keeps a hashtable value whole when it holds a semicolon, and writes JSON values as text', () => {
		expect(readNestedRecords('@{streetAddress=Unit 4; 12 Main St; locality=Leeds}')).toEqual([{streetAddress: 'Unit 4; 12 Main St', locality: 'Leeds'}]);
		expect(readNestedRecords('{"id": 7, "primary": true, "note": null, "tags": ["a"]}')).toEqual([{id: '7', primary: 'true', note: '', tags: '["a"]'}]);
	});

	it('holds nested objects that no attribute takes: JSON, PowerShell hashtables', async () => {
		const {cell} = await readAll('jumpcloud-backup-users.csv');
		for (const header of ['attributes', 'addresses', 'phonenumbers', 'mfa', 'recoveryEmail']) expect([header, isStructuredValue(cell(0, header))]).toEqual([header, true]);
		for (const header of ['email', 'username', 'displayname', 'created', 'unix_uid', 'state']) expect([header, isStructuredValue(cell(0, header))]).toEqual([header, false]);
	});
});

describe('Oracle Cloud identity domain user export', () => {
	it('reads compound headers and a formatted address over three lines', async () => {
		const {layout, rows, cell} = await readAll('oracle-iam-users.csv');
		expect(layout.headers).toEqual(expect.arrayContaining(['User Name', 'Work Address Street', 'Work Address Locality', 'Work Address Postal Code', 'Home Address Street', 'Mobile No', 'Employee Number', 'Organization Name']));
		expect(rows.map((row) => row.line)).toEqual([2, 5, 8]);
		expect(cell(0, 'Work Address Formatted')).toBe('2300 Oracle Way\nAustin, TX 78741\nUS');
		expect(cell(0, 'Work Address Locality')).toBe('Austin');
	});

	it('keeps the apostrophe Oracle puts before a value that starts with + as written; withoutFormulaGuard takes it off', async () => {
		const {cell} = await readAll('oracle-iam-users.csv');
		expect(cell(0, 'Work Phone')).toBe("'+1 512 555 0180");
		expect(withoutFormulaGuard(cell(0, 'Work Phone'))).toBe('+1 512 555 0180');
	});

	it.each([
		["'+1 512 555 0180", '+1 512 555 0180'],
		["'=SUM(A1)", '=SUM(A1)'],
		["'-5", '-5'],
		["'@handle", '@handle'],
		["'|pipe", '|pipe'],
		["'%done", '%done'],
		["O'Brien", "O'Brien"],
		["'quoted'", "'quoted'"],
		["'", "'"],
		['+1 512 555 0180', '+1 512 555 0180'],
	])('withoutFormulaGuard(%j) is %j', (value, expected) => {
		expect(withoutFormulaGuard(value)).toBe(expected);
	});
});

describe('distinguished names', () => {
	it('splits a DN into its RDNs, most specific first', () => {
		expect(parseDn('CN=Jane Doe,OU=Staff,DC=corp,DC=example,DC=com')).toEqual([
			[{type: 'CN', value: 'Jane Doe'}],
			[{type: 'OU', value: 'Staff'}],
			[{type: 'DC', value: 'corp'}],
			[{type: 'DC', value: 'example'}],
			[{type: 'DC', value: 'com'}],
		]);
	});

	it.each([
		['an escaped comma', 'CN=Doe\\, Jane,OU=Staff,DC=example,DC=com', 'Doe, Jane'],
		['UTF-8 hex pairs', 'CN=Jos\\C3\\A9 N\\C3\\BA\\C3\\B1ez,OU=Staff,DC=example,DC=com', 'José Núñez'],
		['an escaped hex comma', 'CN=Doe\\2C Jane,DC=example,DC=com', 'Doe, Jane'],
		['a quoted value (RFC 1779)', 'CN="Doe, Jane",OU=Staff,DC=example,DC=com', 'Doe, Jane'],
		['spaces around separators and ; between RDNs', 'cn = Jane Doe ; ou=Staff;dc=example', 'Jane Doe'],
		['an escaped trailing space', 'CN=Jane Doe\\ ,DC=example', 'Jane Doe '],
		['escaped + and = signs', 'CN=A\\+B \\= C,DC=example', 'A+B = C'],
		['the OID of cn', '2.5.4.3=Jane Doe,DC=example', 'Jane Doe'],
	])('reads the common name through %s', (_, dn, name) => {
		expect(cnOf(dn)).toBe(name);
	});

	it('reads a multi-valued RDN and keeps a # hex value as written', () => {
		expect(parseDn('CN=Jane+UID=jdoe,DC=example')?.[0]).toEqual([
			{type: 'CN', value: 'Jane'},
			{type: 'UID', value: 'jdoe'},
		]);
		expect(parseDn('UID=#04024869,DC=example')?.[0]).toEqual([{type: 'UID', value: '#04024869'}]);
	});

	it.each(['', 'Jane Doe', 'jane.doe@example.com', 'CN=Jane,', '=Jane,DC=example', 'CN=Ja"ne,DC=example', 'CN="Jane,DC=example', 'C N=Jane', 'CN=Jane\\'])('is not a DN: %j', (text) => {
		expect(parseDn(text)).toBeUndefined();
	});

	it('gives no common name for a DN that starts elsewhere, and no domain without DC parts', () => {
		expect(cnOf('UID=jdoe,OU=People,DC=example,DC=org')).toBeUndefined();
		expect(domainOf('CN=Jane,OU=Staff,O=Example')).toBeUndefined();
	});
});

describe('structured cells', () => {
	it.each([
		'@{type=work; streetAddress=1 Main St; locality=Denver}',
		'@{}',
		'System.Object[]',
		'System.Collections.Hashtable',
		'Microsoft.ActiveDirectory.Management.ADPropertyValueCollection',
		'{"type": "work", "number": "+1 303 555 0100"}',
		'[\r\n    {\r\n        "name":  "Badge",\r\n        "value":  "4471"\r\n    }\r\n]',
		'[]',
	])('knows %j as a nested object', (value) => {
		expect(isStructuredValue(value)).toBe(true);
	});

	it.each(['1 Main St', '{not json}', '[Managers]', 'St. Louis', 'System', 'Systems Engineer', '@example', 'ada@example.org', 'System.Object[] and more', '', '{', '"quoted"', '42'])('knows %j as a plain value', (value) => {
		expect(isStructuredValue(value)).toBe(false);
	});
});
