import {hostname} from 'node:os';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';

/** Thrown when another live process holds the import. */
export class ImportLockedError extends Error {
	override name = 'ImportLockedError';
}

/**
 * A lock file so two processes never run one import. It names the process that holds it; a lock
 * left by a process that is gone (crash, `kill -9`, reboot) is taken over.
 */
export function acquireLock(path: string): () => void {
	const mine = JSON.stringify({pid: process.pid, host: hostname()});
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			writeFileSync(path, mine, {flag: 'wx', mode: 0o600});
			return () => {
				try {
					if (readFileSync(path, 'utf8') === mine) rmSync(path);
				} catch {
					// Already gone.
				}
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = readHolder(path);
			if (holder && holder.host === hostname() && isAlive(holder.pid)) {
				throw new ImportLockedError(`This import is being run by process ${holder.pid}; wait for it or stop it first.`);
			}
			if (holder && holder.host !== hostname()) {
				throw new ImportLockedError(`This import is locked by process ${holder.pid} on ${holder.host}; remove ${path} if that run is gone.`);
			}
			rmSync(path, {force: true});
		}
	}
	throw new ImportLockedError(`Could not lock ${path}.`);
}

function readHolder(path: string): {pid: number; host: string} | undefined {
	try {
		const parsed = JSON.parse(readFileSync(path, 'utf8')) as {pid?: unknown; host?: unknown};
		return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? {pid: parsed.pid, host: parsed.host} : undefined;
	} catch {
		return undefined;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Whether a live process on this machine holds the lock. */
export function isLocked(path: string): boolean {
	const holder = readHolder(path);
	return holder !== undefined && holder.host === hostname() && isAlive(holder.pid);
}
