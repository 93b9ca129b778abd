import path from 'node:path';
import {CsvError, openCsv, type EncodingLabel} from '../../csv/index.js';
import {encodingChoices} from '../../csv/encoding-choices.js';
import type {Mapping} from '../../mapping/mapping.js';
import {PresetStore} from '../../mapping/preset-store.js';
import {isSecretHeader, secretColumns} from '../../mapping/secret-columns.js';
import {fingerprint, presetReading, rememberedEncoding, toPreset} from '../../mapping/presets.js';
import {suggestMapping} from '../../mapping/suggest-mapping.js';
import type {Dispatch, WizardTaskState} from './task-state.js';

/** A code page guessed at least this surely is taken without asking (the encoding screen is skipped). */
const sureOfCodePage = 0.9;

/** Rows read to suggest a mapping, and sample values shown per column. */
const sampleRows = 1000;
const samplesShown = 3;

/**
 * Opens the chosen file: its code page (asked when only guessed, unless a remembered mapping for
 * these headers was read with one), its columns with a few sample values, and a suggested mapping.
 */
export async function openFile(state: WizardTaskState, file: string, encoding: EncodingLabel | undefined, dispatch: Dispatch): Promise<void> {
	state.presets ??= await PresetStore.open(state.env);
	let csv = await openCsv(file, encoding ? {encoding} : {});
	// A code page only guessed gives way to the one a remembered mapping for these headers was read with.
	const chosen = encoding ?? rememberedEncoding(state.presets.find(fingerprint(csv.layout.headers)), csv.layout, csv.encodingCertainty.confidence < 1);
	if (chosen && !encoding) csv = await openCsv(file, {encoding: chosen});
	const certainty = csv.encodingCertainty;
	// Not UTF-8, its code page not clearly guessed, and nobody chose: show the names each way, the guess first, and let the admin pick.
	if (!chosen && certainty.confidence < sureOfCodePage) {
		const passwords = new Set(csv.layout.headers.flatMap((header, index) => (isSecretHeader(header) ? [index] : [])));
		const guessed = {encoding: csv.layout.encoding, confidence: certainty.confidence, ...(certainty.runnerUp ? {runnerUp: certainty.runnerUp.encoding} : {})};
		const choices = await encodingChoices(file, {delimiter: csv.layout.delimiter, skipColumns: passwords, guessed});
		if (choices.length > 0) {
			dispatch({type: 'encoding-needed', path: file, choices});
			return;
		}
	}
	const sample = await csv.sample(sampleRows);
	// Said on the file screen (one short line, to fit the status line), where another file can be picked: a mapping of no rows helps nobody.
	if (sample.length === 0) throw new CsvError('empty', file, `${path.basename(file)} has a header row but no data rows.`);
	const names = directoryNames(state);
	const {mapping, source} = suggestMapping(csv.layout.headers, sample.map((row) => row.cells), {store: state.presets, ...(names ? {directory: names} : {}), ...(csv.layout.labels ? {labels: csv.layout.labels} : {})});
	// A guessed code page is kept as chosen: every later read of the file reads the same names.
	state.file = {path: file, overrides: chosen || certainty.confidence < 1 ? {encoding: csv.layout.encoding} : {}};
	state.reading = presetReading(csv.layout);
	state.prepared = undefined;
	dispatch({
		type: 'file-opened',
		csv: {
			path: file,
			encoding: csv.layout.encoding,
			delimiter: csv.layout.delimiter,
			headerLine: csv.layout.headerLine,
			columns: csv.layout.headers.map((header, index) => ({index, header, samples: distinct(sample.map((row) => row.cells[index] ?? ''))})),
			// A column headed "password…" with yes/no samples is a setting, shown like any other.
			secret: [...secretColumns(mapping, (index) => sample.map((row) => row.cells[index] ?? ''))],
		},
		mapping,
		source,
	});
}

/** Remembered for the next file with the same header row; a failure to save is not worth stopping for. */
export async function saveMapping(state: WizardTaskState, mapping: Mapping, headers: readonly string[]): Promise<void> {
	state.presets ??= await PresetStore.open(state.env);
	await state.presets.save(toPreset(mapping, headers, new Date(), state.reading)).catch(() => {});
}

/** The directory's group and device names, which help a column be recognised; none before connecting. */
function directoryNames(state: WizardTaskState) {
	if (!state.directory) return undefined;
	return {groups: state.directory.groups.map((group) => group.name), systems: state.directory.systems.flatMap((system) => [system.hostname ?? '', system.displayName ?? ''].filter(Boolean))};
}

function distinct(values: readonly string[]): string[] {
	const shown: string[] = [];
	for (const value of values) {
		if (value !== '' && !shown.includes(value)) shown.push(value);
		if (shown.length === samplesShown) break;
	}
	return shown;
}
