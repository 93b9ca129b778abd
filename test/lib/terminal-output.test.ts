import {describe, expect, it} from 'vitest';
import {sanitize} from '../../source/lib/sanitize.js';
import {terminalJson} from '../../source/lib/terminal-json.js';

describe('JSON for the terminal', () => {
	it('escapes C1 controls, bidi overrides and separators that JSON.stringify leaves raw, and stays the same value', () => {
		const value = {name: 'evil\u009b2J\u202eroot\u2028x', plain: 'Zoë 日本', control: '\u001b[31m'};
		const text = terminalJson(value);
		expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2028\u2029]/);
		expect(text).toContain('\\u009b');
		expect(text).toContain('Zoë 日本');
		expect(JSON.parse(text)).toEqual(value);
	});
});

describe('sanitize', () => {
	it('removes bidi marks and overrides, escape sequences and controls from a cell before it is drawn', () => {
		expect(sanitize('\u200ebob\u202e\u001b]0;pwned\u0007\u001b[2J\u0007x')).toBe('\ufffdbob\ufffd\ufffdx');
	});
});
