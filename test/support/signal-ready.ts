import {readdirSync, readlinkSync} from 'node:fs';

/**
 * Resolves once the process has the file open (Linux: /proc/PID/fd), so a test sends Ctrl+C while
 * the file is being read, not after a guessed delay that a loaded machine turns into "too early".
 */
export async function whenReading(pid: number, file: string, timeoutMs = 30_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const open = (() => {
			try {
				return readdirSync(`/proc/${pid}/fd`).some((fd) => {
					try {
						return readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
					} catch {
						return false;
					}
				});
			} catch {
				return false;
			}
		})();
		if (open) return;
		if (Date.now() > until) throw new Error(`process ${pid} never opened ${file}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
