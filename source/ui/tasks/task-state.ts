import type {CsvOverrides} from '../../csv/index.js';
import type {DirectorySnapshot} from '../../importer/directory-read.js';
import type {ImportFolder, Manifest} from '../../importer/import-store.js';
import type {ImportOptions} from '../../importer/options.js';
import type {Pacer} from '../../importer/pacer.js';
import type {PreparedImport} from '../../importer/prepare.js';
import {ProgressTracker} from '../../importer/progress-tracker.js';
import type {ImportSession} from '../../importer/session.js';
import type {Connected} from '../../lib/connect.js';
import type {HomePaths} from '../../lib/paths.js';
import type {Connection} from '../../lib/settings.js';
import type {PresetStore} from '../../mapping/preset-store.js';
import type {PresetReading} from '../../mapping/presets.js';
import type {CellEdit} from '../../users/cell-edits.js';
import type {RowCells} from '../row-cells.js';
import type {RollbackCounts} from '../screens/screen-props.js';
import type {WizardAction} from '../state/wizard-reducer.js';
import type {Outcome} from '../state/wizard-state.js';

export type Dispatch = (action: WizardAction) => void;

/** The file the admin chose, and how every later read of it reads it. */
export type ChosenFile = {path: string; overrides: CsvOverrides};

/** The plan in hand, with the edits and options it was made with (a recheck makes it again with them). */
export type PlanInHand = {prepared: PreparedImport; edits: CellEdit[]; options: ImportOptions};

/** An import recorded in the journals' folder: the one being run, or last run, or prepared for a resume. */
export type RecordedImport = {folder: ImportFolder; manifest: Manifest};

/**
 * What the wizard's tasks keep between them, one per wizard: the connection, the chosen file, the
 * plan, the import under way and what its summary said. (The reducer's WizardState is what the
 * screens show; this is what the engine needs to carry on from one task to the next.)
 */
export class WizardTaskState {
	// The connection, and the directory read through it (read again once a run changed it).
	connected: Connected | undefined;
	pacer: Pacer | undefined;
	connection: Connection | undefined;
	directory: DirectorySnapshot | undefined;
	// The file.
	presets: PresetStore | undefined;
	file: ChosenFile | undefined;
	/** How the chosen file was read, kept with a remembered mapping. */
	reading: PresetReading | undefined;
	// The plan.
	prepared: PlanInHand | undefined;
	rowCells: RowCells | undefined;
	// The run. Its progress is read from `tracker` a few times a second, never pushed per request.
	tracker = new ProgressTracker();
	rollback: RollbackCounts | undefined;
	current: RecordedImport | undefined;
	importSession: ImportSession | undefined;
	stopRollback = false;
	// The summary.
	failedRows = 0;
	/** The outcome on the summary now: a resume begun there returns there. */
	shown: Outcome | undefined;
	/** What to print on the normal screen once the wizard has closed. */
	farewell: string[] = [];
	/** Set once the wizard is closing: nothing new may start. */
	closing = false;

	constructor(
		readonly home: HomePaths,
		readonly env: NodeJS.ProcessEnv,
	) {}

	/** The client, and the chosen file unless `withFile` is false; a task that needs either before it exists is a bug, said plainly. */
	need(withFile = true): {client: Connected['client']; file: ChosenFile} {
		if (!this.connected) throw new Error('Not connected.');
		if (withFile && !this.file) throw new Error('No file chosen.');
		return {client: this.connected.client, file: this.file!};
	}
}
