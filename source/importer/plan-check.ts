import {openCsv} from '../csv/index.js';
import {UsageError} from '../lib/exit-codes.js';
import {scanFile} from '../csv/scan-file.js';
import type {PreparedImport} from './prepare.js';
import type {RowPlan} from './row-plan.js';

/*
 * What a plan is worth at the moment it is started: the file must be the bytes it was made from,
 * and the directory no staler than a minute (else it is checked again before anything is sent).
 */

/** A plan read the directory longer ago than this is checked again before its import starts. */
export const staleAfterMs = 60_000;

export function isStale(prepared: PreparedImport, now = Date.now()): boolean {
	return now - prepared.directory.readAt.getTime() > staleAfterMs;
}

/** The CSV changed between the plan and the start: nothing was created. */
export class FileChangedError extends UsageError {
	override name = 'FileChangedError';
}

/** Throws FileChangedError, naming the rows that differ, when `file` is not the bytes `prepared` was planned from. */
export async function assertFileUnchanged(file: string, prepared: PreparedImport): Promise<void> {
	let sha: string;
	try {
		({sha256: sha} = await scanFile(file));
	} catch {
		throw new FileChangedError(`${file} cannot be read any more since it was planned. Nothing was created.`);
	}
	if (sha === prepared.fingerprint.sha256) return;
	const rows = await rowsChanged(file, prepared);
	throw new FileChangedError(`${file} changed since it was planned (${rows}). Nothing was created: check the file and plan again.`);
}

/** "rows 4, 7 changed; 2 rows added", from each row's digest then and now. */
async function rowsChanged(file: string, prepared: PreparedImport): Promise<string> {
	let now: Uint32Array;
	try {
		const csv = await openCsv(file, {...prepared.overrides, fingerprint: true});
		for await (const _ of csv.batches()) {
			// Read through: the digests are taken on the way.
		}
		now = csv.stats()?.fingerprint?.rowDigests ?? new Uint32Array();
	} catch {
		return 'it cannot be read as it was';
	}
	const then = prepared.fingerprint.rowDigests;
	const changed: number[] = [];
	for (let index = 0; index < Math.min(then.length, now.length); index++) if (then[index] !== now[index]) changed.push(index + 1);
	const parts: string[] = [];
	if (changed.length > 0) parts.push(`${plural(changed.length, 'row')} changed: ${listRows(changed)}`);
	if (now.length > then.length) parts.push(`${plural(now.length - then.length, 'row')} added`);
	if (now.length < then.length) parts.push(`${plural(then.length - now.length, 'row')} removed`);
	return parts.length > 0 ? parts.join('; ') : 'its bytes changed, not its rows';
}

/**
 * The plan made again from a fresh read of the directory (`replan`), for the file `file` that the
 * shown plan was made from: throws FileChangedError when the file changed since, and says in a
 * sentence how the rows' standing changed (undefined when none did).
 */
export async function recheckPlan(shown: PreparedImport, file: string, replan: () => Promise<PreparedImport>): Promise<{fresh: PreparedImport; changed: string | undefined}> {
	const fresh = await replan();
	if (fresh.fingerprint.sha256 !== shown.fingerprint.sha256) await assertFileUnchanged(file, shown);
	return {fresh, changed: planChanges(shown.rows, fresh.rows)};
}

/**
 * How a fresh plan of the same rows differs from the one shown, in a sentence; undefined when every
 * row stands as it did (what it does, and its skip or error).
 */
export function planChanges(shown: readonly RowPlan[], fresh: readonly RowPlan[]): string | undefined {
	const before = new Map(shown.map((row) => [row.row, row]));
	const nowExist: number[] = [];
	const nowInvalid: number[] = [];
	const other: number[] = [];
	for (const row of fresh) {
		const old = before.get(row.row);
		if (old && old.action === row.action && old.existingUserId === row.existingUserId && errorsOf(old) === errorsOf(row)) continue;
		if (row.existingUserId && row.existingUserId !== old?.existingUserId) nowExist.push(row.row);
		else if (row.action === 'invalid') nowInvalid.push(row.row);
		else other.push(row.row);
	}
	const parts: string[] = [];
	if (nowExist.length > 0) parts.push(`${plural(nowExist.length, 'row')} now exist${nowExist.length === 1 ? 's' : ''} in JumpCloud (${listRows(nowExist)})`);
	if (nowInvalid.length > 0) parts.push(`${plural(nowInvalid.length, 'row')} now ${nowInvalid.length === 1 ? 'has' : 'have'} an error (${listRows(nowInvalid)})`);
	if (other.length > 0) parts.push(`${plural(other.length, 'row')} changed (${listRows(other)})`);
	return parts.length > 0 ? parts.join('; ') : undefined;
}

function errorsOf(row: RowPlan): string {
	return row.issues
		.filter((issue) => issue.severity === 'error')
		.map((issue) => issue.message)
		.join('\n');
}

function listRows(rows: readonly number[]): string {
	const shown = rows.slice(0, 8).join(', ');
	return `row${rows.length === 1 ? '' : 's'} ${shown}${rows.length > 8 ? ` and ${(rows.length - 8).toLocaleString('en-US')} more` : ''}`;
}

function plural(count: number, word: string): string {
	return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}
