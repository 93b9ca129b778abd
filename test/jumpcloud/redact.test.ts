import {describe, expect, it} from 'vitest';
import {redact} from '../../source/lib/redact.js';

const key = 'jca_Secret/Key+é_0123456789';

describe('redact', () => {
	it('removes every form a server might echo', () => {
		const json = JSON.stringify(key).slice(1, -1);
		const forms = {
			verbatim: key,
			lower: key.toLowerCase(),
			upper: key.toUpperCase(),
			mixed: 'JCA_secret/KEY+é_0123456789',
			base64: Buffer.from(key).toString('base64'),
			base64url: Buffer.from(key).toString('base64url'),
			uri: encodeURIComponent(key),
			uriLowerHex: encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
			form: new URLSearchParams({k: key}).toString().slice(2),
			json,
			jsonAscii: json.replace('/', '\\/').replace('é', '\\u00e9'),
		};
		for (const [name, form] of Object.entries(forms)) {
			expect(redact(`before ${form} after`, [key]), name).toBe('before [REDACTED] after');
		}
	});

	it('finds the base64 of a secret inside a longer base64 string at any byte offset', () => {
		for (const prefix of ['', 'a', 'ab', 'abc:']) {
			const encoded = Buffer.from(`${prefix}${key}!tail`).toString('base64');
			const out = redact(`Authorization: Basic ${encoded}`, [key]);
			expect(out, prefix).toContain('[REDACTED]');
			// What is left on either side is a character or two, not the secret's bytes.
			expect(out.replace(/^Authorization: Basic /, '').replace('[REDACTED]', '').length, prefix).toBeLessThan(20);
		}
	});

	it('leaves ordinary text alone, and short secrets unused', () => {
		expect(redact('nothing to see here', [key, undefined, 'here'])).toBe('nothing to see here');
		expect(redact('a a.b a', ['a.b.c.d'])).toBe('a a.b a');
	});
});
