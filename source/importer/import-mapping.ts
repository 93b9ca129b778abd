import {chmodSync, writeFileSync} from 'node:fs';
import {presetJson, type Preset} from '../mapping/presets.js';
import type {ImportFolder} from './import-store.js';

/**
 * Writes the import's mapping to `<import folder>/mapping.json` (0600), in the format `--mapping`
 * reads, so the headless command that repeats the import can point at it. Returns its path.
 */
export function writeImportMapping(folder: ImportFolder, preset: Preset): string {
	writeFileSync(folder.mappingPath, presetJson(preset), {mode: 0o600});
	// The mode above applies only to a new file: an older one is narrowed too.
	chmodSync(folder.mappingPath, 0o600);
	return folder.mappingPath;
}
