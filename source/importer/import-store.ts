import {randomBytes} from 'node:crypto';
import {closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {delimiters, encodingLabels, type CsvOverrides, type Delimiter, type EncodingLabel} from '../csv/index.js';
import type {Preset} from '../mapping/presets.js';
import {replaceFileAtomically, writeNewFileDurably} from '../lib/durable-file.js';
import {UsageError} from '../lib/exit-codes.js';
import {ensureHomeFolder, ownedByMe} from '../lib/home-safety.js';
import type {CellEdit} from '../users/cell-edits.js';
import type {ImportOptions} from './options.js';

/** What an import is, fixed when it starts: enough to resume it with nothing else. No secrets. */
export type Manifest = {
	format: 'jc-import-manifest';
	version: 1;
	id: string;
	createdAt: string;
	toolVersion: string;
	csv: {path: string; sha256: string; size: number; encoding: string; delimiter: string; headerLine: number};
	mapping: Preset;
	options: ImportOptions;
	/** Cells the admin changed in the wizard's preview, laid over the file again on resume. Never a password. */
	edits?: CellEdit[];
	/** Users the plan would create when it began: what is left is told against it. */
	creates?: number;
	/**
	 * Where the users go. `orgId` is the x-org-id a multi-tenant admin sent; `organization` the org
	 * JumpCloud said the key reaches, which a resume or rollback must reach again. The API key is
	 * never stored: a resume asks for it again.
	 */
	target: {baseUrl: string; orgId?: string; organization?: {id: string; name?: string}; sandbox: boolean};
};

/** The manifest's encoding, delimiter and header line (or a layout's), to read the file exactly as the import first did. */
export function csvOverridesOf(csv: Pick<Manifest['csv'], 'encoding' | 'delimiter' | 'headerLine'>): CsvOverrides {
	const overrides: CsvOverrides = {headerLine: csv.headerLine};
	if ((encodingLabels as readonly string[]).includes(csv.encoding)) overrides.encoding = csv.encoding as EncodingLabel;
	if ((delimiters as readonly string[]).includes(csv.delimiter)) overrides.delimiter = csv.delimiter as Delimiter;
	return overrides;
}

export type ImportFolder = {id: string; dir: string; manifestPath: string; journalPath: string; lockPath: string; resultsPath: string; failedPath: string; mappingPath: string; checkpointPath: string; settledResultsPath: string};

export function importFolder(importsDir: string, id: string): ImportFolder {
	const dir = path.join(importsDir, id);
	return {
		id,
		dir,
		manifestPath: path.join(dir, 'manifest.json'),
		journalPath: path.join(dir, 'journal.jsonl'),
		lockPath: path.join(dir, 'lock'),
		resultsPath: path.join(dir, 'results.csv'),
		failedPath: path.join(dir, 'failed.csv'),
		// The mapping as a preset file, for the headless command that repeats the import.
		mappingPath: path.join(dir, 'mapping.json'),
		// Where a resume may start from instead of the journal's beginning (checkpoint.ts).
		checkpointPath: path.join(dir, 'checkpoint'),
		settledResultsPath: path.join(dir, 'checkpoint-results'),
	};
}

/** Sortable by time, unique without coordination: `20261123-084012-3fa9c1`. */
export function newImportId(now = new Date()): string {
	const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
	return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * Makes the import's folder (0700) and writes its manifest (0600) and empty journal, each forced to
 * the disk with the folder entries that name them: a power cut never leaves a journal without its
 * manifest, nor a manifest that is empty.
 */
export function createImport(importsDir: string, manifest: Manifest): ImportFolder {
	const folder = importFolder(importsDir, manifest.id);
	ensureHomeFolder(importsDir, 'import journals');
	try {
		mkdirSync(folder.dir, {mode: 0o700});
		writeNewFileDurably(folder.manifestPath, `${JSON.stringify(manifest, null, '\t')}\n`);
		writeNewFileDurably(folder.journalPath, '');
		syncFolder(folder.dir);
		syncFolder(importsDir);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(`Cannot record the import in ${folder.dir}: ${code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'the folder cannot be written' : (code ?? String(error))}. Nothing was created.`, {cause: error});
	}
	return folder;
}

function syncFolder(dir: string) {
	const fd = openSync(dir, 'r');
	try {
		fsyncSync(fd);
	} catch {
		// Some file systems cannot sync a folder; the files themselves are synced.
	} finally {
		closeSync(fd);
	}
}

export class ImportNotFoundError extends UsageError {
	override name = 'ImportNotFoundError';
}

/**
 * Adds the number of creates to a manifest recorded before its plan was whole (a streamed start),
 * by an atomic replace: a crash leaves the manifest before or after, never torn.
 */
export function recordCreates(folder: ImportFolder, manifest: Manifest, creates: number): void {
	manifest.creates = creates;
	replaceFileAtomically(folder.manifestPath, `${JSON.stringify(manifest, null, '\t')}\n`);
}

/** The import's folder is there but its manifest is empty, cut short, unreadable or not a manifest. */
export class DamagedImportError extends UsageError {
	override name = 'DamagedImportError';
}

export function readManifest(folder: ImportFolder): Manifest {
	let text: string;
	try {
		text = readFileSync(folder.manifestPath, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new ImportNotFoundError(`There is no import ${folder.id}. See jc-import imports.`, {cause: error});
		throw new DamagedImportError(`Import ${folder.id} is damaged: its manifest cannot be read (${code === 'EISDIR' ? 'it is a folder' : (code ?? String(error))}).`, {cause: error});
	}
	// A manifest decides where a key is sent and what is deleted: one planted by another user is not used.
	if (!owned(folder.manifestPath)) throw new DamagedImportError(`Import ${folder.id} is not used: its manifest belongs to another user of this computer (${folder.manifestPath}).`);
	let manifest: unknown;
	try {
		manifest = JSON.parse(text);
	} catch {
		manifest = undefined;
	}
	const problem = manifestProblem(manifest);
	if (problem) throw new DamagedImportError(`Import ${folder.id} is damaged: its manifest ${text.trim() === '' ? 'is empty' : problem}. Its journal is kept in ${folder.dir}.`);
	return manifest as Manifest;
}

function owned(file: string): boolean {
	try {
		return ownedByMe(file);
	} catch {
		return false;
	}
}

/** What makes a parsed manifest unusable, in a few words; undefined when it is whole. */
function manifestProblem(value: unknown): string | undefined {
	if (value === null || typeof value !== 'object') return 'is not valid JSON (cut short?)';
	const manifest = value as Partial<Manifest>;
	if (manifest.format !== 'jc-import-manifest') return 'is not a jc-import manifest';
	if (typeof manifest.id !== 'string' || typeof manifest.csv?.path !== 'string' || typeof manifest.csv.sha256 !== 'string') return 'lacks the CSV it was made from';
	if (typeof manifest.target?.baseUrl !== 'string') return 'lacks where it imported to';
	if (manifest.mapping === null || typeof manifest.mapping !== 'object' || manifest.options === null || typeof manifest.options !== 'object') return 'lacks its mapping or options';
	return undefined;
}

/** Every import's id, newest first (damaged ones too: readManifest says what is wrong with them). */
export function listImportIds(importsDir: string): string[] {
	if (!existsSync(importsDir)) return [];
	return readdirSync(importsDir, {withFileTypes: true})
		.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && existsSync(path.join(importsDir, entry.name, 'manifest.json')))
		.map((entry) => entry.name)
		.sort()
		.reverse();
}
