import {describe, expect, it} from 'vitest';
import {decodeBytes} from '../../source/csv/encoding.js';
import {encodeShiftJis} from '../../source/csv/shift-jis.js';

describe('Shift_JIS written back', () => {
	it('gives the bytes that read back as the same text', () => {
		const text = '社員番号,姓,名,メールアドレス,ｶﾅ\r\n0001,山田,太郎,taro@example.jp,ﾀﾛｳ\r\n';
		const bytes = encodeShiftJis(text);
		expect(bytes.length).toBeLessThan(Buffer.byteLength(text, 'utf8'));
		expect(decodeBytes(bytes, 'shift_jis')).toBe(text);
		expect([...encodeShiftJis('山')]).toEqual([0x8e, 0x52]);
	});

	it('writes ? for a character the code page lacks', () => {
		expect(decodeBytes(encodeShiftJis('Łukasz 😀'), 'shift_jis')).toBe('?ukasz ?');
	});
});
