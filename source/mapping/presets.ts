import {createHash} from 'node:crypto';
import type {Delimiter, EncodingLabel} from '../csv/index.js';
import {withDerivations, type ColumnMapping, type Mapping} from './mapping.js';
import {normalizeHeader} from './normalize-header.js';

/** A confirmed mapping, saved under its header row's fingerprint or exported as a JSON file. */
export type Preset = {
	format: 'jc-import-mapping';
	version: 1;
	fingerprint: string;
	columns: Array<{index: number; header: string; target: string | null}>;
	/** Derivations switched on or off, by target. */
	derived: Record<string, boolean>;
	/** How the file was read when the mapping was made (none in presets saved before this was kept). */
	csv?: PresetReading;
	savedAt?: string;
};

/**
 * A preset and where it came from. `recorded`: an import's own mapping, read back for the file it was
 * made for (a resume): taken as it is when it fits (`recordedMapping`), with no suggestion under it.
 */
export type NamedPreset = {preset: Preset; path: string; recorded?: boolean};

/** The encoding, delimiter and header line a preset's file was read with. */
export type PresetReading = {encoding: EncodingLabel; delimiter: Delimiter; headerLine: number};

/** The file's reading as a preset keeps it. */
export function presetReading(layout: {encoding: string; delimiter: string; headerLine: number}): PresetReading {
	return {encoding: layout.encoding as EncodingLabel, delimiter: layout.delimiter as Delimiter, headerLine: layout.headerLine};
}

/** Whether this file, read so, has the preset's own header row. */
export function fitsPreset(preset: Preset, headers: readonly string[]): boolean {
	return fingerprint(headers) === preset.fingerprint;
}

/** Same headers in the same order, however cased or spaced, give the same fingerprint. */
export function fingerprint(headers: readonly string[]): string {
	return createHash('sha256').update(headers.map(normalizeHeader).join('\u001f')).digest('hex').slice(0, 16);
}

/**
 * The encoding a remembered preset for this header row was read with, when it differs from the
 * code page this file was only guessed to be in: the admin's earlier reading of this kind of file
 * wins over a guess. Undefined when there is none to take.
 */
export function rememberedEncoding(saved: Preset | undefined, layout: {encoding: string}, guessed: boolean): EncodingLabel | undefined {
	const encoding = saved?.csv?.encoding;
	return guessed && encoding !== undefined && encoding !== layout.encoding ? encoding : undefined;
}

export function toPreset(mapping: Mapping, headers: readonly string[], now = new Date(), reading?: PresetReading): Preset {
	return {
		format: 'jc-import-mapping',
		version: 1,
		fingerprint: fingerprint(headers),
		columns: mapping.columns.map(({index, header, target}) => ({index, header, target})),
		derived: Object.fromEntries(mapping.derived.map((derivation) => [derivation.target, derivation.enabled])),
		...(reading ? {csv: reading} : {}),
		savedAt: now.toISOString(),
	};
}

/** A preset as its file holds it (`--mapping`, `--export-mapping`, an import's mapping.json). */
export function presetJson(preset: Preset): string {
	return `${JSON.stringify(preset, null, '\t')}\n`;
}

/**
 * The preset as the mapping itself, when it names every column of this header row where it stands
 * (an import's own recorded mapping, read back from its unchanged file): what `applyPreset` makes of
 * any suggestion, without the matcher's work. Undefined when any column differs.
 */
export function recordedMapping(preset: Preset, headers: readonly string[]): Mapping | undefined {
	if (preset.columns.length !== headers.length || preset.columns.some((column, index) => column.index !== index || column.header !== headers[index])) return undefined;
	const columns = preset.columns.map(({index, header, target}): ColumnMapping => ({index, header, target: target as ColumnMapping['target'], confidence: target === null ? 0 : 1, reason: target === null ? null : 'preset'}));
	const mapping = withDerivations(columns, []);
	return {...mapping, derived: mapping.derived.map((derivation) => ({...derivation, enabled: preset.derived[derivation.target] ?? derivation.enabled}))};
}

/**
 * Lays a preset over a file's columns, matched by header (then position among equal headers), so
 * a file whose columns were reordered or extended still takes it. Columns the preset does not
 * know keep the matcher's suggestion unless that target is already the preset's.
 */
export function applyPreset(preset: Preset, suggested: Mapping): Mapping {
	const unused = [...preset.columns];
	const fromPreset = new Map<number, ColumnMapping['target']>();
	for (const column of suggested.columns) {
		const key = normalizeHeader(column.header);
		const position = unused.findIndex((saved) => normalizeHeader(saved.header) === key && saved.index === column.index);
		const found = position >= 0 ? position : unused.findIndex((saved) => normalizeHeader(saved.header) === key);
		if (found < 0) continue;
		fromPreset.set(column.index, unused[found]!.target);
		unused.splice(found, 1);
	}
	const presetTargets = new Set([...fromPreset.values()].filter((target) => target !== null));
	const columns = suggested.columns.map((column): ColumnMapping => {
		if (fromPreset.has(column.index)) {
			const target = fromPreset.get(column.index) ?? null;
			return {...column, target, confidence: target === null ? 0 : 1, reason: target === null ? null : 'preset'};
		}
		if (column.target !== null && presetTargets.has(column.target) && column.target !== 'group') return {...column, target: null, confidence: 0, reason: null};
		return column;
	});
	const mapping = withDerivations(columns, []);
	return {
		...mapping,
		derived: mapping.derived.map((derivation) => ({...derivation, enabled: preset.derived[derivation.target] ?? derivation.enabled})),
	};
}
