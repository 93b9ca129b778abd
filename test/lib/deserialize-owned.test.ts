import {deserialize, serialize} from 'node:v8';
import {describe, expect, it} from 'vitest';
import {deserializeOwned} from '../../source/lib/deserialize-owned.js';

describe('deserializeOwned', () => {
	const value = {
		rows: new Int32Array([1, 2, 3, 2 ** 31 - 1]),
		kinds: new Uint8Array([0, 4, 255]),
		nested: new Map([[7, {hashes: new Int32Array([-5, 6]), texts: ['a', null, 'zoë']}]]),
		bytes: Buffer.from('plain'),
		floats: new Float64Array([0.5]),
	};
	const bytes = serialize(value);

	it('reads what v8.deserialize reads', () => {
		expect(deserializeOwned(bytes)).toEqual(deserialize(bytes));
		expect(deserializeOwned(bytes)).toEqual(value);
	});

	it('gives each typed array a buffer of its own, not a view into the bytes it was read from', () => {
		const plain = deserialize(bytes) as typeof value;
		// What it mends: Node's own keeps the whole source alive behind a four-number array.
		expect(plain.rows.buffer.byteLength).toBeGreaterThan(plain.rows.byteLength);
		const owned = deserializeOwned(bytes) as typeof value;
		for (const view of [owned.rows, owned.kinds, owned.nested.get(7)!.hashes, owned.bytes, owned.floats]) {
			expect(view.byteOffset).toBe(0);
			expect(view.buffer.byteLength).toBe(view.byteLength);
		}
		expect(Buffer.isBuffer(owned.bytes)).toBe(true);
	});
});
