import {setMaxListeners} from 'node:events';
import {sleep} from '../jumpcloud/backoff.js';

/** Thrown where a hard stop cut a row's work short: the row's open steps stay open in the journal. */
export class Stopped extends Error {}

/**
 * A run's hard stop: requests in flight are abandoned, and every wait (the shared `sleep`, or a
 * promise the run depends on) ends at once with `Stopped`, so no row goes on after it.
 */
export class HardStop {
	private readonly controller = new AbortController();

	/** `sleep`: a test's stand-in for the shared sleep (it then does not hear the stop). */
	constructor(private readonly sleepFor?: (ms: number) => Promise<void>) {
		// Every request in flight listens to the stop signal: many at once is expected, not a leak.
		setMaxListeners(0, this.controller.signal);
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	get stopped(): boolean {
		return this.controller.signal.aborted;
	}

	stop(): void {
		this.controller.abort(new Stopped('stopped'));
	}

	throwIfStopped(): void {
		if (this.stopped) throw new Stopped('stopped');
	}

	/** The shared backoff sleep, cut short by the stop. */
	async wait(ms: number): Promise<void> {
		if (this.sleepFor) return this.sleepFor(ms);
		await sleep(ms, this.signal);
	}

	/** The promise, or a Stopped error as soon as the stop comes. */
	until<T>(promise: Promise<T>): Promise<T> {
		const {signal} = this;
		if (signal.aborted) return Promise.reject(new Stopped('stopped'));
		return new Promise<T>((resolve, reject) => {
			const onAbort = () => reject(new Stopped('stopped'));
			signal.addEventListener('abort', onAbort, {once: true});
			promise.then(
				(value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
				(error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
			);
		});
	}
}
