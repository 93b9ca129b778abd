import {realpathSync} from 'node:fs';
import type {JumpCloudClient} from '../jumpcloud/client.js';
import type {Connection} from '../lib/settings.js';
import {toolVersion} from '../lib/version.js';
import {presetReading, toPreset} from '../mapping/presets.js';
import type {Mapping} from '../mapping/mapping.js';
import type {CellEdit} from '../users/cell-edits.js';
import {createImport, newImportId, type ImportFolder, type Manifest} from './import-store.js';
import type {ImportOptions} from './options.js';
import type {Pacer} from './pacer.js';
import {assertFileUnchanged, FileChangedError} from './plan-check.js';
import type {PreparedImport} from './prepare.js';
import type {RunnerEvent} from './runner.js';
import {launchImport, type ImportSession} from './session.js';
import {lockTarget} from './target-lock.js';

/*
 * Starting an import, the one way both faces do it: the file must still be the bytes the plan was
 * made from, no other import may be running the same file into the same organization, and only
 * then is the manifest recorded and the first create sent.
 */

export type StartedImport = {folder: ImportFolder; manifest: Manifest; session: ImportSession};

export type ImportTarget = {baseUrl: string; orgId?: string; sandbox: boolean};

/** Where a connection sends users: its URL, the x-org-id a multi-tenant admin gave, and whether it is the sandbox. */
export function importTarget(connection: Connection, baseUrl: string): ImportTarget {
	return {baseUrl, ...(connection.kind === 'jumpcloud' && connection.orgId ? {orgId: connection.orgId} : {}), sandbox: connection.kind === 'sandbox'};
}

type Running = {client: JumpCloudClient; pacer: Pacer; importsDir: string; onEvent?: (event: RunnerEvent) => void};

/** A new import of a planned file: checked, locked, recorded, started. */
export async function startNewImport(
	request: Running & {file: string; prepared: PreparedImport; options: ImportOptions; target: ImportTarget; edits?: readonly CellEdit[]},
): Promise<StartedImport> {
	const {prepared} = request;
	let file: string;
	try {
		file = realpathSync(request.file);
	} catch {
		throw new FileChangedError(`${request.file} cannot be read any more since it was planned. Nothing was created.`);
	}
	await assertFileUnchanged(file, prepared);
	const manifest = newManifest(file, prepared, request.options, request.target, request.edits ?? prepared.edits);
	const releaseTarget = lockTarget(request.importsDir, targetOf(manifest), manifest.id);
	try {
		const folder = createImport(request.importsDir, manifest);
		const session = launchImport({client: request.client, pacer: request.pacer, folder, manifest, mapping: prepared.mapping, rows: prepared.rows, onEvent: request.onEvent});
		return {folder, manifest, session: releasing(session, releaseTarget)};
	} catch (error) {
		releaseTarget();
		throw error;
	}
}

/** A resume, or a retry of the failed rows, of a recorded import whose rows were planned again. */
export async function continueImport(
	request: Running & {folder: ImportFolder; manifest: Manifest; prepared: PreparedImport; retryFailed: boolean},
): Promise<StartedImport> {
	const {folder, manifest, prepared} = request;
	await assertFileUnchanged(manifest.csv.path, prepared);
	const releaseTarget = lockTarget(request.importsDir, targetOf(manifest), manifest.id);
	try {
		const session = launchImport({client: request.client, pacer: request.pacer, folder, manifest, mapping: prepared.mapping, rows: prepared.rows, retryFailed: request.retryFailed, onEvent: request.onEvent});
		return {folder, manifest, session: releasing(session, releaseTarget)};
	} catch (error) {
		releaseTarget();
		throw error;
	}
}

/** What an import is, fixed when it starts: the planned bytes' fingerprint, layout, mapping, edits, options, and where. */
export function newManifest(file: string, prepared: PreparedImport, options: ImportOptions, target: ImportTarget, edits: readonly CellEdit[]): Manifest {
	const {report, directory} = prepared;
	return manifestOf({
		file,
		csv: {sha256: prepared.fingerprint.sha256, size: prepared.fingerprint.size, encoding: report.encoding, delimiter: report.delimiter, headerLine: report.headerLine},
		headers: report.columns.map((column) => column.header),
		mapping: prepared.mapping,
		creates: prepared.summary.creates,
		organization: directory.organization,
		options,
		target,
		edits,
	});
}

/** The parts of a manifest: `creates` is left out while the plan is still being made (a streamed start). */
export type ManifestParts = {
	file: string;
	csv: Omit<Manifest['csv'], 'path'>;
	headers: readonly string[];
	mapping: Mapping;
	creates?: number;
	organization: {id: string; name?: string};
	options: ImportOptions;
	target: ImportTarget;
	edits: readonly CellEdit[];
};

export function manifestOf(parts: ManifestParts): Manifest {
	const {target, edits} = parts;
	return {
		format: 'jc-import-manifest',
		version: 1,
		id: newImportId(),
		createdAt: new Date().toISOString(),
		toolVersion,
		csv: {path: parts.file, ...parts.csv},
		// With the file's reading, so its mapping.json reads the file again as this import did.
		mapping: toPreset(parts.mapping, parts.headers, new Date(), presetReading(parts.csv)),
		options: parts.options,
		...(parts.creates === undefined ? {} : {creates: parts.creates}),
		...(edits.length > 0 ? {edits: edits.map(({row, column, value}) => ({row, column, value}))} : {}),
		target: {baseUrl: target.baseUrl, ...(target.orgId ? {orgId: target.orgId} : {}), organization: parts.organization, sandbox: target.sandbox},
	};
}

/** What the target lock is keyed by: the API URL, the organization and the file's bytes. */
export function targetOf(manifest: Manifest) {
	return {baseUrl: manifest.target.baseUrl, organizationId: manifest.target.organization?.id, sha256: manifest.csv.sha256};
}

/** The session, with the target lock released once it has finished, however it ends. */
export function releasing(session: ImportSession, release: () => void): ImportSession {
	return {runner: session.runner, finished: session.finished.finally(release)};
}
