import {describe, expect, it} from 'vitest';
import {Sleeper} from '../../source/sandbox/sleeper.js';

describe('waits a closing sandbox cuts short', () => {
	it('wakes every sleeper at close, long before their time, and says it is closed', async () => {
		const sleeper = new Sleeper();
		const started = Date.now();
		const waits = [sleeper.sleep(60_000), sleeper.sleep(30_000)];
		expect(sleeper.closed).toBe(false);
		sleeper.close();
		await Promise.all(waits);
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(sleeper.closed).toBe(true);
	});

	it('does not wait at all for zero or less', async () => {
		await new Sleeper().sleep(0);
		await new Sleeper().sleep(-5);
	});
});
