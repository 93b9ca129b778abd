import {isSecretHeader} from '../../source/mapping/secret-columns.js';
import type {ReactElement} from 'react';
import stringWidth from 'string-width';
import {expect} from 'vitest';
import {defaultImportOptions} from '../../source/importer/options.js';
import type {RowPlan} from '../../source/importer/row-plan.js';
import {ProgressTracker} from '../../source/importer/progress-tracker.js';
import type {RunCounts} from '../../source/importer/runner.js';
import {autoMap} from '../../source/mapping/auto-map.js';
import type {MappingSource} from '../../source/mapping/suggest-mapping.js';
import {App, type AppControls} from '../../source/ui/App.js';
import type {RollbackCounts} from '../../source/ui/screens/screen-props.js';
import {ThemeContext} from '../../source/ui/hooks/use-theme.js';
import {initialState, wizardReducer, type StartArgs, type WizardAction} from '../../source/ui/state/wizard-reducer.js';
import type {CsvInfo, Outcome, Plan, Task, Unfinished, WizardState} from '../../source/ui/state/wizard-state.js';
import {createTheme, type Theme} from '../../source/ui/theme.js';
import type {WizardTasks} from '../../source/ui/wizard-tasks.js';
import {noKey} from '../support/keys.js';
import {renderTui, type Tui} from './render-tui.js';

/**
 * States and a harness for screen tests: the real <App> (reducer, keymap, screens) from a state
 * built with the reducer's own actions, and a fake task runner that records what the wizard asks
 * for instead of doing I/O (and, when told, answers the way the real one would).
 */

export {noKey};

export type Dispatch = (action: WizardAction) => void;
/** Answers a task the way WizardTasks would, by dispatching its result. */
export type Responder = (task: Task, dispatch: Dispatch) => void;

/** The wizard's tasks as App sees them, with the live progress a test sets and the tasks it was handed. */
export type FakeTasks = WizardTasks & {
	tracker: ProgressTracker;
	rollback: RollbackCounts | undefined;
	/** Every task the App handed over, in order. */
	recorded: Task[];
};

export function fakeTasks(respond?: Responder): FakeTasks {
	const tasks: FakeTasks = {
		tracker: new ProgressTracker({now: () => 0}),
		rollback: undefined,
		recorded: [],
		farewell: [],
		currentImportId: undefined,
		async run(task, dispatch) {
			tasks.recorded.push(task);
			// Answered later, like real I/O: the busy line gets drawn first.
			if (respond) setImmediate(() => respond(task, dispatch));
		},
		async close() {},
	};
	return tasks;
}

export const unicodeTheme = createTheme({ascii: false, color: true});
export const asciiTheme = createTheme({ascii: true, color: false});
export const noColorTheme = createTheme({ascii: false, color: false});

export type Mounted = {tui: Tui; tasks: FakeTasks; controls: AppControls; dispatch: Dispatch};

export function mountApp(initial: WizardState, options: {columns?: number; rows?: number; theme?: Theme; tasks?: FakeTasks} = {}): Mounted {
	const tasks = options.tasks ?? fakeTasks();
	const controls: AppControls = {dispatch: undefined, exitCode: 0};
	const element: ReactElement = (
		<ThemeContext.Provider value={options.theme ?? unicodeTheme}>
			<App initial={initial} tasks={tasks} controls={controls} />
		</ThemeContext.Provider>
	);
	const tui = renderTui(element, {columns: options.columns ?? 80, rows: options.rows ?? 24});
	return {tui, tasks, controls, dispatch: (action) => controls.dispatch!(action)};
}

/** The frame fills the terminal but one line (Ink clears the scrollback on a full-height frame), and no line is wider than it. */
export function expectFits(frame: string, columns: number, rows: number): void {
	const lines = frame.split('\n');
	expect(lines, frame).toHaveLength(rows - 1);
	for (const line of lines) expect(stringWidth(line), `line wider than ${columns}: "${line}"\n${frame}`).toBeLessThanOrEqual(columns);
}

/** Whitespace runs (wrapping, padding) folded to one space, to look for a sentence. */
export const flat = (frame: string) => frame.replace(/\s+/g, ' ');

// ---- states, built with the reducer's own actions ----

export const baseArgs: StartArgs = {cwd: '/data', file: undefined, connection: {given: true, envKey: false, mode: 'sandbox', baseUrl: undefined, orgId: undefined, region: 'us'}, unfinished: []};

export function apply(state: WizardState, ...actions: WizardAction[]): WizardState {
	return actions.reduce(wizardReducer, state);
}

/** The outbox emptied, as the App's effect does once it has handed the tasks over. */
export function taken(state: WizardState): WizardState {
	return wizardReducer(state, {type: 'outbox-taken', count: state.outbox.length});
}

export const sandboxTarget = {label: 'simulated JumpCloud, 127.0.0.1:4010', sandbox: true};
export const liveTarget = {label: 'JumpCloud console.jumpcloud.com org 5f3c9e2a1b4d6f8e0a2c4e6f', sandbox: false};
export const directory = {organization: 'Acme Corp', users: 12, groups: ['Engineering', 'Finance', 'Sales', 'Sales Managers'], devices: [{ref: 'd1', name: 'build-01'}]};

export const unfinished: Unfinished[] = [
	{id: '20261123-100000-abcd', file: '/data/people.csv', createdAt: '2026-11-23T10:00:00.000Z', target: 'https://console.jumpcloud.com', done: 120, left: 380, failed: 3},
	{id: '20261120-090000-efgh', file: '/data/contractors.csv', createdAt: '2026-11-20T09:00:00.000Z', target: 'https://console.jumpcloud.com', done: 4, left: undefined, failed: 0},
];

export function atResumeOffer(): WizardState {
	return initialState({...baseArgs, connection: {...baseArgs.connection, given: false, mode: 'jumpcloud'}, unfinished});
}

export function atConnect(mode: 'sandbox' | 'jumpcloud'): WizardState {
	return initialState({...baseArgs, connection: {...baseArgs.connection, given: false, mode}});
}

export const folderEntries = [
	{name: '..', path: '/', kind: 'parent' as const},
	{name: 'archive', path: '/data/archive', kind: 'folder' as const},
	{name: 'contractors.csv', path: '/data/contractors.csv', kind: 'csv' as const, size: 2048},
	{name: 'people.csv', path: '/data/people.csv', kind: 'csv' as const, size: 5_500_000},
	{name: 'notes.txt', path: '/data/notes.txt', kind: 'file' as const, size: 12},
];

export function atFile(target = sandboxTarget): WizardState {
	let state = taken(initialState(baseArgs));
	state = taken(apply(state, {type: 'connected', target, directory}));
	return apply(state, {type: 'folder-listed', dir: '/data', entries: folderEntries});
}

export function atEncoding(): WizardState {
	return apply(atFile(), {
		type: 'encoding-needed',
		path: '/data/people.csv',
		choices: [
			{encoding: 'windows-1252', samples: ['José Núñez', 'Zoë Åberg', 'François Côté']},
			{encoding: 'macintosh', samples: ['Jos√© N√∫√±ez', 'Zo√´ √Öberg', 'Fran√ßois C√¥t√©']},
		],
	});
}

export const csvColumns: CsvInfo['columns'] = [
	{index: 0, header: 'Email', samples: ['ada@example.com', 'alan@example.com']},
	{index: 1, header: 'First Name', samples: ['Ada', 'Alan']},
	{index: 2, header: 'Last Name', samples: ['Lovelace', 'Turing']},
	{index: 3, header: 'Password', samples: ['s3cret!Pass', 'hunter2!']},
	{index: 4, header: 'Badge', samples: ['B-1', 'B-2']},
];

export function csvInfo(columns: CsvInfo['columns'] = csvColumns): CsvInfo {
	return {path: '/data/people.csv', encoding: 'utf-8', delimiter: ',', headerLine: 1, columns, secret: columns.flatMap((column) => (isSecretHeader(column.header) ? [column.index] : []))};
}

export function atMapping(columns: CsvInfo['columns'] = csvColumns, source: MappingSource = {kind: 'auto'}): WizardState {
	return apply(atFile(), {type: 'file-opened', csv: csvInfo(columns), mapping: autoMap(columns), source});
}

/** On the defaults screen, with the mapping saved. */
export function atDefaults(): WizardState {
	return taken(apply(atMapping(), {type: 'key', input: 'c', key: noKey}));
}

export function planRow(row: number, action: RowPlan['action'], extra: Partial<RowPlan> = {}): RowPlan {
	const username = extra.username ?? `user${row}`;
	const email = extra.email ?? `user${row}@example.com`;
	return {
		row,
		line: row + 1,
		username,
		email,
		action,
		groups: [],
		systems: [],
		issues: [],
		...(action === 'create' ? {body: {username, email, firstname: 'Ada', lastname: `L${row}`, state: 'STAGED'}} : {}),
		...extra,
	} as RowPlan;
}

export function planOf(rows: RowPlan[]): Plan {
	const creates = rows.filter((row) => row.action === 'create').length;
	const skips = rows.filter((row) => row.action === 'skip').length;
	const invalid = rows.filter((row) => row.action === 'invalid').length;
	const warnings = rows.filter((row) => row.action === 'create' && row.issues.length > 0).length;
	return {
		rows,
		summary: {rows: rows.length, creates, skips, invalid, memberships: rows.reduce((sum, row) => sum + row.groups.length, 0), bindings: 0, emails: []},
		warnings,
		fileIssues: [],
	};
}

export const plan: Plan = planOf([
	planRow(1, 'create', {groups: [{id: 'g1', name: 'Engineering'}]}),
	planRow(2, 'invalid', {issues: [{row: 2, line: 3, column: 'Email', severity: 'error', message: 'not an email address'}]}),
	planRow(3, 'skip', {existingUserId: 'u3'}),
	planRow(4, 'create', {issues: [{row: 4, line: 5, column: 'Phone', severity: 'warning', message: 'odd phone number'}]}),
]);

export function atPreview(rows: Plan = plan, mapping = atMapping()): WizardState {
	const defaults = taken(apply(mapping, {type: 'key', input: 'c', key: noKey}));
	return apply(taken(apply(defaults, {type: 'key', input: 'c', key: noKey})), {type: 'prepared', plan: rows});
}

export function atConfirm(target = sandboxTarget): WizardState {
	const file = atFile(target);
	const mapping = apply(file, {type: 'file-opened', csv: csvInfo(), mapping: autoMap(csvColumns), source: {kind: 'auto'}});
	// Confirm checks the plan against the directory again; here it comes back unchanged.
	const checking = apply(atPreview(plan, mapping), {type: 'key', input: 'c', key: noKey});
	return {...apply(checking, {type: 'plan-refreshed', plan}), outbox: []};
}

export function atProgress(kind: 'import' | 'rollback' = 'import'): WizardState {
	return apply({...atConfirm(), runKind: kind}, {type: 'run-started'});
}

export const counts = (change: Partial<RunCounts> = {}): RunCounts => ({rows: 4, created: 2, usersCreated: 2, skipped: 1, failed: 0, invalid: 1, remaining: 0, throttled: 0, ...change});

export function outcome(change: Partial<Outcome> = {}): Outcome {
	return {
		kind: 'import',
		importId: '20261123-100000-abcd',
		counts: counts(),
		rolledBack: undefined,
		stopped: false,
		resultsPath: '/home/ada/.local/share/jc-import/imports/20261123-100000-abcd/results.csv',
		failedPath: undefined,
		headless: 'jc-import run /data/people.csv --mapping /home/ada/.local/share/jc-import/imports/20261123-100000-abcd/mapping.json --sandbox --yes',
		written: [],
		...change,
	};
}

export function atSummary(result: Outcome = outcome(), target = sandboxTarget): WizardState {
	return apply({...atConfirm(target)}, {type: 'run-started'}, {type: 'run-finished', outcome: result});
}


export type Cell = NonNullable<NonNullable<WizardState['preview']['detail']>['cells']>[number];

/** A row's cells as the load-row task gives them; `password` is what a careless runner might leak. */
export function rowCells(row: number, password = ''): Cell[] {
	return [
		{column: 0, header: 'Email', target: 'email', value: row === 2 ? 'not-an-email' : `user${row}@example.com`, secret: false},
		{column: 1, header: 'First Name', target: 'firstname', value: 'Ada', secret: false},
		{column: 3, header: 'Password', target: 'password', value: password, secret: true},
		{column: 4, header: 'Badge', target: null, value: `B-${row}`, secret: false},
	];
}

/**
 * Answers tasks the way WizardTasks does, from the fixtures: connected, a folder, the people.csv
 * mapping, a plan (re-checked with the edits applied), a row's cells, a run that starts.
 */
export function respondLikeWizard(change: {planFor?: (task: Extract<Task, {kind: 'prepare'}>) => Plan; cells?: (row: number) => Cell[]} = {}): Responder {
	let edits: Extract<Task, {kind: 'prepare'}>['edits'] = [];
	return (task, dispatch) => {
		switch (task.kind) {
			case 'connect':
				dispatch({type: 'connected', target: task.form.mode === 'sandbox' ? sandboxTarget : liveTarget, directory});
				return;
			case 'list-folder':
				dispatch({type: 'folder-listed', dir: task.dir, entries: folderEntries});
				return;
			case 'open-file':
				dispatch({type: 'file-opened', csv: csvInfo(), mapping: autoMap(csvColumns), source: {kind: 'auto'}});
				return;
			case 'prepare':
				edits = task.edits;
				dispatch({type: 'prepared', plan: change.planFor?.(task) ?? plan});
				return;
			case 'load-row': {
				const cells = (change.cells ?? rowCells)(task.row).map((cell) => {
					const edit = edits.find((known) => known.row === task.row && known.column === cell.column);
					return edit ? {...cell, value: edit.value} : cell;
				});
				dispatch({type: 'row-loaded', row: task.row, cells});
				return;
			}
			case 'prepare-resume':
				dispatch({type: 'resume-prepared', plan, options: {...defaultImportOptions, groups: [], devices: []}});
				return;
			case 'refresh-plan':
				dispatch({type: 'plan-refreshed', plan: change.planFor?.({kind: 'prepare', options: defaultImportOptions, edits, mapping: autoMap(csvColumns)}) ?? plan});
				return;
			case 'run':
				dispatch({type: 'run-started'});
				return;
			case 'write-report':
				dispatch({type: 'report-written', paths: ['/data/people.results-20261123-100000-abcd.csv']});
				return;
			default:
				return;
		}
	};
}
