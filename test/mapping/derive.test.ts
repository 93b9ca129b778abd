import {describe, expect, it} from 'vitest';
import {derivations, splitFullName, usernameFromEmail} from '../../source/mapping/derive.js';
import {bracketHints, compactHeader, normalizeHeader} from '../../source/mapping/normalize-header.js';

describe('header normalisation', () => {
	it.each([
		['First Name [Required]', 'first name'],
		['firstName', 'first name'],
		['first_name', 'first name'],
		[' FIRST-NAME ', 'first name'],
		['Fírst name', 'first name'],
		['Straße', 'strasse'],
		['HRISId', 'hris id'],
		['Block sign in (Yes/No) [accountEnabled] Required', 'block sign in'],
		['\u00a0E-Mail\u200b', 'e mail'],
	])('%j → %j', (header, expected) => {
		expect(normalizeHeader(header)).toBe(expected);
	});

	it('compacts and reads bracket hints', () => {
		expect(compactHeader('home_streetAddress')).toBe('homestreetaddress');
		expect(bracketHints('User name [userPrincipalName] Required')).toEqual(['userPrincipalName']);
	});
});

describe('derived values', () => {
	it('offers username from email, display name from first + last', () => {
		expect(derivations(new Set(['email', 'firstname', 'lastname'])).map((d) => [d.target, d.from, d.enabled])).toEqual([
			['username', ['email'], true],
			['displayname', ['firstname', 'lastname'], true],
		]);
	});

	it('offers first and last from a full name only when both are missing', () => {
		expect(derivations(new Set(['username', 'email', 'displayname'])).map((d) => d.target)).toEqual(['firstname', 'lastname']);
		expect(derivations(new Set(['username', 'email', 'displayname', 'lastname'])).map((d) => d.target)).toEqual([]);
	});

	it('keeps a switched-off derivation off', () => {
		const [username] = derivations(new Set(['email']), [{target: 'username', from: ['email'], rule: '', enabled: false}]);
		expect(username?.enabled).toBe(false);
	});

	it.each([
		['jane.doe@example.com', 'jane.doe'],
		["jane.o'neil+it@example.com", 'jane.oneil-it'],
		['müller.jürgen@example.de', 'muller.jurgen'],
		['strauß@example.de', 'strauss'],
		['1st.admin_@example.com', 'st.admin'],
	])('username from %s is %s', (email, username) => {
		expect(usernameFromEmail(email)).toBe(username);
	});

	it.each([
		['Ada Lovelace', 'Ada', 'Lovelace'],
		['Lovelace, Ada', 'Ada', 'Lovelace'],
		['Mary Ann  Evans', 'Mary Ann', 'Evans'],
		['Cher', 'Cher', ''],
	])('splits %s', (full, firstname, lastname) => {
		expect(splitFullName(full)).toEqual({firstname, lastname});
	});
});
