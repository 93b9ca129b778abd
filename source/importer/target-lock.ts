import {createHash} from 'node:crypto';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {acquireLock, ImportLockedError, lockHolder} from './lock.js';

/**
 * One import of a file into an organization at a time, in this home: a second run of the same CSV
 * (a CI retry, a second terminal) would race the first for every row. The lock is keyed by the API
 * URL, the organization and the file's sha256, and names the import that holds it.
 */
export type LockTarget = {baseUrl: string; organizationId: string | undefined; sha256: string};

function lockPath(importsDir: string, target: LockTarget): string {
	const key = createHash('sha256').update(`${target.baseUrl}\n${target.organizationId ?? ''}\n${target.sha256}`).digest('hex').slice(0, 32);
	return path.join(importsDir, '.locks', `${key}.lock`);
}

/** Takes the lock for `importId`; throws ImportLockedError naming the import that runs this file into this org now. */
export function lockTarget(importsDir: string, target: LockTarget, importId: string): () => void {
	const file = lockPath(importsDir, target);
	try {
		mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
	} catch (error) {
		throw new ImportLockedError(`Cannot lock the file for this organization: ${path.dirname(file)} cannot be made (${(error as NodeJS.ErrnoException).code ?? String(error)}). Nothing was created.`);
	}
	try {
		return acquireLock(file, {importId});
	} catch (error) {
		const holder = lockHolder(file);
		if (error instanceof ImportLockedError && holder) throw busy(holder);
		throw error;
	}
}

/** The import running this file into this organization now, if any: to refuse before planning. */
export function targetBusy(importsDir: string, target: LockTarget): string | undefined {
	const holder = lockHolder(lockPath(importsDir, target));
	return holder ? busy(holder).message : undefined;
}

function busy(holder: {pid: number; host: string; importId?: string}): ImportLockedError {
	const who = holder.importId ? `Import ${holder.importId}` : 'Another import';
	return new ImportLockedError(`${who} is importing this file into this organization now (process ${holder.pid} on ${holder.host}); wait for it to end, or stop it, rather than run the same rows twice.`);
}
