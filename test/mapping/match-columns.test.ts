import {describe, expect, it} from 'vitest';
import {matchColumns, type DirectoryNames} from '../../source/mapping/match-columns.js';

const match = (headers: Array<string | [string, string[]]>, directory?: DirectoryNames) =>
	matchColumns(
		headers.map((header, index) => (typeof header === 'string' ? {index, header, samples: []} : {index, header: header[0], samples: header[1]})),
		directory,
	).map(({target, confidence, reason}) => [target, confidence, reason]);

describe('matching columns to targets', () => {
	it('matches normalised names exactly: case, spaces, punctuation, camelCase, snake_case, hints', () => {
		expect(match(['FIRST-NAME', 'last_name', 'jobTitle', ' E-Mail [Required]', 'Employee Identifier', 'work_postalCode'])).toEqual([
			['firstname', 1, 'exact'],
			['lastname', 1, 'exact'],
			['jobTitle', 1, 'exact'],
			['email', 1, 'exact'],
			['employeeIdentifier', 1, 'exact'],
			['work_postalCode', 1, 'exact'],
		]);
	});

	it('reads a bracketed hint when the words say nothing', () => {
		expect(match(['Nom affiché [displayName]', 'Usage location [usageLocation]'])).toEqual([
			['displayname', 0.97, 'hint'],
			[null, 0, null],
		]);
	});

	it('uses synonyms across products and languages', () => {
		expect(match(['Vorname', 'Prénom', 'Correo electrónico', 'Reports To', 'givenName']).map(([target]) => target)).toEqual([
			'firstname',
			null, // a second first-name column loses to the first: single-valued targets are one-to-one
			'email',
			'manager',
			null,
		]);
	});

	it('forgives misspellings with a lower confidence', () => {
		const [target, confidence, reason] = match(['Fristname'])[0] as [string, number, string];
		expect([target, reason]).toEqual(['firstname', 'fuzzy']);
		expect(confidence).toBeGreaterThan(0.4);
		expect(confidence).toBeLessThan(0.92);
		expect(match(['Zebra crossing'])).toEqual([[null, 0, null]]);
	});

	it('lets values speak: a username column of addresses is the email, an unnamed column of addresses too', () => {
		expect(match([['Username', ['ada@example.com', 'bob@example.com']], 'First Name'])).toEqual([
			['email', 0.7, 'values'],
			['firstname', 1, 'exact'],
		]);
		expect(match([['Column 7', ['ada@example.com', 'bob@example.com']]])).toEqual([['email', 0.6, 'values']]);
		expect(match([['Column 8', ['maybe', 'perhaps']]])).toEqual([[null, 0, null]]);
	});

	it('recognises group names and hostnames that exist in the directory when connected', () => {
		const directory = {groups: ['Engineering', 'VPN Users'], systems: ['build-01', 'mac-ada']};
		expect(match([['Team list', ['Engineering', 'VPN Users; Engineering']], ['Box', ['build-01', 'mac-ada']]], directory)).toEqual([
			['group', 0.75, 'values'],
			['system', 0.7, 'values'],
		]);
		// Without the directory, the header's known word speaks, unsure for the word it does not know.
		expect(match([['Team list', ['Engineering']]])).toEqual([['department', 0.61, 'concepts']]);
	});

	it('lets several columns map to groups, and numbers PowerShell attribute pairs', () => {
		expect(match(['Group1', 'Group2', 'Gruppen', 'Attribute1_name', 'Attribute1_value', 'attribute: costCode'])).toEqual([
			['group', 0.95, 'pattern'],
			['group', 0.95, 'pattern'],
			['group', 0.92, 'synonym'],
			['attribute:{name:1}', 1, 'pattern'],
			['attribute:{value:1}', 1, 'pattern'],
			['attribute:costCode', 0.95, 'pattern'],
		]);
	});

	it('gives a single-valued target to the most confident column only', () => {
		expect(match(['Mail', 'Email']).map(([target]) => target)).toEqual([null, 'email']);
	});

	it('takes a bare State of regions as the work region, and of states as the account state', () => {
		expect(match([['State', ['CA', 'WA']]])).toEqual([['work_state', 0.6, 'synonym']]);
		expect(match([['State', ['STAGED', 'ACTIVATED']]])).toEqual([['state', 1, 'exact']]);
	});
});
