import {autoMap} from './auto-map.js';
import type {Mapping} from './mapping.js';
import type {DirectoryNames} from './match-columns.js';
import type {PresetStore} from './preset-store.js';
import {applyPreset, fingerprint, type NamedPreset} from './presets.js';

/** Where the mapping came from, so the user is told when a remembered one was applied; `manual`: given as is (the wizard's). */
export type MappingSource = {kind: 'auto'} | {kind: 'saved'; savedAt: string | undefined} | {kind: 'file'; path: string} | {kind: 'manual'};

export type SuggestOptions = {
	directory?: DirectoryNames;
	/** A preset the user named (`--mapping`); wins over a remembered one. */
	preset?: NamedPreset;
	/** Remembered presets, looked up by the header row's fingerprint. */
	store?: PresetStore;
	/** A second name per column, from a label row under the header (SAP SuccessFactors). */
	labels?: readonly string[];
};

/**
 * The mapping to start from: the matcher's suggestion, with the user's preset file or the
 * remembered preset for this exact header row laid over it.
 */
export function suggestMapping(
	headers: readonly string[],
	sampleRows: ReadonlyArray<readonly string[]>,
	options: SuggestOptions = {},
): {mapping: Mapping; source: MappingSource} {
	const columns = headers.map((header, index) => ({index, header, samples: sampleRows.map((cells) => cells[index] ?? ''), ...(options.labels?.[index] ? {label: options.labels[index]} : {})}));
	const suggested = autoMap(columns, options.directory);
	if (options.preset) return {mapping: applyPreset(options.preset.preset, suggested), source: {kind: 'file', path: options.preset.path}};
	const saved = options.store?.find(fingerprint(headers));
	if (saved) return {mapping: applyPreset(saved, suggested), source: {kind: 'saved', savedAt: saved.savedAt}};
	return {mapping: suggested, source: {kind: 'auto'}};
}
