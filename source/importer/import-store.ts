import {createHash, randomBytes} from 'node:crypto';
import {createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {delimiters, encodingLabels, type CsvOverrides, type Delimiter, type EncodingLabel} from '../csv/index.js';
import type {Preset} from '../mapping/presets.js';
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
	/** Where the users go. The API key is never stored: a resume asks for it again. */
	target: {baseUrl: string; orgId?: string; sandbox: boolean};
};

/** The manifest's encoding, delimiter and header line, to read the file exactly as the import first did. */
export function csvOverridesOf(csv: Manifest['csv']): CsvOverrides {
	const overrides: CsvOverrides = {headerLine: csv.headerLine};
	if ((encodingLabels as readonly string[]).includes(csv.encoding)) overrides.encoding = csv.encoding as EncodingLabel;
	if ((delimiters as readonly string[]).includes(csv.delimiter)) overrides.delimiter = csv.delimiter as Delimiter;
	return overrides;
}

export type ImportFolder = {id: string; dir: string; manifestPath: string; journalPath: string; lockPath: string; resultsPath: string; failedPath: string; mappingPath: string};

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
	};
}

/** Sortable by time, unique without coordination: `20261123-084012-3fa9c1`. */
export function newImportId(now = new Date()): string {
	const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
	return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Makes the import's folder (0700) and writes its manifest (0600). */
export function createImport(importsDir: string, manifest: Manifest): ImportFolder {
	const folder = importFolder(importsDir, manifest.id);
	mkdirSync(folder.dir, {recursive: true, mode: 0o700});
	writeFileSync(folder.manifestPath, `${JSON.stringify(manifest, null, '\t')}\n`, {mode: 0o600, flag: 'wx'});
	writeFileSync(folder.journalPath, '', {mode: 0o600, flag: 'wx'});
	return folder;
}

export class ImportNotFoundError extends Error {
	override name = 'ImportNotFoundError';
}

export function readManifest(folder: ImportFolder): Manifest {
	if (!existsSync(folder.manifestPath)) throw new ImportNotFoundError(`There is no import ${folder.id}. See jc-import imports.`);
	return JSON.parse(readFileSync(folder.manifestPath, 'utf8')) as Manifest;
}

/** Every import's id, newest first. */
export function listImportIds(importsDir: string): string[] {
	if (!existsSync(importsDir)) return [];
	return readdirSync(importsDir, {withFileTypes: true})
		.filter((entry) => entry.isDirectory() && existsSync(path.join(importsDir, entry.name, 'manifest.json')))
		.map((entry) => entry.name)
		.sort()
		.reverse();
}

/** The file's sha256, read as a stream, to tell whether the CSV changed since the import began. */
export async function sha256File(file: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}
