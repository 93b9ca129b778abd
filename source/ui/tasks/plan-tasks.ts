import {csvOverridesOf, importFolder, readManifest} from '../../importer/import-store.js';
import type {ImportOptions} from '../../importer/options.js';
import {recheckPlan} from '../../importer/plan-check.js';
import {prepareImport, type PreparedImport} from '../../importer/prepare.js';
import {prepareResume} from '../../importer/resume.js';
import type {Mapping} from '../../mapping/mapping.js';
import type {CellEdit} from '../../users/cell-edits.js';
import {RowCells} from '../row-cells.js';
import {rowsToCreateWithWarnings} from '../state/steps/preview.js';
import type {Plan, RunKind} from '../state/wizard-state.js';
import {farewellLines} from './farewell.js';
import {readingProgress} from './reading-progress.js';
import {explain} from './task-failure.js';
import type {Dispatch, WizardTaskState} from './task-state.js';

/** Every row of the chosen file checked against the directory: the plan the preview shows. */
export async function prepare(state: WizardTaskState, mapping: Mapping, options: ImportOptions, edits: CellEdit[], dispatch: Dispatch): Promise<void> {
	const {client, file} = state.need();
	// The rows' cells are kept as planning reads them: opening a row never reads the file.
	const cells = RowCells.collect(mapping);
	// A big file takes seconds to check: the count of rows read, at most five times a second.
	let read = 0;
	let said = -Infinity;
	const onSourceRow = (row: Parameters<typeof cells.add>[0]) => {
		cells.add(row);
		if (++read % 1000 !== 0 || performance.now() - said < 200) return;
		said = performance.now();
		dispatch({type: 'busy-progress', text: `Checking every row against the directory: ${read.toLocaleString('en-US')} rows read…`});
	};
	const prepared = await prepareImport({
		file: file.path,
		options,
		client,
		mapping,
		edits,
		// Read once at connect: re-checking after an edit costs no request.
		...(state.directory ? {directory: state.directory} : {}),
		overrides: file.overrides,
		onSourceRow,
	});
	state.rowCells = cells.done();
	state.directory = prepared.directory;
	state.prepared = {prepared, edits, options};
	dispatch({type: 'prepared', plan: toPlan(prepared)});
}

/** One row's cells as the admin sees them in the detail view, edits applied; passwords withheld. */
export async function loadRow(state: WizardTaskState, row: number, secretColumns: ReadonlySet<number>, dispatch: Dispatch): Promise<void> {
	const {file} = state.need();
	const prepared = state.prepared;
	if (!prepared) return;
	// Kept while planning; a plan made elsewhere (a resume) reads them once here.
	state.rowCells ??= await RowCells.read(file.path, file.overrides, prepared.prepared.mapping);
	const cells = state.rowCells.detail(row, prepared.prepared.mapping, prepared.edits, secretColumns);
	if (cells) dispatch({type: 'row-loaded', row, cells});
}

/** A recorded import's rows planned again, from its manifest, for Confirm: its own file, mapping, edits and options. */
export async function planResume(state: WizardTaskState, id: string, dispatch: Dispatch): Promise<void> {
	// `u` on the summary of the import just run: over the same connection, and back to that summary on a failure.
	const shown = state.shown?.importId === id ? state.shown : undefined;
	try {
		const {client} = state.need(false);
		const folder = importFolder(state.home.imports, id);
		const manifest = readManifest(folder);
		const prepared = await prepareResume(client, folder, manifest, {purpose: 'resume', onProgress: readingProgress(dispatch)});
		state.current = {folder, manifest};
		state.file = {path: manifest.csv.path, overrides: csvOverridesOf(manifest.csv)};
		state.rowCells = undefined;
		state.prepared = {prepared, edits: manifest.edits ?? [], options: manifest.options};
		dispatch({type: 'resume-prepared', plan: toPlan(prepared), options: manifest.options});
		// Said if the admin leaves before running it (Ctrl+C on Confirm): the import stays unfinished, not "nothing created".
		state.farewell = shown ? farewellLines(shown, manifest.target.sandbox) : [`jc-import: left the wizard; import ${id} is unfinished, as it was. To finish it: jc-import resume ${id}`];
	} catch (error) {
		if (!shown) throw error;
		dispatch({type: 'task-failed', message: explain(error)});
	}
}

/**
 * The plan, checked against the directory again (read-only) when Confirm opens, so the counts on
 * it are true at the moment the admin presses y. The file must still be the one planned.
 */
export async function refreshPlan(state: WizardTaskState, kind: RunKind, dispatch: Dispatch): Promise<void> {
	const rechecked = await recheck(state, kind, dispatch);
	if (!rechecked) return;
	const {fresh, changed} = rechecked;
	dispatch({type: 'plan-refreshed', plan: toPlan(fresh), ...(changed ? {changed: `Since the preview: ${changed}.`} : {})});
}

/**
 * The same rows planned again with a fresh read of the directory (the file must be the bytes the
 * admin saw planned), kept as the plan to run; undefined when there is no plan.
 */
export async function recheck(state: WizardTaskState, kind: RunKind, dispatch: Dispatch): Promise<{fresh: PreparedImport; changed: string | undefined} | undefined> {
	const {client} = state.need(false);
	const current = state.prepared;
	if (!current || kind === 'rollback') return undefined;
	const onProgress = readingProgress(dispatch);
	let file: string;
	let replan: () => Promise<PreparedImport>;
	if (kind === 'import') {
		const chosen = state.need().file;
		file = chosen.path;
		replan = () => prepareImport({file, options: current.options, client, mapping: current.prepared.mapping, edits: current.edits, overrides: chosen.overrides, onProgress});
	} else {
		const {folder, manifest} = state.current!;
		file = manifest.csv.path;
		replan = () => prepareResume(client, folder, manifest, {purpose: kind === 'retry' ? 'retry' : 'resume', onProgress});
	}
	const rechecked = await recheckPlan(current.prepared, file, replan);
	state.directory = rechecked.fresh.directory;
	state.prepared = {...current, prepared: rechecked.fresh};
	return rechecked;
}

/** The plan as the reducer keeps it: the rows, their totals, the rows to create with warnings, and the file's own issues. */
export function toPlan(prepared: PreparedImport): Plan {
	const fileIssues = prepared.report.issues.filter((issue) => issue.row === 0).map((issue) => issue.message);
	return {rows: prepared.rows, summary: prepared.summary, warnings: rowsToCreateWithWarnings(prepared.rows), fileIssues};
}
