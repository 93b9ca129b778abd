import {Worker} from 'node:worker_threads';
import type {CsvOverrides, RowPosition} from '../csv/index.js';
import type {Mapping} from '../mapping/mapping.js';
import type {BuiltRow} from '../users/build-user.js';
import type {CellEdit} from '../users/cell-edits.js';
import type {UserDefaults} from '../users/defaults.js';
import {inspectFile} from '../users/inspect-file.js';
import {LastHolders} from './last-holders.js';
import {displayNameOf, nameKey} from './manager-reference.js';

/*
 * A pass over the file ahead of its streamed plan, for the managers it names by display name: such
 * a name is settled only once no later row can hold it (two holders make it ambiguous), which
 * without this pass is known only at the end of the file, so every report waited for the whole
 * plan, holding its create body. The pass builds each row as the plan does (the same mapping, edits
 * and defaults, the file read as the plan reads it) and notes the last row holding each value a
 * manager cell can name. It runs on a worker thread: the plan goes on meanwhile.
 */

/** What the pass needs to build the rows as the plan does: the plan's own mapping and reading. */
export type ReadAheadRequest = {file: string; overrides: CsvOverrides; mapping: Mapping; edits: readonly CellEdit[]; defaults: UserDefaults; now: Date; from?: RowPosition};

/** The last holders of the rows read, and the sha256 of the bytes they were read from (the plan's must match). */
export type ReadAhead = {holders: LastHolders; sha256: string | undefined};

/** The pass on this thread (the worker's body; tests compare it with the plan). */
export async function readAhead(request: ReadAheadRequest): Promise<ReadAhead> {
	const holders = LastHolders.empty();
	const {fingerprint} = await inspectFile(request.file, {
		overrides: request.overrides,
		mapping: request.mapping,
		edits: request.edits,
		defaults: request.defaults,
		now: request.now,
		fingerprint: true,
		...(request.from ? {from: request.from} : {}),
		onRow: (built) => noteHolders(holders, built),
	});
	return {holders, sha256: fingerprint?.sha256};
}

/**
 * The values a built row may hold as the manager resolver compares them (lowercased; a display
 * name as `nameKey` gives it): all of them, whatever the plan makes of the row, so none is missed.
 * A resume's pass checks repeats from its own first row only, where the plan goes on from the
 * checkpoint's: a row the plan finds repeated may be whole here, and only adds values (the
 * duplicate check records a value even on a row with errors, so the pass never finds more repeats).
 */
export function noteHolders(holders: LastHolders, built: BuiltRow): void {
	const {row, user} = built;
	if (!user) {
		if (built.username) holders.note(built.username.toLowerCase(), row);
		if (built.email) holders.note(built.email.toLowerCase(), row);
		return;
	}
	const {payload} = user;
	holders.note(payload.username.toLowerCase(), row);
	holders.note(payload.email.toLowerCase(), row);
	if (payload.employeeIdentifier) holders.note(payload.employeeIdentifier.toLowerCase(), row);
	const name = displayNameOf(payload);
	if (name) holders.note(nameKey(name), row);
}

/** The pass on a worker thread; `stop` ends it (the plan no longer needs it). Rejects when the worker fails. */
export function readAheadAside(request: ReadAheadRequest): {result: Promise<ReadAhead>; stop: () => void} {
	// The plan stops it when it ends, whatever the outcome (stream-plan.ts).
	const worker = new Worker(workerFile(), {workerData: request});
	const result = new Promise<ReadAhead>((resolve, reject) => {
		worker.once('message', (sent: {hashes: Int32Array<ArrayBuffer>; rows: Int32Array<ArrayBuffer>; sha256: string | undefined}) => {
			resolve({holders: LastHolders.of(sent), sha256: sent.sha256});
			void worker.terminate();
		});
		worker.once('error', reject);
		worker.once('exit', (code) => reject(new Error(`The read ahead of ${request.file} ended (exit ${code}) without its figures.`)));
	});
	return {result, stop: () => void worker.terminate()};
}

/**
 * The worker's module, beside this one: in dist/importer/, and in the bundle's folder, where it is
 * an entry of its own. The sources under test are TypeScript, which Node 20 cannot run on a worker:
 * they use the built one (`npm test` builds first).
 */
function workerFile(): URL {
	return import.meta.url.endsWith('.ts') ? new URL('../../dist/importer/read-ahead-worker.js', import.meta.url) : new URL('./read-ahead-worker.js', import.meta.url);
}
