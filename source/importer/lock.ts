import {UsageError} from '../lib/exit-codes.js';
import {createHash, randomBytes} from 'node:crypto';
import {closeSync, fstatSync, openSync, readdirSync, readFileSync, rmSync, writeSync} from 'node:fs';
import {hostname} from 'node:os';
import {basename, dirname, join} from 'node:path';

/** Thrown when an import cannot be locked: another process holds it, or its folder is damaged. */
export class ImportLockedError extends UsageError {
	override name = 'ImportLockedError';
}

/** The process that holds a lock. */
export type LockHolder = {pid: number; host: string; importId?: string};

/**
 * A lock file, or a takeover marker, as read. `pid` is undefined when the file is torn (cut off
 * mid-write, or empty); its nonce is then the SHA-256 of its bytes, so a later write changes it.
 */
type Owner = {nonce: string; pid?: number; host?: string; importId?: string; ageMs: number};

type Verdict = 'alive' | 'elsewhere' | 'young' | 'stale';

// A torn file younger than this may be one a live process is still writing.
const tornStaleMs = 10_000;
const maxRounds = 20;
// How long to wait, in all, for a torn lock to be finished by its writer.
const maxYoungWaits = 10;
// Markers of markers: each level needs a process that died inside a takeover's few milliseconds.
const maxTakeoverDepth = 3;

/**
 * A lock file so two processes never run one import. It names the process that holds it, with a
 * random nonce; a lock left by a process that is gone (crash, `kill -9`, reboot) is taken over,
 * by one process only however many see it at once.
 */
export function acquireLock(path: string, info: {importId?: string} = {}): () => void {
	const mine = ownerText(info.importId);
	let youngWaits = 0;
	for (let round = 0; round < maxRounds; round++) {
		if (create(path, mine) || takeOverIfStale(path, mine, () => ++youngWaits)) {
			sweepMarkers(path);
			return () => releaseLock(path, mine);
		}
		pause(5 + Math.random() * 10);
	}
	throw new ImportLockedError(`Could not lock ${path}: other processes kept competing for it; try again.`);
}

/** The live holder on this machine, or a holder on another machine; undefined when free, stale or unreadable. */
export function lockHolder(path: string): LockHolder | undefined {
	let owner: Owner | undefined;
	try {
		owner = readOwner(path);
	} catch {
		return undefined;
	}
	if (!owner || owner.pid === undefined || owner.host === undefined) return undefined;
	const verdict = judge(owner);
	if (verdict !== 'alive' && verdict !== 'elsewhere') return undefined;
	return {pid: owner.pid, host: owner.host, ...(owner.importId === undefined ? {} : {importId: owner.importId})};
}

/** Whether a live process on this machine holds the lock. */
export function isLocked(path: string): boolean {
	return lockHolder(path)?.host === hostname();
}

/** Reads the holder after a failed create; true when this process took the lock over. */
function takeOverIfStale(path: string, mine: string, countYoungWait: () => number): boolean {
	const holder = readOwner(path);
	if (!holder) return false; // Released between the create and the read: try again.
	switch (judge(holder)) {
		case 'alive': {
			const of = holder.importId === undefined ? '' : ` (import ${holder.importId})`;
			throw new ImportLockedError(`This import is being run by process ${holder.pid}${of}; wait for it or stop it first.`);
		}
		case 'elsewhere': {
			throw new ImportLockedError(`This import is locked by process ${holder.pid} on ${holder.host}; remove ${path} if that run is gone.`);
		}
		case 'young': {
			if (countYoungWait() > maxYoungWaits) {
				throw new ImportLockedError(`${path} is being written by another jc-import, or was cut off less than ${tornStaleMs / 1000} s ago; try again in a few seconds.`);
			}
			return false;
		}
		case 'stale': {
			return takeOver(path, holder.nonce, mine);
		}
	}
}

/**
 * Replaces a stale lock. Only the process that creates `<file>.takeover-<nonce>` may remove the
 * file that names that nonce, so two processes that saw the same dead holder cannot both win. A
 * marker whose maker died mid-takeover is itself taken over the same way, one level down.
 */
function takeOver(path: string, staleNonce: string, mine: string): boolean {
	const chain = [{file: path, nonce: staleNonce}];
	for (let depth = 0; depth < maxTakeoverDepth; depth++) {
		const last = chain.at(-1)!;
		const marker = `${last.file}.takeover-${last.nonce}`;
		const mark = ownerText();
		if (create(marker, mark)) return replaceStale(path, mine, chain, marker, mark);
		const owner = readOwner(marker);
		// Another process is taking it over, or has just finished: start again from the lock.
		if (!owner || judge(owner) !== 'stale') return false;
		chain.push({file: marker, nonce: owner.nonce});
	}
	return false;
}

/** Holding the marker: removes the lock if it (and every dead marker before ours) is still the stale one. */
function replaceStale(path: string, mine: string, chain: ReadonlyArray<{file: string; nonce: string}>, marker: string, mark: string): boolean {
	let removed = false;
	try {
		// Someone may have finished a takeover between our read and our marker.
		if (!chain.every(({file, nonce}) => isStillStale(file, nonce))) return false;
		remove(path);
		removed = true;
		return create(path, mine);
	} finally {
		// Once the stale lock is gone, no marker for it can win again: the dead ones are litter.
		if (removed) for (const {file} of chain.slice(1)) remove(file);
		removeIfMine(marker, mark);
	}
}

function isStillStale(file: string, nonce: string): boolean {
	const owner = readOwner(file);
	return owner?.nonce === nonce && judge(owner) === 'stale';
}

function judge(owner: Owner): Verdict {
	if (owner.pid === undefined) return owner.ageMs > tornStaleMs ? 'stale' : 'young';
	if (owner.host !== hostname()) return 'elsewhere';
	return isAlive(owner.pid) ? 'alive' : 'stale';
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return errno(error) === 'EPERM';
	}
}

function ownerText(importId?: string): string {
	const nonce = randomBytes(16).toString('hex');
	return JSON.stringify({pid: process.pid, host: hostname(), nonce, ...(importId === undefined ? {} : {importId}), since: new Date().toISOString()});
}

/** Creates `file` with `text` unless it exists; false when it does. */
function create(file: string, text: string): boolean {
	let fd: number;
	try {
		fd = openSync(file, 'wx', 0o600);
	} catch (error) {
		if (errno(error) === 'EEXIST') return false;
		throw damage(file, error);
	}
	try {
		writeSync(fd, text);
	} catch (error) {
		// A lock we could not finish would hold the import for the torn-stale age.
		closeSync(fd);
		rmSync(file, {force: true});
		throw damage(file, error);
	}
	closeSync(fd);
	return true;
}

/** The file's owner, or undefined when there is no file. */
function readOwner(file: string): Owner | undefined {
	let fd: number;
	try {
		fd = openSync(file, 'r');
	} catch (error) {
		if (errno(error) === 'ENOENT') return undefined;
		throw damage(file, error);
	}
	try {
		// One descriptor, so the age and the bytes belong to the same file.
		const stat = fstatSync(fd);
		if (stat.isDirectory()) throw folderError(file);
		return parseOwner(readFileSync(fd), Date.now() - stat.mtimeMs);
	} catch (error) {
		throw damage(file, error);
	} finally {
		closeSync(fd);
	}
}

function parseOwner(bytes: Buffer, ageMs: number): Owner {
	const torn: Owner = {nonce: createHash('sha256').update(bytes).digest('hex'), ageMs};
	let parsed: unknown;
	try {
		parsed = JSON.parse(bytes.toString('utf8'));
	} catch {
		return torn;
	}
	if (typeof parsed !== 'object' || parsed === null) return torn;
	const {pid, host, nonce, importId} = parsed as Record<string, unknown>;
	// Zero or a negative pid would make kill(pid, 0) ask about a whole process group.
	if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0 || typeof host !== 'string') return torn;
	return {
		// The nonce names a marker file: only hex is used as given. Locks from before nonces keep the hash.
		nonce: typeof nonce === 'string' && /^[\da-f]{16,64}$/i.test(nonce) ? nonce : torn.nonce,
		pid,
		host,
		...(typeof importId === 'string' ? {importId} : {}),
		ageMs,
	};
}

function releaseLock(path: string, mine: string): void {
	try {
		removeIfMine(path, mine);
	} catch {
		// Already gone, or its folder with it.
	}
}

function removeIfMine(file: string, text: string): void {
	let current: string;
	try {
		current = readFileSync(file, 'utf8');
	} catch {
		return;
	}
	if (current === text) remove(file);
}

function remove(file: string): void {
	try {
		rmSync(file, {force: true});
	} catch (error) {
		throw damage(file, error);
	}
}

/** Removes markers left by processes that died mid-takeover; with the lock ours, none can win again. */
function sweepMarkers(path: string): void {
	const prefix = `${basename(path)}.takeover-`;
	try {
		for (const name of readdirSync(dirname(path))) {
			if (name.startsWith(prefix)) rmSync(join(dirname(path), name), {force: true});
		}
	} catch {
		// Litter only: the lock is held either way.
	}
}

function pause(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function errno(error: unknown): string | undefined {
	return (error as NodeJS.ErrnoException | undefined)?.code;
}

function folderError(path: string): ImportLockedError {
	return new ImportLockedError(`${path} is a folder, not a lock file: the import folder is damaged; remove it if no jc-import is running.`);
}

/** One line for the user, whatever the file system said. */
function damage(file: string, error: unknown): ImportLockedError {
	if (error instanceof ImportLockedError) return error;
	const code = errno(error) ?? 'unknown error';
	if (code === 'EISDIR') return folderError(file);
	if (code === 'EROFS') return new ImportLockedError(`The import folder is on a read-only disk: ${file} cannot be written; nothing was done.`);
	if (code === 'EACCES' || code === 'EPERM') {
		return new ImportLockedError(`The import folder cannot be written: ${file} (${code}); check its owner and permissions.`);
	}
	if (code === 'ENOSPC' || code === 'EDQUOT') return new ImportLockedError(`The disk is full: ${file} cannot be written; make room, then try again.`);
	return new ImportLockedError(`Could not lock ${file} (${code}).`);
}
