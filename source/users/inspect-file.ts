import {openCsv, type CsvOverrides, type CsvRow} from '../csv/index.js';
import {catalogEntry, type Target} from '../mapping/catalog.js';
import type {DerivedTarget} from '../mapping/derive.js';
import {setDerivationEnabled, type Mapping} from '../mapping/mapping.js';
import type {DirectoryNames} from '../mapping/match-columns.js';
import type {PresetStore} from '../mapping/preset-store.js';
import type {Preset} from '../mapping/presets.js';
import {suggestMapping, type MappingSource} from '../mapping/suggest-mapping.js';
import type {BuiltRow} from './build-user.js';
import {checkRows, type RowSummary} from './check-rows.js';
import {inferDateOrder, type DateOrder} from './date-order.js';
import {defaultUserDefaults, type UserDefaults} from './defaults.js';
import {mappingIssues} from './mapping-issues.js';
import type {RowIssue} from './row-issue.js';

/** What `inspect --json` prints: the file's layout, the mapping, and every row's issues. */
export type InspectReport = {
	encoding: string;
	delimiter: string;
	headerLine: number;
	rows: number;
	cleanedCells: number;
	droppedRows: number;
	columns: Array<{index: number; header: string; target: Target | null; confidence: number; samples: string[]}>;
	derived: Array<{target: string; from: Target[]; rule: string}>;
	issues: RowIssue[];
	summary: RowSummary;
};

export type InspectOptions = {
	overrides?: CsvOverrides;
	preset?: {preset: Preset; path: string};
	store?: PresetStore;
	directory?: DirectoryNames;
	defaults?: UserDefaults;
	now?: Date;
	/** Derivations switched off (`--no-derive username`). */
	noDerive?: readonly DerivedTarget[];
	/** Sees every built row: the importer keeps them to plan the import. */
	onRow?: (built: BuiltRow) => void;
};

/** Rows read to suggest a mapping and to tell how each column writes dates. */
const sampleSize = 1000;
const samplesShown = 3;

/** Reads a CSV, maps its columns, and checks every row, streaming; throws CsvError for an unreadable file. */
export async function inspectFile(path: string, options: InspectOptions = {}): Promise<{report: InspectReport; mapping: Mapping; source: MappingSource}> {
	const file = await openCsv(path, options.overrides);
	const sample = await file.sample(sampleSize);
	const {layout} = file;
	const suggested = suggestMapping(layout.headers, sample.map((row) => row.cells), {preset: options.preset, store: options.store, directory: options.directory});
	const {source} = suggested;
	let {mapping} = suggested;
	for (const target of options.noDerive ?? []) mapping = setDerivationEnabled(mapping, target, false);

	const dateOrders = new Map<number, DateOrder>();
	layout.headers.forEach((_, index) => {
		const order = inferDateOrder(sample.map((row) => row.cells[index] ?? ''));
		if (order) dateOrders.set(index, order);
	});

	const {issues, summary} = await checkRows(file.batches(), mapping, {
		defaults: options.defaults ?? defaultUserDefaults,
		// Without a caller for the rows, only their issues are wanted.
		...(options.onRow ? {onRow: options.onRow} : {checkOnly: true}),
		now: options.now ?? new Date(),
		dateOrders,
	});
	const stats = file.stats() ?? {rows: 0, droppedRows: 0, cleanedCells: 0};

	const report: InspectReport = {
		encoding: layout.encoding,
		delimiter: layout.delimiter,
		headerLine: layout.headerLine,
		rows: stats.rows,
		cleanedCells: stats.cleanedCells,
		droppedRows: stats.droppedRows,
		columns: mapping.columns.map((column) => ({
			index: column.index,
			header: column.header,
			target: column.target,
			confidence: column.confidence,
			samples: samplesOf(sample, column.index, column.target),
		})),
		derived: mapping.derived.filter((derivation) => derivation.enabled).map(({target, from, rule}) => ({target, from, rule})),
		issues: [...mappingIssues(mapping, layout.headerLine, layout.headerIssues), ...issues],
		summary,
	};
	return {report, mapping, source};
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
