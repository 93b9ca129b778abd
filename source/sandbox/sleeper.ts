/** Waits that closing the sandbox cuts short, so no timer outlives it. */
export class Sleeper {
	/** Set by `close`: a request that wakes finds the sandbox gone and answers nothing. */
	closed = false;
	private readonly sleepers = new Set<() => void>();

	sleep(ms: number): Promise<void> {
		return new Promise<void>((resolve) => {
			if (ms <= 0) return resolve();
			const wake = () => {
				clearTimeout(timer);
				this.sleepers.delete(wake);
				resolve();
			};
			const timer = setTimeout(wake, ms);
			this.sleepers.add(wake);
		});
	}

	close(): void {
		this.closed = true;
		for (const wake of [...this.sleepers]) wake();
	}
}
