import {copyFileSync, existsSync} from 'node:fs';
import path from 'node:path';
import type {ImportOptions} from '../importer/options.js';
import {CsvError, openCsv, type CsvOverrides, type EncodingLabel} from '../csv/index.js';
import {encodingChoices} from '../csv/encoding-choices.js';
import {headlessCommand} from '../importer/headless-command.js';
import {csvOverridesOf, importFolder, readManifest, type ImportFolder, type Manifest} from '../importer/import-store.js';
import {importConnection} from '../importer/import-target.js';
import {connectPaced} from '../importer/connect-paced.js';
import {isStale, recheckPlan} from '../importer/plan-check.js';
import {continueImport, importTarget, startNewImport} from '../importer/start-import.js';
import {writeImportMapping} from '../importer/import-mapping.js';
import {readDirectory, type DirectoryProgress, type DirectorySnapshot} from '../importer/directory-read.js';
import {prepareImport, type PreparedImport} from '../importer/prepare.js';
import {ProgressTracker} from '../importer/progress-tracker.js';
import {prepareResume} from '../importer/resume.js';
import {runRollback} from '../importer/rollback-session.js';
import type {ImportSession} from '../importer/session.js';
import type {RunnerEvent} from '../importer/runner.js';
import type {StartedImport} from '../importer/start-import.js';
import {JumpCloudError} from '../jumpcloud/errors.js';
import {regions} from '../jumpcloud/regions.js';
import type {Connected} from '../lib/connect.js';
import {listFolder} from '../lib/list-folder.js';
import type {HomePaths} from '../lib/paths.js';
import type {Connection} from '../lib/settings.js';
import type {Mapping} from '../mapping/mapping.js';
import {PresetStore} from '../mapping/preset-store.js';
import {isSecretHeader, secretColumns} from '../mapping/secret-columns.js';
import {fingerprint, presetReading, rememberedEncoding, toPreset, type PresetReading} from '../mapping/presets.js';
import {suggestMapping} from '../mapping/suggest-mapping.js';
import type {CellEdit} from '../users/cell-edits.js';
import type {Pacer} from '../importer/pacer.js';
import type {WizardAction} from './state/wizard-reducer.js';
import type {ConnectForm, Outcome, Plan, RunKind, Task} from './state/wizard-state.js';
import {rowsToCreateWithWarnings} from './state/steps/preview.js';
import {RowCells} from './row-cells.js';

type Dispatch = (action: WizardAction) => void;

/** A code page guessed at least this surely is taken without asking (the encoding screen is skipped). */
const sureOfCodePage = 0.9;

/** Rows read to suggest a mapping, and sample values shown per column. */
const sampleRows = 1000;
const samplesShown = 3;

/**
 * The wizard's hands: every task the reducer asks for (connect, read a folder or a file, check the
 * rows, run, pause, stop, roll back) done with the engine, its result dispatched back. The live
 * run's progress is read from `tracker` a few times a second, never pushed per request.
 */
export class WizardTasks {
	tracker = new ProgressTracker();
	rollback: {deleted: number; gone: number; kept: number; failed: number; total: number} | undefined;
	private connected: Connected | undefined;
	private pacer: Pacer | undefined;
	private connection: Connection | undefined;
	private directory: DirectorySnapshot | undefined;
	private presets: PresetStore | undefined;
	private file: {path: string; overrides: CsvOverrides} | undefined;
	/** How the chosen file was read, kept with a remembered mapping. */
	private reading: PresetReading | undefined;
	private prepared: {prepared: PreparedImport; edits: CellEdit[]; options: ImportOptions} | undefined;
	private rowCells: RowCells | undefined;
	private current: {folder: ImportFolder; manifest: Manifest} | undefined;
	private session: ImportSession | undefined;
	private stopRollback = false;
	private closing = false;
	private readonly inFlight = new Set<Promise<void>>();
	private failedRows = 0;
	/** The outcome on the summary now: a resume begun there returns there. */
	private shown: Outcome | undefined;
	/** What to print on the normal screen once the wizard has closed. */
	farewell: string[] = [];

	constructor(
		private readonly home: HomePaths,
		private readonly env: NodeJS.ProcessEnv,
	) {}

	/**
	 * Runs one task; failures become a sentence on the screen, never a crash. Once the wizard is
	 * closing nothing new starts, and nothing is reported to a screen that is gone.
	 */
	async run(task: Task, dispatch: Dispatch): Promise<void> {
		if (this.closing) return;
		const report: Dispatch = (action) => {
			if (!this.closing) dispatch(action);
		};
		const done = this.perform(task, report).catch((error: unknown) => report(failure(task, error)));
		this.inFlight.add(done);
		await done;
		this.inFlight.delete(done);
	}

	private async perform(task: Task, dispatch: Dispatch): Promise<void> {
		switch (task.kind) {
			case 'connect':
				return this.connect(task.form, task.resumeId, dispatch);
			case 'list-folder': {
				const listing = listFolder(task.dir);
				dispatch({type: 'folder-listed', dir: listing.dir, entries: listing.entries});
				return;
			}
			case 'open-file':
				return this.openFile(task.path, task.encoding as EncodingLabel | undefined, dispatch);
			case 'save-mapping':
				// Remembered for the next file with the same header row; a failure to save is not worth stopping for.
				this.presets ??= await PresetStore.open(this.env);
				await this.presets.save(toPreset(task.mapping, task.headers, new Date(), this.reading)).catch(() => {});
				return;
			case 'prepare':
				return this.prepare(task.mapping, task.options, task.edits, dispatch);
			case 'load-row':
				return this.loadRow(task.row, new Set(task.secret), dispatch);
			case 'prepare-resume':
				return this.prepareResume(task.id, dispatch);
			case 'run':
				return this.startRun(task.run, dispatch);
			case 'refresh-plan':
				return this.refreshPlan(task.run, dispatch);
			case 'pause': {
				const runner = this.session?.runner;
				if (!runner) return;
				if (this.tracker.snapshot().state === 'paused') runner.resume();
				else runner.pause();
				return;
			}
			case 'stop':
				this.stopRollback = true;
				this.session?.runner.stop(task.hard);
				return;
			case 'write-report':
				return this.writeReport(dispatch);
		}
	}

	private async connect(form: ConnectForm, resumeId: string | undefined, dispatch: Dispatch): Promise<void> {
		await this.disconnect();
		let connection: Connection;
		if (resumeId) {
			const manifest = readManifest(importFolder(this.home.imports, resumeId));
			connection = importConnection(manifest, form.apiKey || this.env.JC_API_KEY?.trim() || undefined, form.orgId || undefined);
		} else if (form.mode === 'sandbox') {
			connection = {kind: 'sandbox'};
		} else {
			connection = {kind: 'jumpcloud', baseUrl: form.baseUrl ?? regions[form.region], region: form.baseUrl ? undefined : form.region, orgId: form.orgId || undefined, apiKey: form.apiKey || this.env.JC_API_KEY?.trim()};
		}
		const {connected, pacer} = await connectPaced(connection, false);
		if (this.closing) return connected.close();
		this.connected = connected;
		this.pacer = pacer;
		this.connection = connection;
		// One cheap read proves the key before the whole directory is read.
		const organization = await connected.client.organization.get();
		this.directory = await readDirectory(connected.client, this.readingProgress(dispatch, 'Reading the directory'));
		dispatch({
			type: 'connected',
			// The sandbox's own badge says SANDBOX on every screen; the label says where it lives.
			target: {label: connection.kind === 'sandbox' ? `simulated JumpCloud, ${new URL(connected.client.http.baseUrl).host}` : connected.label, sandbox: connection.kind === 'sandbox'},
			directory: {
				organization: organization.displayName ?? organization._id,
				users: this.directory.users.length,
				groups: this.directory.groups.map((group) => group.name).sort((a, b) => a.localeCompare(b)),
				devices: this.directory.systems.map((system) => ({ref: system._id, name: system.displayName || system.hostname || system._id})),
			},
		});
	}

	private async openFile(file: string, encoding: EncodingLabel | undefined, dispatch: Dispatch): Promise<void> {
		this.presets ??= await PresetStore.open(this.env);
		let csv = await openCsv(file, encoding ? {encoding} : {});
		// A code page only guessed gives way to the one a remembered mapping for these headers was read with.
		const chosen = encoding ?? rememberedEncoding(this.presets.find(fingerprint(csv.layout.headers)), csv.layout, csv.encodingCertainty.confidence < 1);
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
		const names = this.directoryNames();
		const {mapping, source} = suggestMapping(csv.layout.headers, sample.map((row) => row.cells), {store: this.presets, ...(names ? {directory: names} : {}), ...(csv.layout.labels ? {labels: csv.layout.labels} : {})});
		// A guessed code page is kept as chosen: every later read of the file reads the same names.
		this.file = {path: file, overrides: chosen || certainty.confidence < 1 ? {encoding: csv.layout.encoding} : {}};
		this.reading = presetReading(csv.layout);
		this.prepared = undefined;
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

	private async prepare(mapping: Mapping, options: ImportOptions, edits: CellEdit[], dispatch: Dispatch): Promise<void> {
		const {client, file} = this.need();
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
			...(this.directory ? {directory: this.directory} : {}),
			overrides: file.overrides,
			onSourceRow,
		});
		this.rowCells = cells.done();
		this.directory = prepared.directory;
		this.prepared = {prepared, edits, options};
		dispatch({type: 'prepared', plan: toPlan(prepared)});
	}

	/** One row's cells as the admin sees them in the detail view, edits applied; passwords withheld. */
	private async loadRow(row: number, secretColumns: ReadonlySet<number>, dispatch: Dispatch): Promise<void> {
		const {file} = this.need();
		const prepared = this.prepared;
		if (!prepared) return;
		// Kept while planning; a plan made elsewhere (a resume) reads them once here.
		this.rowCells ??= await RowCells.read(file.path, file.overrides, prepared.prepared.mapping);
		const cells = this.rowCells.detail(row, prepared.prepared.mapping, prepared.edits, secretColumns);
		if (cells) dispatch({type: 'row-loaded', row, cells});
	}

	private async prepareResume(id: string, dispatch: Dispatch): Promise<void> {
		// `u` on the summary of the import just run: over the same connection, and back to that summary on a failure.
		const shown = this.shown?.importId === id ? this.shown : undefined;
		try {
			const {client} = this.need(false);
			const folder = importFolder(this.home.imports, id);
			const manifest = readManifest(folder);
			const prepared = await prepareResume(client, folder, manifest, {purpose: 'resume', onProgress: this.readingProgress(dispatch)});
			this.current = {folder, manifest};
			this.file = {path: manifest.csv.path, overrides: csvOverridesOf(manifest.csv)};
			this.rowCells = undefined;
			this.prepared = {prepared, edits: manifest.edits ?? [], options: manifest.options};
			dispatch({type: 'resume-prepared', plan: toPlan(prepared), options: manifest.options});
			// Said if the admin leaves before running it (Ctrl+C on Confirm): the import stays unfinished, not "nothing created".
			this.farewell = shown ? farewellLines(shown, manifest.target.sandbox) : [`jc-import: left the wizard; import ${id} is unfinished, as it was. To finish it: jc-import resume ${id}`];
		} catch (error) {
			if (!shown) throw error;
			dispatch({type: 'task-failed', message: explain(error)});
		}
	}

	/**
	 * The plan, checked against the directory again (read-only) when Confirm opens, so the counts on
	 * it are true at the moment the admin presses y. The file must still be the one planned.
	 */
	private async refreshPlan(kind: RunKind, dispatch: Dispatch): Promise<void> {
		const rechecked = await this.recheck(kind, dispatch);
		if (!rechecked) return;
		const {fresh, changed} = rechecked;
		dispatch({type: 'plan-refreshed', plan: toPlan(fresh), ...(changed ? {changed: `Since the preview: ${changed}.`} : {})});
	}

	/**
	 * The same rows planned again with a fresh read of the directory (the file must be the bytes the
	 * admin saw planned), kept as the plan to run; undefined when there is no plan.
	 */
	private async recheck(kind: RunKind, dispatch: Dispatch): Promise<{fresh: PreparedImport; changed: string | undefined} | undefined> {
		const {client} = this.need(false);
		const current = this.prepared;
		if (!current || kind === 'rollback') return undefined;
		const onProgress = this.readingProgress(dispatch);
		let file: string;
		let replan: () => Promise<PreparedImport>;
		if (kind === 'import') {
			const chosen = this.need().file;
			file = chosen.path;
			replan = () => prepareImport({file, options: current.options, client, mapping: current.prepared.mapping, edits: current.edits, overrides: chosen.overrides, onProgress});
		} else {
			const {folder, manifest} = this.current!;
			file = manifest.csv.path;
			replan = () => prepareResume(client, folder, manifest, {purpose: kind === 'retry' ? 'retry' : 'resume', onProgress});
		}
		const rechecked = await recheckPlan(current.prepared, file, replan);
		this.directory = rechecked.fresh.directory;
		this.prepared = {...current, prepared: rechecked.fresh};
		return rechecked;
	}

	/** "Checking the directory: 4,200 of 50,000 users read…" (or the file's users looked up), on the busy line. */
	private readingProgress(dispatch: Dispatch, doing = 'Checking the directory'): DirectoryProgress {
		const n = (count: number) => count.toLocaleString('en-US');
		return (read, total, unit = 'users') =>
			dispatch({type: 'busy-progress', text: unit === 'users' ? `${doing}: ${n(read)} of ${n(total)} users read…` : `${doing}: ${n(read)} of ${n(total)} lookups of the file's users done…`});
	}

	private async startRun(kind: RunKind, dispatch: Dispatch): Promise<void> {
		const {client} = this.need(false);
		if (kind === 'rollback') return this.runRollback(dispatch);
		if (kind === 'retry' && !this.prepared) {
			const {folder, manifest} = this.current!;
			this.prepared = {prepared: await prepareResume(client, folder, manifest, {purpose: 'retry'}), edits: manifest.edits ?? [], options: manifest.options};
		}
		// Minutes on the Confirm screen: check once more, and show a plan that changed rather than run it.
		if (this.prepared && isStale(this.prepared.prepared)) {
			const rechecked = await this.recheck(kind, dispatch);
			if (rechecked?.changed) {
				dispatch({type: 'plan-refreshed', plan: toPlan(rechecked.fresh), changed: `The directory changed while this screen was open: ${rechecked.changed}. Check the plan, then press y again.`});
				return;
			}
		}
		// Ctrl+C while this was getting ready: nothing may start once the wizard is closing.
		if (this.closing) return;
		const prepared = this.prepared!;
		this.tracker = new ProgressTracker();
		const tracker = this.tracker;
		const running = {client, pacer: this.pacer!, importsDir: this.home.imports, onEvent: (event: RunnerEvent) => tracker.track(event)};
		let started: StartedImport;
		if (kind === 'import') {
			started = await startNewImport({
				...running,
				file: this.file!.path,
				prepared: prepared.prepared,
				options: prepared.options,
				edits: prepared.edits,
				target: importTarget(this.connection!, client.http.baseUrl),
			});
			try {
				writeImportMapping(started.folder, started.manifest.mapping);
			} catch {
				// The run has started and must be followed; the summary writes the mapping when it can.
			}
		} else {
			const {folder, manifest} = this.current!;
			started = await continueImport({...running, folder, manifest, prepared: prepared.prepared, retryFailed: kind === 'retry'});
		}
		this.current = {folder: started.folder, manifest: started.manifest};
		const session = started.session;
		this.session = session;
		if (this.closing) session.runner.stop(true);
		dispatch({type: 'run-started'});
		try {
			const outcome = await session.finished;
			dispatch({type: 'run-finished', outcome: this.outcome(kind, {counts: outcome.counts, stopped: outcome.stopped, failedRows: outcome.failedRows, ...(outcome.failure ? {fatal: outcome.failure.message} : {})})});
		} finally {
			this.session = undefined;
			this.pacer?.remember();
			// The directory changed: the next plan reads it again.
			this.directory = undefined;
			// A retry plans the failed rows afresh from the journal.
			if (kind !== 'import') this.prepared = undefined;
		}
	}

	private async runRollback(dispatch: Dispatch): Promise<void> {
		const {client} = this.need(false);
		const {folder, manifest} = this.current!;
		this.stopRollback = false;
		const total = this.tracker.snapshot().counts.usersCreated;
		this.rollback = {deleted: 0, gone: 0, kept: 0, failed: 0, total};
		this.directory = undefined;
		const result = await runRollback({
			client,
			folder,
			manifest,
			// Only once the lock is held and cut-off creates are settled: a failure before stays on the summary.
			onStarted: () => dispatch({type: 'run-started'}),
			shouldStop: () => this.stopRollback || this.closing,
			onEvent: (event) => {
				if (!this.rollback) return;
				if (event.type === 'deleted') this.rollback.deleted++;
				else if (event.type === 'gone') this.rollback.gone++;
				else if (event.type === 'kept') this.rollback.kept++;
				else this.rollback.failed++;
			},
		});
		dispatch({type: 'run-finished', outcome: this.outcome('rollback', {counts: undefined, stopped: result.left > 0, failedRows: 0, rolledBack: result})});
	}

	/** The summary's outcome, and the farewell from the same: a rollback's says what it deleted, never "resume". */
	private outcome(kind: RunKind, result: {counts: Outcome['counts']; stopped: boolean; failedRows: number; fatal?: string; rolledBack?: Outcome['rolledBack']}): Outcome {
		const {folder, manifest} = this.current!;
		const sandbox = manifest.target.sandbox;
		// An import begun headless has no mapping file yet; the command below names one.
		if (!existsSync(folder.mappingPath)) writeImportMapping(folder, manifest.mapping);
		const outcome: Outcome = {
			kind,
			importId: manifest.id,
			counts: result.counts,
			rolledBack: result.rolledBack,
			stopped: result.stopped,
			...(result.fatal ? {fatal: result.fatal} : {}),
			resultsPath: folder.resultsPath,
			failedPath: result.failedRows > 0 ? folder.failedPath : undefined,
			headless: sameInScript(manifest, folder, result.stopped && (result.counts?.remaining ?? 0) > 0),
			written: [],
		};
		this.farewell = farewellLines(outcome, sandbox);
		this.failedRows = result.failedRows;
		this.shown = outcome;
		return outcome;
	}

	/**
	 * Writes the results report (and failed.csv, when a row failed) into the import's own folder,
	 * named after the CSV, to take away: never beside the CSV, which may sit in a repository or a
	 * shared folder. A folder that cannot be written is said on the summary, nothing elsewhere.
	 */
	private async writeReport(dispatch: Dispatch): Promise<void> {
		const {folder, manifest} = this.current!;
		const base = path.basename(manifest.csv.path).replace(/\.[^.]+$/, '');
		const written: string[] = [];
		const files: Array<[string, string]> = [[folder.resultsPath, 'results']];
		// failed.csv only when a row failed: an empty one would send the admin looking for nothing.
		if (this.failedRows > 0) files.push([folder.failedPath, 'failed']);
		for (const [from, suffix] of files) {
			if (!existsSync(from)) continue;
			const to = path.join(folder.dir, `${base}.${suffix}-${manifest.id}.csv`);
			copyFileSync(from, to);
			written.push(to);
		}
		if (written.length === 0) throw new Error(`The reports of import ${manifest.id} are not in ${folder.dir} (they could not be written at the end of the run); a resume writes them again.`);
		dispatch({type: 'report-written', paths: written});
	}

	private directoryNames() {
		if (!this.directory) return undefined;
		return {groups: this.directory.groups.map((group) => group.name), systems: this.directory.systems.flatMap((system) => [system.hostname ?? '', system.displayName ?? ''].filter(Boolean))};
	}

	private need(withFile = true): {client: Connected['client']; file: {path: string; overrides: CsvOverrides}} {
		if (!this.connected) throw new Error('Not connected.');
		if (withFile && !this.file) throw new Error('No file chosen.');
		return {client: this.connected.client, file: this.file!};
	}

	/**
	 * The wizard is closing: nothing new starts, a run stops at once (resumable), the tasks under
	 * way are waited for, then the connection (and the sandbox with it) is closed.
	 */
	async close(): Promise<void> {
		this.closing = true;
		this.session?.runner.stop(true);
		// Reads under way (connect, the directory, a plan's check) are cut off, not waited out.
		this.connected?.client.http.abandon();
		await Promise.allSettled([...this.inFlight]);
		await this.session?.finished.catch(() => {});
		await this.disconnect();
	}

	/** The import being run or last run, for a resume hint after a crash. */
	get currentImportId(): string | undefined {
		return this.current?.manifest.id;
	}

	private async disconnect(): Promise<void> {
		await this.connected?.close();
		this.connected = undefined;
		this.directory = undefined;
	}
}

function toPlan(prepared: PreparedImport): Plan {
	const fileIssues = prepared.report.issues.filter((issue) => issue.row === 0).map((issue) => issue.message);
	return {rows: prepared.rows, summary: prepared.summary, warnings: rowsToCreateWithWarnings(prepared.rows), fileIssues};
}

function distinct(values: readonly string[]): string[] {
	const shown: string[] = [];
	for (const value of values) {
		if (value !== '' && !shown.includes(value)) shown.push(value);
		if (shown.length === samplesShown) break;
	}
	return shown;
}

/**
 * "The same import in a script": an unfinished import is finished by `resume ID` (which goes back to
 * the import's own target); a finished one is repeated by `run` with its mapping and its target.
 * A sandbox lives only as long as this wizard: no script can reach it, and `--sandbox` in a script
 * would import into a new, empty one, so that is said instead of a command.
 */
export function sameInScript(manifest: Manifest, folder: ImportFolder, unfinished: boolean): string {
	if (manifest.target.sandbox) return 'none: a script cannot reach this sandbox, which ends with the wizard (--sandbox in a script starts a new, empty one).';
	if (unfinished) return `jc-import resume ${manifest.id} --yes`;
	return headlessCommand({
		file: manifest.csv.path,
		mappingPath: folder.mappingPath,
		options: manifest.options,
		reading: manifest.csv,
		target: {sandbox: false, baseUrl: manifest.target.baseUrl, ...(manifest.target.orgId ? {orgId: manifest.target.orgId} : {})},
	});
}

/** The lines left on the normal screen after the wizard: what happened and what to type next. */
export function farewellLines(outcome: Outcome, sandbox: boolean): string[] {
	const lines: string[] = [];
	if (outcome.rolledBack) {
		const {deleted, gone, kept, failed, left, clearedManagerOf, failure} = outcome.rolledBack;
		lines.push(`jc-import: import ${outcome.importId} rolled back: ${deleted} deleted, ${gone} already gone, ${kept} kept (not provably this import's), ${failed} failed, ${left} left.`);
		if (failure) lines.push(`  ${failure}`);
		if (clearedManagerOf.length > 0) lines.push(`  JumpCloud cleared the manager of ${clearedManagerOf.length} users outside this import: ${clearedManagerOf.join(', ')}`);
		// A rollback cut short is finished by another rollback, never by a resume.
		if (left + failed > 0) lines.push(sandbox ? '  It ran against the built-in sandbox, which ends with this process.' : `  To finish the rollback: jc-import rollback ${outcome.importId}`);
		return lines;
	}
	const counts = outcome.counts;
	if (counts) lines.push(`jc-import: import ${outcome.importId}: ${counts.created} created, ${counts.skipped} skipped, ${counts.failed} failed, ${counts.invalid} not sent (errors), ${counts.remaining} left.`);
	if (outcome.fatal) lines.push(`  ${outcome.fatal}`);
	lines.push(`  results: ${outcome.resultsPath}`);
	if (outcome.failedPath) lines.push(`  failed rows: ${outcome.failedPath}`);
	if (outcome.stopped) {
		lines.push(sandbox ? '  It ran against the built-in sandbox, which ends with this process: there is nothing to resume.' : `  To finish it: jc-import resume ${outcome.importId}   (or start jc-import again and choose it)`);
	}
	lines.push(`  The same import in a script: ${outcome.headless}`);
	return lines;
}

/** A failed task as the reducer hears it: where the admin can act on it. */
function failure(task: Task, error: unknown): WizardAction {
	const message = explain(error);
	if (task.kind === 'run') return {type: 'run-failed', message};
	if (task.kind === 'prepare-resume') return {type: 'task-failed', message, step: 'resume-offer'};
	if (task.kind !== 'connect') return {type: 'task-failed', message};
	const keyRejected = error instanceof JumpCloudError && (error.kind === 'unauthorized' || error.kind === 'forbidden');
	return {type: 'task-failed', message, step: 'connect', keyRejected};
}

function explain(error: unknown): string {
	// The headless wording names JC_API_KEY; here the key was typed (or taken from it).
	if (error instanceof JumpCloudError && error.kind === 'unauthorized') return 'JumpCloud rejected the API key (401): check it under API Settings in the console (a reset key stops working); a multi-tenant admin also needs the org id.';
	return (error as Error)?.message ?? String(error);
}

