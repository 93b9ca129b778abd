import {describe, expect, it} from 'vitest';
import {Pacer, type PacerOptions} from '../../source/importer/pacer.js';

function clockedPacer(options: PacerOptions = {}) {
	let now = 0;
	const slept: number[] = [];
	const pacer = new Pacer({now: () => now, sleep: async (ms) => void slept.push(ms), ...options});
	const advance = (ms: number) => (now += ms);
	/** `ms` of requests sent at `share` of the pacer's rate, each answered `status`; then the interval ends. */
	const send = async (ms: number, share = 1, status = 200) => {
		const count = Math.round((pacer.rate * share * ms) / 1000);
		const start = now;
		for (let index = 0; index < count; index++) {
			now = start + ((index + 1) * ms) / count;
			await pacer.gate();
			pacer.observe({...ok, status});
		}
		if (count === 0) advance(ms);
	};
	return {pacer, slept, advance, send, at: () => now};
}

const ok = {method: 'POST', path: '/api/systemusers', attempt: 1, durationMs: 100, status: 200};
const refused = {...ok, status: 429};

/** A pacer past slow start (as after a first 429) at `rate`, with no ceiling known. */
function steadyPacer(rate: number) {
	const clocked = clockedPacer();
	clocked.pacer.slowStart = false;
	clocked.pacer.rate = rate;
	return clocked;
}

describe('the adaptive pacer', () => {
	it('spaces requests 1/rate apart', async () => {
		const {pacer, slept} = clockedPacer();
		await pacer.gate();
		await pacer.gate();
		await pacer.gate();
		expect(slept).toEqual([125, 250]);
	});

	it('slow start: doubles every healthy quarter second while the rate is used', async () => {
		const {pacer, send} = clockedPacer();
		expect(pacer.slowStart).toBe(true);
		const rates = [];
		for (let interval = 0; interval < 4; interval++) {
			await send(250);
			rates.push(pacer.rate);
		}
		expect(rates).toEqual([16, 32, 64, 128]);
		expect(pacer.learned()).toEqual({rate: 64, limited: false});
	});

	it('does not grow a rate that is not used, and brings one far above what is sent down to twice it', async () => {
		const {pacer, send} = clockedPacer();
		await send(250);
		await send(250);
		expect(pacer.rate).toBe(32);
		// Only a quarter of the rate goes out (requests in flight are the bound): no growth, and 32 → 2 × 8.
		await send(1000, 0.25);
		expect(pacer.rate).toBe(16);
		// Half of it: held, not grown.
		await send(1000, 0.5);
		expect(pacer.rate).toBe(16);
		expect(pacer.slowStart).toBe(true);
		// Never below where it began.
		await send(1000, 0.1);
		expect(pacer.rate).toBe(8);
	});

	it('the first 429 ends slow start at half of what was sent, or just under what was accepted', async () => {
		const {pacer, send} = clockedPacer({startRate: 64});
		await send(500);
		expect(pacer.rate).toBe(128);
		await send(500); // 64 sent and accepted in this half second, 32 in the one before
		pacer.observe(refused);
		expect(pacer.slowStart).toBe(false);
		expect(pacer.throttled).toBe(1);
		// Half of the 96 sent in the last second: under the 96 × 0.95 accepted.
		expect(pacer.rate).toBeCloseTo(48);
		// AIMD after: a healthy, used second far below the ceiling grows by a quarter (not doubles).
		await send(1000);
		await send(1000);
		expect(pacer.rate).toBeCloseTo(48 * 1.25);
	});

	it('on a 429 settles just under what was accepted in the last second, once per second', () => {
		const {pacer, advance} = steadyPacer(80);
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

	it('counts a 429 again only for a request sent at the lowered pace', () => {
		const {pacer, advance} = steadyPacer(100);
		for (let index = 0; index < 80; index++) {
			advance(10);
			pacer.observe(ok);
		}
		pacer.observe(refused);
		expect(pacer.rate).toBeCloseTo(80 * 0.95);
		advance(50);
		pacer.observe(refused); // sent 100 ms ago, before the drop: the same signal
		expect(pacer.rate).toBeCloseTo(76);
		advance(100);
		pacer.observe({...refused, durationMs: 60}); // sent after the drop: the new pace is still too fast
		expect(pacer.rate).toBeCloseTo(76 * 0.9);
	});

	it('once refusals have gone on for half a second, measures what is granted since they began', () => {
		const {pacer, advance} = steadyPacer(100);
		// A token bucket's saved-up burst: 90 accepted in the last second, 30 of them in the half second of refusals.
		for (let index = 0; index < 60; index++) {
			advance(500 / 60);
			pacer.observe(ok);
		}
		pacer.observe(refused);
		expect(pacer.rate).toBeCloseTo(57); // 60 × 0.95
		for (let index = 0; index < 30; index++) {
			advance(500 / 30);
			pacer.observe(ok);
		}
		pacer.observe({...refused, durationMs: 100});
		expect(pacer.rate).toBeCloseTo(60 * 0.95 * 0.9); // at most 10% down at once…
		advance(150);
		pacer.observe({...refused, durationMs: 100});
		// …against 30 granted in the 650 ms of refusals ≈ 46 a second, not the last second's 60.
		expect(pacer.rate).toBeCloseTo(Math.min(51.3 * 0.9, (30 / 0.65) * 0.95));
	});

	it('probes gently near the refused rate and fast far below it', async () => {
		const {pacer, advance, send} = steadyPacer(60);
		for (let index = 0; index < 50; index++) {
			advance(10);
			pacer.observe(ok);
		}
		pacer.observe(refused); // ceiling 50, rate 47.5
		await send(1000); // the second that saw the refusal does not grow
		expect(pacer.rate).toBeCloseTo(47.5);
		await send(1000);
		expect(pacer.rate).toBeCloseTo(47.5 * 1.02);
		pacer.rate = 10;
		await send(1000);
		expect(pacer.rate).toBeCloseTo(12.5);
	});

	it('lets waiting requests through at the rate of the moment, so a change reaches them', async () => {
		let now = 0;
		const slept: number[] = [];
		const pacer: Pacer = new Pacer({
			startRate: 10,
			now: () => now,
			sleep: async (ms) => {
				slept.push(ms);
				if (slept.length === 1) pacer.rate = 20; // grown while three requests wait
				if (slept.length === 2) pacer.rate = 5; // and dropped
				now += ms;
			},
		});
		await pacer.gate();
		await Promise.all([pacer.gate(), pacer.gate(), pacer.gate()]);
		expect(slept).toEqual([100, 50, 200]);
	});

	it('takes a request that gave up out of the queue', async () => {
		let release: () => void = () => {};
		const held = new Pacer({startRate: 1, sleep: () => new Promise<void>((resolve) => (release = resolve))});
		await held.gate();
		const controller = new AbortController();
		const waiting = held.gate(controller.signal);
		const next = held.gate();
		controller.abort(new Error('stopped'));
		await expect(waiting).rejects.toThrow('stopped');
		release();
		await next; // let through in its place
	});

	it('starts just under a learned limit, past slow start, and probes gently from there', async () => {
		const {pacer, send} = clockedPacer({learned: {rate: 50, limited: true}});
		expect(pacer.rate).toBe(45);
		expect(pacer.slowStart).toBe(false);
		await send(1000);
		expect(pacer.rate).toBeCloseTo(45 * 1.02);
		expect(pacer.learned()).toEqual({rate: 50, limited: true});
	});

	it('starts just under a learned unlimited rate in slow start, and does not forget it after a short run', async () => {
		const {pacer, send} = clockedPacer({learned: {rate: 100, limited: false}});
		expect(pacer.rate).toBe(90);
		expect(pacer.slowStart).toBe(true);
		await send(500, 0.3);
		expect(pacer.learned()).toEqual({rate: 100, limited: false});
	});

	it('ignores a learned rate that is no rate', () => {
		expect(clockedPacer({learned: {rate: Number.NaN, limited: true}}).pacer.rate).toBe(8);
		expect(clockedPacer({learned: {rate: 0, limited: true}}).pacer.slowStart).toBe(true);
	});

	it('remembers what it learned through keep, and never throws from it', async () => {
		const kept: unknown[] = [];
		const {pacer, send} = clockedPacer({keep: (learned) => kept.push(learned)});
		pacer.remember(); // nothing learned yet
		expect(kept).toEqual([]);
		await send(500);
		await send(500);
		pacer.observe(refused);
		pacer.remember();
		expect(kept).toEqual([{rate: 12, limited: true}]);
		const failing = clockedPacer({
			keep: () => {
				throw new Error('disk full');
			},
		});
		await failing.send(500);
		expect(() => failing.pacer.remember()).not.toThrow();
	});
});
