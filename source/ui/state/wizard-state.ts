import type {Key} from 'ink';
import type {ImportOptions} from '../../importer/options.js';
import type {PlanSummary, RowPlan} from '../../importer/row-plan.js';
import type {RunCounts} from '../../importer/runner.js';
import type {RollbackResult} from '../../importer/rollback.js';
import type {Mapping} from '../../mapping/mapping.js';
import type {MappingSource} from '../../mapping/suggest-mapping.js';
import type {CellEdit} from '../../users/cell-edits.js';
import type {Region} from '../../jumpcloud/regions.js';

/**
 * Everything the wizard shows and every choice made so far, as plain data: the reducer moves it,
 * screens draw it, and the task runner does the I/O it asks for in `outbox`.
 */
export type Step = 'resume-offer' | 'connect' | 'file' | 'encoding' | 'mapping' | 'defaults' | 'preview' | 'confirm' | 'progress' | 'summary';

export type Target = {label: string; sandbox: boolean};

/** An import that stopped before its end: users created, rows failed, and creates left (when known). */
/** `target`: the import's API URL; `organization`: the name (or id) of the org it was made in. */
export type Unfinished = {id: string; file: string; createdAt: string; target: string; organization?: string; done: number; left: number | undefined; failed: number};

/** `csv`: a .csv/.tsv/.txt file that reads as delimited text; `file`: any other (opening it says why it is not CSV). */
export type FolderEntry = {name: string; path: string; kind: 'parent' | 'folder' | 'csv' | 'file'; size?: number; modified?: Date};

export type DirectoryInfo = {organization: string; users: number; groups: string[]; devices: Array<{ref: string; name: string}>};

export type ConnectForm = {
	/** 0 where, 1 API key, 2 org id, 3 region, 4 the connect button. */
	field: number;
	mode: 'jumpcloud' | 'sandbox';
	apiKey: string;
	orgId: string;
	region: Region;
	/** The URL from JC_API_URL / --api-url, when no region is picked. */
	baseUrl: string | undefined;
	/** Which of those it came from, to say so. */
	baseUrlFrom?: string;
	editing: boolean;
};

export type EncodingChoice = {encoding: string; samples: string[]; confidence?: number};

export type CsvInfo = {
	path: string;
	encoding: string;
	delimiter: string;
	headerLine: number;
	columns: Array<{index: number; header: string; samples: string[]}>;
	/** Columns never shown or edited: a password header, or ever mapped to a password. */
	secret: number[];
};

export type MappingForm = {
	mapping: Mapping;
	source: MappingSource;
	cursor: number;
	picker: {column: number; query: string; cursor: number} | undefined;
	custom: {column: number; name: string; error: string | undefined} | undefined;
	/** A column's detail open (`d`): why it was matched; `scroll`, the first of its reasons shown. */
	detail?: {column: number; scroll: number};
};

export type DefaultsForm = {
	/** 0 state, 1 email, 2 address, 3 MFA, 4 MFA days, 5 groups, 6 devices, 7 existing users. */
	field: number;
	editing: {field: 'address' | 'days'; value: string; error: string | undefined} | undefined;
	picker: {kind: 'groups' | 'devices'; query: string; cursor: number} | undefined;
};

/** `warnings`: rows to create that carry a warning. Errors are the summary's invalid rows: the planner's, not only the file's checks. */
export type Plan = {rows: RowPlan[]; summary: PlanSummary; warnings: number; fileIssues: string[]};

export type PreviewForm = {
	cursor: number;
	errorsOnly: boolean;
	search: string;
	searching: boolean;
	detail: {row: number; cursor: number; cells: Array<{column: number; header: string; target: string | null; value: string; secret: boolean}> | undefined} | undefined;
	edit: {row: number; column: number; header: string; value: string} | undefined;
};

/**
 * The wizard is waiting for a task: `line`, the text shown on the status line; `doing`, set only
 * for the waits another task's result must tell apart (a folder listed must not end the wait for a
 * file still being read), so no code compares the text shown.
 */
export type Busy = {line: string; doing?: 'listing-folder' | 'reading-file'};

export type RunKind = 'import' | 'resume' | 'retry' | 'rollback';

/**
 * The failed rows on the progress screen: how many the screen has (`count`, told by the screen as
 * they come), the selected one (`cursor`: its index, the oldest 0, so it stays put as more fail;
 * none until ↑↓) and whether it is open in full.
 */
export type FailedList = {count: number; cursor: number | undefined; open: boolean};

export type Outcome = {
	kind: RunKind;
	importId: string;
	counts: RunCounts | undefined;
	rolledBack: RollbackResult | undefined;
	stopped: boolean;
	/** Why the run stopped on its own (its journal could not be written: a full disk, say). */
	fatal?: string;
	resultsPath: string;
	failedPath: string | undefined;
	headless: string;
	written: string[];
};

export type Task =
	| {kind: 'connect'; form: ConnectForm; resumeId: string | undefined}
	| {kind: 'list-folder'; dir: string}
	| {kind: 'open-file'; path: string; encoding: string | undefined}
	| {kind: 'save-mapping'; mapping: Mapping; headers: string[]}
	| {kind: 'prepare'; options: ImportOptions; edits: CellEdit[]; mapping: Mapping}
	| {kind: 'load-row'; row: number; secret: number[]}
	| {kind: 'prepare-resume'; id: string}
	| {kind: 'run'; run: RunKind}
	/** Confirm opened: check the plan against the directory again, read-only. */
	| {kind: 'refresh-plan'; run: RunKind}
	| {kind: 'pause'}
	| {kind: 'stop'; hard: boolean}
	| {kind: 'write-report'}
	| {kind: 'quit'; code: number};

/** A key as Ink reported it, held to be applied later. */
export type TypedKey = {input: string; key: Key};

export type WizardState = {
	step: Step;
	/**
	 * Keys typed while the wizard starts by itself (a connection given: it connects, opens the file
	 * named, and only then shows a screen that takes keys), held in order for the first screen that
	 * is ready. Present only during that start, which is drawn as one plain "Starting" screen.
	 */
	typedAhead?: readonly TypedKey[];
	/** Steps to go back to with Esc; choices stay where they were. */
	history: Step[];
	help: boolean;
	/** Ctrl+E: the status line (an error, a notice, the busy line) open in full over the screen; any key closes it. */
	messageOpen?: boolean;
	busy: Busy | undefined;
	/** The last thing that went wrong, in a sentence, shown on the current screen. */
	error: string | undefined;
	notice: string | undefined;
	target: Target | undefined;
	directory: DirectoryInfo | undefined;
	unfinished: Unfinished[];
	resumeCursor: number;
	/** Set when resuming: the import being continued. */
	resumeId: string | undefined;
	connect: ConnectForm;
	/** The connection came from flags or the environment (JC_API_KEY): no need to ask. */
	connectionGiven: boolean;
	/** JC_API_KEY is set: the key field may stay empty. */
	envKey: boolean;
	/** The file browser; `newestFirst`: each group (folders, CSV files, other files) by date, newest first, rather than by name. */
	file: {dir: string; filter: string; entries: FolderEntry[]; cursor: number; newestFirst?: boolean};
	/** The file named on the command line, opened once connected. */
	initialFile: string | undefined;
	/** A file waiting for the admin to pick its encoding. */
	pendingFile: string | undefined;
	encodingChoices: EncodingChoice[];
	encodingCursor: number;
	csv: CsvInfo | undefined;
	mapping: MappingForm | undefined;
	options: ImportOptions;
	defaults: DefaultsForm;
	edits: CellEdit[];
	plan: Plan | undefined;
	preview: PreviewForm;
	/** The kind of run the Confirm step starts (and the progress screen shows). */
	runKind: RunKind;
	/** Ctrl+C presses during a run: one stops gently, two at once. */
	interrupts: number;
	/** A signal stopped the run: close once it has stopped. */
	quitAfterRun: boolean;
	outcome: Outcome | undefined;
	/** During an import: the failed rows, browsed with ↑↓ and opened with Enter. */
	failedList?: FailedList;
	/** Rolled back: where the cursor is in the names of the users whose manager JumpCloud cleared. */
	clearedCursor?: number;
	outbox: Task[];
};
