import {describe, expect, it} from 'vitest';
import {defaultImportOptions} from '../../source/importer/options.js';
import {emailSentence} from '../../source/ui/state/steps/defaults.js';

/* "All to one address" before the address is given: the sentence asks for it, it names no empty address. */

describe('the email sentence for one address', () => {
	const activated = {...defaultImportOptions, state: 'ACTIVATED' as const};

	it('asks for the address while there is none', () => {
		const sentence = emailSentence({...activated, email: {kind: 'address', address: ''}});
		expect(sentence).toBe('Users are activated; every welcome and activation email goes to one address, not to the users: give it on the Address line.');
		expect(sentence).not.toContain('goes to ,');
	});

	it('names the address once given', () => {
		expect(emailSentence({...activated, email: {kind: 'address', address: 'it@example.com'}})).toBe('Users are activated; every welcome and activation email goes to it@example.com, not to the users.');
	});
});
