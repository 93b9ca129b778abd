import {describe, expect, it} from 'vitest';
import {Pacer} from '../../source/importer/pacer.js';

function clockedPacer() {
	let now = 0;
	const slept: number[] = [];
	const pacer = new Pacer({now: () => now, sleep: async (ms) => void slept.push(ms)});
	return {pacer, slept, advance: (ms: number) => (now += ms), at: () => now};
}

const ok = {method: 'POST', path: '/api/systemusers', attempt: 1, durationMs: 100, status: 200};
const refused = {...ok, status: 429};

describe('the adaptive pacer', () => {
	it('spaces requests 1/rate apart', async () => {
		const {pacer, slept} = clockedPacer();
		await pacer.gate();
		await pacer.gate();
		await pacer.gate();
		expect(slept).toEqual([125, 250]);
	});

	it('grows by a quarter each healthy second until refused', () => {
		const {pacer, advance} = clockedPacer();
		for (let second = 0; second < 3; second++) {
			advance(1000);
			pacer.observe(ok);
		}
		expect(pacer.rate).toBeCloseTo(8 * 1.25 ** 3);
	});

	it('on a 429 settles just under what was accepted in the last second, once per second', () => {
		const {pacer, advance} = clockedPacer();
		pacer.rate = 80;
		for (let index = 0; index < 40; index++) {
			advance(20);
			pacer.observe(ok);
		}
		pacer.observe(refused);
		expect(pacer.rate).toBeCloseTo(40 * 0.95);
		pacer.observe(refused);
		expect(pacer.rate).toBeCloseTo(38);
		expect(pacer.throttled).toBe(2);
	});

	it('probes gently near the refused rate and fast far below it', () => {
		const {pacer, advance} = clockedPacer();
		pacer.rate = 60;
		for (let index = 0; index < 50; index++) {
			advance(10);
			pacer.observe(ok);
		}
		pacer.observe(refused); // ceiling 50, rate 47.5
		advance(1000);
		pacer.observe(ok); // the second that saw the refusal does not grow
		expect(pacer.rate).toBeCloseTo(47.5);
		advance(1000);
		pacer.observe(ok);
		expect(pacer.rate).toBeCloseTo(47.5 * 1.02);
		pacer.rate = 10;
		advance(1000);
		pacer.observe(ok);
		expect(pacer.rate).toBeCloseTo(12.5);
	});
});
