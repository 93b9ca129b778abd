import {openCsv, type CsvFile, type CsvLayout, type CsvOverrides, type CsvRow, type RowPosition} from '../csv/index.js';
import type {FileFingerprint} from '../csv/read-rows.js';
import {ExpectedError} from '../lib/exit-codes.js';
import {catalogEntry, type Target} from '../mapping/catalog.js';
import {isSecretHeader} from '../mapping/secret-columns.js';
import type {DerivedTarget} from '../mapping/derive.js';
import {setDerivationEnabled, setTarget, type Mapping} from '../mapping/mapping.js';
import type {DirectoryNames} from '../mapping/match-columns.js';
import type {PresetStore} from '../mapping/preset-store.js';
import {fingerprint, fitsPreset, recordedMapping, rememberedEncoding, type NamedPreset} from '../mapping/presets.js';
import type {MappingSource} from '../mapping/suggest-mapping.js';
import type {BuiltRow} from './build-user.js';
import {applyEdits, indexEdits, type CellEdit} from './cell-edits.js';
import {checkRows, type RowSummary} from './check-rows.js';
import {inferDateOrder, type DateOrder} from './date-order.js';
import {defaultUserDefaults, type UserDefaults} from './defaults.js';
import {mappingIssues} from './mapping-issues.js';
import type {RowIssue} from './row-issue.js';
import type {UniqueInFile} from './unique-in-file.js';

/** What `inspect --json` prints: the file's layout, the mapping, and every row's issues. */
export type InspectReport = {
	encoding: string;
	/** 0–1: 1 when told, announced by a byte-order mark, or valid UTF-8; else how clearly the names read right in it. */
	encodingConfidence: number;
	delimiter: string;
	headerLine: number;
	/** A second header row of labels (SAP SuccessFactors) skipped under the header, and the PowerShell #TYPE type name skipped above it. */
	labelLine?: number;
	powershellType?: string;
	rows: number;
	cleanedCells: number;
	droppedRows: number;
	/** `evidence`: why the matcher chose the target, one plain line each (none for a preset's or the user's choice); `proposal`: a custom attribute offered for an ignored per-user column, not applied. */
	columns: Array<{index: number; header: string; target: Target | null; confidence: number; samples: string[]; evidence: string[]; proposal?: Target}>;
	derived: Array<{target: string; from: Target[]; rule: string}>;
	issues: RowIssue[];
	summary: RowSummary;
};

export type InspectOptions = {
	overrides?: CsvOverrides;
	preset?: NamedPreset;
	store?: PresetStore;
	directory?: DirectoryNames;
	defaults?: UserDefaults;
	now?: Date;
	/** Derivations switched off (`--no-derive username`). */
	noDerive?: readonly DerivedTarget[];
	/** Hears the layout and the mapping once they are decided, before the first row is checked. */
	onMapped?: (mapped: {layout: CsvLayout; mapping: Mapping}) => void;
	/** Sees every built row: the importer keeps them to plan the import. */
	onRow?: (built: BuiltRow) => void;
	/** Sees every row as the file holds it (before cell edits), as it is read. */
	onSourceRow?: (row: CsvRow) => void;
	/** Awaited before each chunk of rows is read: a plan run as it is made holds the reading back while it is far ahead. */
	beforeChunk?: () => Promise<void>;
	/** The mapping to use as is (the wizard's, edited), instead of suggesting one; `noDerive` is then not applied. */
	mapping?: Mapping;
	/** The admin's cell edits, laid over the rows (and the samples) before they are checked. */
	edits?: readonly CellEdit[];
	/** Hash the bytes read and digest each row, to tell later whether the file changed since. */
	fingerprint?: boolean;
	/** Take every custom attribute offered for an ignored per-user column (`--custom-attributes`); not with `mapping`. */
	customAttributes?: boolean;
	/** Check the rows from this record on (a resume's rest), the report's counts being theirs; the sample and the mapping still come from the file's first rows. */
	from?: RowPosition;
	/** The in-file duplicate check to go on with (one a resume restored): a repeat of a row before `from` is still found. */
	unique?: UniqueInFile;
};

/** A given mapping made for other columns (another file, or the delimiter or header row changed since). */
export class StaleMappingError extends ExpectedError {
	override name = 'StaleMappingError';
}

/** Rows read to suggest a mapping and to tell how each column writes dates. */
const sampleSize = 1000;
const samplesShown = 3;

/** Reads a CSV, maps its columns, and checks every row, streaming; throws CsvError for an unreadable file. */
export async function inspectFile(path: string, options: InspectOptions = {}): Promise<{report: InspectReport; mapping: Mapping; source: MappingSource; fingerprint?: FileFingerprint}> {
	const file = await openAsMapped(path, options.fingerprint ? {...options.overrides, fingerprint: true} : (options.overrides ?? {}), options);
	const {layout} = file;
	const rawSample = await file.sample(sampleSize);
	const {mapping, source} = options.mapping ? givenMapping(options.mapping, layout.headers) : (recorded(options.preset, layout.headers) ?? (await suggested(layout.headers, rawSample, options, layout.labels)));
	// Checked before the file is read through: an edit of a password column throws here.
	const edits = indexEdits(options.edits ?? [], mapping);
	const sample = edits.size > 0 ? rawSample.map((row) => applyEdits(row, edits)) : rawSample;
	options.onMapped?.({layout, mapping});

	const dateOrders = new Map<number, DateOrder>();
	layout.headers.forEach((_, index) => {
		const order = inferDateOrder(sample.map((row) => row.cells[index] ?? ''));
		if (order) dateOrders.set(index, order);
	});

	let batches: AsyncIterable<CsvRow[]> = file.batches(options.from);
	if (options.onSourceRow) batches = tapped(batches, options.onSourceRow);
	if (options.beforeChunk) batches = held(batches, options.beforeChunk);
	const {issues, summary} = await checkRows(batches, mapping, {
		defaults: options.defaults ?? defaultUserDefaults,
		// Without a caller for the rows, only their issues are wanted.
		...(options.onRow ? {onRow: options.onRow} : {checkOnly: true}),
		now: options.now ?? new Date(),
		dateOrders,
		...(options.edits?.length ? {edits: options.edits} : {}),
		...(options.unique ? {unique: options.unique} : {}),
	});
	const stats = file.stats() ?? {rows: 0, droppedRows: 0, cleanedCells: 0};

	const report: InspectReport = {
		encoding: layout.encoding,
		encodingConfidence: file.encodingCertainty.confidence,
		delimiter: layout.delimiter,
		headerLine: layout.headerLine,
		...(layout.labelLine === undefined ? {} : {labelLine: layout.labelLine}),
		...(layout.powershellType === undefined ? {} : {powershellType: layout.powershellType}),
		rows: stats.rows,
		cleanedCells: stats.cleanedCells,
		droppedRows: stats.droppedRows,
		columns: mapping.columns.map((column) => ({
			index: column.index,
			header: column.header,
			target: column.target,
			confidence: column.confidence,
			samples: samplesOf(sample, column.index, column.target),
			evidence: evidenceOf(sample, column),
			...(column.target === null && column.proposal ? {proposal: column.proposal} : {}),
		})),
		derived: mapping.derived.filter((derivation) => derivation.enabled).map(({target, from, rule}) => ({target, from, rule})),
		issues: [...mappingIssues(mapping, layout.headerLine, layout.headerIssues), ...issues],
		summary,
	};
	return {report, mapping, source, ...(stats.fingerprint ? {fingerprint: stats.fingerprint} : {})};
}

/**
 * The file read as the flags say, else as its mapping's file was: a preset's encoding replaces a
 * guessed code page (never what the bytes announce, nor UTF-8); its delimiter and header line are
 * tried when detection does not find its header row (a file of the same export, laid out as before).
 * Without a preset, a code page only guessed gives way to the one a remembered mapping for these
 * headers was read with.
 */
async function openAsMapped(path: string, overrides: CsvOverrides, options: InspectOptions): Promise<CsvFile> {
	const preset = options.mapping ? undefined : options.preset?.preset;
	const legacy = preset?.csv && !preset.csv.encoding.startsWith('utf-') ? {legacyEncoding: preset.csv.encoding} : {};
	const file = await openCsv(path, {...legacy, ...overrides});
	if (preset?.csv && !fitsPreset(preset, file.layout.headers)) {
		const {delimiter, headerLine} = preset.csv;
		const asBefore = await openCsv(path, {...legacy, delimiter, headerLine, ...overrides}).catch(() => undefined);
		if (asBefore && fitsPreset(preset, asBefore.layout.headers)) return asBefore;
	}
	const remembered = preset || options.mapping ? undefined : rememberedEncoding(options.store?.find(fingerprint(file.layout.headers)), file.layout, file.encodingCertainty.confidence < 1);
	return remembered ? openCsv(path, {...overrides, encoding: remembered}) : file;
}

/** An import's own mapping, for the file it was read from (a resume): as it is, without the matcher. */
function recorded(preset: NamedPreset | undefined, headers: readonly string[]): {mapping: Mapping; source: MappingSource} | undefined {
	const mapping = preset?.recorded ? recordedMapping(preset.preset, headers) : undefined;
	return mapping && preset ? {mapping, source: {kind: 'file', path: preset.path}} : undefined;
}

/** The matcher's suggestion, a preset laid over it; the matcher and its lexicons load here, when first wanted. */
async function suggested(headers: readonly string[], sample: readonly CsvRow[], options: InspectOptions, labels?: readonly string[]): Promise<{mapping: Mapping; source: MappingSource}> {
	const {suggestMapping} = await import('../mapping/suggest-mapping.js');
	const {source, mapping} = suggestMapping(headers, sample.map((row) => row.cells), {preset: options.preset, store: options.store, directory: options.directory, ...(labels ? {labels} : {})});
	let result = mapping;
	for (const target of options.noDerive ?? []) result = setDerivationEnabled(result, target, false);
	if (options.customAttributes) result = takeProposals(result);
	return {mapping: result, source};
}

/** Every offered custom attribute taken, as if the user had chosen each (derivations switched off stay off). */
function takeProposals(mapping: Mapping): Mapping {
	let result = mapping;
	for (const column of mapping.columns) {
		if (column.target === null && column.proposal) result = setTarget(result, column.index, column.proposal);
	}
	return result;
}

function givenMapping(mapping: Mapping, headers: readonly string[]): {mapping: Mapping; source: MappingSource} {
	const fits = mapping.columns.length === headers.length && mapping.columns.every((column) => headers[column.index] === column.header);
	if (!fits) throw new StaleMappingError(`The mapping was made for other columns than this file's (${headers.length}); map the columns again.`);
	return {mapping, source: {kind: 'manual'}};
}

/** The first few distinct values; never a password. */
function samplesOf(rows: readonly CsvRow[], index: number, target: Target | null): string[] {
	const values: string[] = [];
	for (const row of rows) {
		const value = row.cells[index] ?? '';
		if (value !== '' && !values.includes(value)) values.push(value);
		if (values.length === samplesShown) break;
	}
	return target !== null && catalogEntry(target)?.kind === 'password' ? values.map(() => '********') : values;
}

/**
 * The matcher's reasons, none for a preset's or the user's choice (theirs: the reasons no longer
 * speak for it); a password column's own values, should a reason quote one, withheld.
 */
function evidenceOf(rows: readonly CsvRow[], column: Mapping['columns'][number]): string[] {
	if (column.reason === 'preset' || column.reason === 'manual') return [];
	const evidence = column.evidence ?? [];
	if (evidence.length === 0) return evidence;
	const values = rows.map((row) => row.cells[column.index] ?? '');
	const secret = (column.target !== null && catalogEntry(column.target)?.kind === 'password') || isSecretHeader(column.header, values);
	if (!secret) return evidence;
	// Longest first, so a value inside another is not left half shown; very short ones would mangle words.
	const quoted = [...new Set(values.map((value) => value.trim()).filter((value) => value.length >= 3))].sort((a, b) => b.length - a.length);
	return evidence.map((line) => quoted.reduce((text, value) => text.split(value).join('********'), line));
}

/** The chunks, every row shown to `see` on the way. */
async function* tapped(chunks: AsyncIterable<CsvRow[]>, see: (row: CsvRow) => void): AsyncGenerator<CsvRow[]> {
	for await (const chunk of chunks) {
		for (const row of chunk) see(row);
		yield chunk;
	}
}

/** The chunks, each read only once `before` has settled. */
async function* held<T>(chunks: AsyncIterable<T>, before: () => Promise<void>): AsyncGenerator<T> {
	for await (const chunk of chunks) {
		yield chunk;
		await before();
	}
}
