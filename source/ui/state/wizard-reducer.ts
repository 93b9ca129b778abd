import path from 'node:path';
import {defaultImportOptions, type ImportOptions} from '../../importer/options.js';
import type {Mapping} from '../../mapping/mapping.js';
import type {MappingSource} from '../../mapping/suggest-mapping.js';
import type {Key} from 'ink';
import {commandFor, isTextContext, messageOpenAfter, type KeyCommand} from '../keymap.js';
import {exitCodes} from '../../lib/exit-codes.js';
import {editText, splitKeys} from './text-entry.js';
import {keyContext} from './key-context.js';
import {goTo, listingFolder, outcomeExitCode, queue, readingFile} from './navigation.js';
import {visibleEntries} from './steps/file.js';
import {stepHandlers} from './steps/index.js';
import {previewRows} from './steps/preview.js';
import type {CsvInfo, DirectoryInfo, EncodingChoice, FolderEntry, Outcome, Plan, Step, Target, Unfinished, WizardState} from './wizard-state.js';

export type WizardAction =
	| {type: 'key'; input: string; key: Key}
	| {type: 'command'; command: KeyCommand}
	| {type: 'text'; value: string}
	| {type: 'outbox-taken'; count: number}
	| {type: 'connected'; target: Target; directory: DirectoryInfo}
	| {type: 'folder-listed'; dir: string; entries: FolderEntry[]}
	| {type: 'encoding-needed'; path: string; choices: EncodingChoice[]}
	| {type: 'file-opened'; csv: CsvInfo; mapping: Mapping; source: MappingSource}
	| {type: 'prepared'; plan: Plan}
	| {type: 'row-loaded'; row: number; cells: NonNullable<NonNullable<WizardState['preview']['detail']>['cells']>}
	| {type: 'resume-prepared'; plan: Plan; options: ImportOptions}
	/** The plan checked again on Confirm; `changed` says how it differs from the one shown before. */
	| {type: 'plan-refreshed'; plan: Plan; changed?: string}
	/** A long task's progress, on the busy line. */
	| {type: 'busy-progress'; text: string}
	| {type: 'run-started'}
	/** The progress screen has this many failed rows (the tracker keeps the first 1,000): ↑↓ move among them. */
	| {type: 'failed-seen'; count: number}
	| {type: 'run-failed'; message: string}
	| {type: 'run-finished'; outcome: Outcome}
	| {type: 'report-written'; paths: string[]}
	/** `keyRejected`: JumpCloud refused the API key (401/403), so it is typed again; any other failure keeps it. */
	| {type: 'task-failed'; message: string; step?: Step; keyRejected?: boolean}
	| {type: 'signal'};

export type StartArgs = {
	cwd: string;
	file: string | undefined;
	/** The connection came from flags or the environment: connect at once, no form. */
	connection: {given: boolean; envKey: boolean; mode: 'jumpcloud' | 'sandbox'; baseUrl: string | undefined; baseUrlFrom?: string; orgId: string | undefined; region: 'us' | 'eu' | 'in'};
	unfinished: Unfinished[];
};

export function initialState(args: StartArgs): WizardState {
	// For an org, the cursor starts in the key field, ready for typing (or a paste).
	const org = args.connection.mode === 'jumpcloud';
	const connect = {field: org ? 1 : 0, mode: args.connection.mode, apiKey: '', orgId: args.connection.orgId ?? '', region: args.connection.region, baseUrl: args.connection.baseUrl, ...(args.connection.baseUrlFrom ? {baseUrlFrom: args.connection.baseUrlFrom} : {}), editing: org};
	const state: WizardState = {
		step: 'connect',
		history: [],
		help: false,
		busy: undefined,
		error: undefined,
		notice: undefined,
		target: undefined,
		directory: undefined,
		unfinished: args.unfinished,
		resumeCursor: 0,
		resumeId: undefined,
		connect,
		connectionGiven: args.connection.given,
		envKey: args.connection.envKey,
		file: {dir: args.file ? path.dirname(path.resolve(args.cwd, args.file)) : args.cwd, filter: '', entries: [], cursor: 0},
		initialFile: args.file && path.resolve(args.cwd, args.file),
		pendingFile: undefined,
		encodingChoices: [],
		encodingCursor: 0,
		csv: undefined,
		mapping: undefined,
		options: {...defaultImportOptions, groups: [], devices: []},
		defaults: {field: 0, editing: undefined, picker: undefined},
		edits: [],
		plan: undefined,
		preview: {cursor: 0, errorsOnly: false, search: '', searching: false, detail: undefined, edit: undefined},
		runKind: 'import',
		interrupts: 0,
		quitAfterRun: false,
		outcome: undefined,
		outbox: [],
	};
	if (args.unfinished.length > 0) return {...state, step: 'resume-offer'};
	if (args.connection.given) {
		const starting: WizardState = {...queue({...state, busy: {line: 'Connecting…'}}, {kind: 'connect', form: connect, resumeId: undefined}), typedAhead: []};
		return starting;
	}
	return state;
}

/** The wizard's whole state machine: pure, so every transition is tested without a terminal. */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
	const next = reduce(state, action);
	const held = next.typedAhead;
	if (held === undefined || next.busy) return next;
	// The start is over: the screen it led to takes the keys typed meanwhile.
	const {typedAhead: _, ...ready} = next;
	// Dropped, but Ctrl+E among them still opened the message (as the Frame, following every key, shows).
	if (ready.error) return {...ready, messageOpen: held.reduce((open, one) => messageOpenAfter(open, one.input, one.key), ready.messageOpen === true)};
	return held.reduce<WizardState>((current, one) => reduce(current, {type: 'key', ...one}), ready);
}

function reduce(state: WizardState, action: WizardAction): WizardState {
	switch (action.type) {
		case 'key': {
			const keys = splitKeys(action.input, action.key);
			if (keys.length > 1) return keys.reduce((next, one) => wizardReducer(next, {type: 'key', ...one}), state);
			// Resolved here, against the newest state, so keys typed faster than frames never act on a stale screen.
			const context = keyContext(state);
			const command = commandFor(context, action.input, action.key);
			const held = state.typedAhead;
			// Still starting: held for the screen it leads to (Ctrl+C and Ctrl+L act at once).
			if (held !== undefined && state.busy && command !== 'interrupt' && command !== 'repaint') {
				const holding: WizardState = {...state, typedAhead: [...held, {input: action.input, key: action.key}]};
				return holding;
			}
			// Ctrl+E opens the status line in full; the next key only closes it (Ctrl+C and Ctrl+L keep their meaning).
			const open = state.messageOpen === true;
			const opened = messageOpenAfter(open, action.input, action.key);
			if (opened !== open) return {...state, messageOpen: opened};
			if (command) return onCommand(state, command);
			const value = isTextContext(context) ? stepHandlers[state.step].field?.(state) : undefined;
			const edited = value === undefined ? undefined : editText(value, action.input, action.key);
			return edited === undefined ? state : onText(state, edited);
		}
		case 'command':
			return onCommand(state, action.command);
		case 'text':
			return onText(state, action.value);
		case 'outbox-taken':
			return {...state, outbox: state.outbox.slice(action.count)};
		case 'connected': {
			const next = {...state, busy: undefined, error: undefined, target: action.target, directory: action.directory, connect: {...state.connect, apiKey: ''}};
			if (state.resumeId) return queue({...next, busy: {line: 'Checking the import against the directory…'}}, {kind: 'prepare-resume', id: state.resumeId});
			// Connecting again is a fresh start from the file screen; Esc does not return to the form.
			const atFile = queue({...next, step: 'file', history: [], busy: listingFolder}, {kind: 'list-folder', dir: state.file.dir});
			if (!state.initialFile) return atFile;
			return queue({...atFile, initialFile: undefined, busy: readingFile}, {kind: 'open-file', path: state.initialFile, encoding: undefined});
		}
		case 'folder-listed': {
			const file = {...state.file, dir: action.dir, entries: action.entries, cursor: 0, filter: ''};
			// Gone up: the cursor lands on the folder just left (the folder shown until now).
			const left = visibleEntries({...state, file}).findIndex((entry) => entry.kind === 'folder' && entry.path === state.file.dir);
			// A file being opened at the same time (named on the command line) keeps the wizard busy.
			return {...state, busy: state.busy?.doing === 'listing-folder' ? undefined : state.busy, error: undefined, file: {...file, cursor: Math.max(0, left)}};
		}
		case 'encoding-needed':
			return {...goTo({...state, busy: undefined, error: undefined}, 'encoding'), encodingChoices: action.choices, encodingCursor: 0, pendingFile: action.path};
		case 'file-opened': {
			const sameFile = state.csv?.path === action.csv.path && state.csv.encoding === action.csv.encoding;
			const mapping = sameFile && state.mapping ? state.mapping : {mapping: action.mapping, source: action.source, cursor: 0, picker: undefined, custom: undefined};
			return goTo({...state, busy: undefined, error: undefined, csv: action.csv, mapping, edits: sameFile ? state.edits : [], plan: sameFile ? state.plan : undefined}, 'mapping');
		}
		case 'prepared': {
			const preview = state.step === 'preview' ? {...state.preview, edit: undefined, detail: state.preview.detail && {...state.preview.detail, cells: undefined}} : {...state.preview, cursor: 0, detail: undefined, edit: undefined};
			const next = {...state, busy: undefined, error: undefined, plan: action.plan, preview};
			// A fixed row may have left the errors-only list: the cursor stays on a row that is shown.
			next.preview = {...preview, cursor: Math.max(0, Math.min(preview.cursor, previewRows(next).length - 1))};
			if (next.preview.detail) return queue(state.step === 'preview' ? next : goTo(next, 'preview'), {kind: 'load-row', row: next.preview.detail.row, secret: state.csv?.secret ?? []});
			return state.step === 'preview' ? next : goTo(next, 'preview');
		}
		case 'row-loaded':
			if (state.preview.detail?.row !== action.row) return state;
			return {...state, busy: undefined, preview: {...state.preview, detail: {...state.preview.detail, cells: action.cells}}};
		case 'resume-prepared':
			// Esc from here returns to the list of unfinished imports.
			return {...state, step: 'confirm', history: ['resume-offer'], busy: undefined, error: undefined, plan: action.plan, options: action.options, runKind: 'resume'};
		case 'plan-refreshed':
			return {...state, busy: undefined, error: undefined, plan: action.plan, notice: action.changed};
		case 'busy-progress':
			return state.busy ? {...state, busy: {line: action.text}} : state;
		case 'run-started':
			return {...state, busy: undefined, error: undefined, interrupts: 0, step: 'progress', history: [], failedList: undefined};
		case 'failed-seen':
			return {...state, failedList: {cursor: undefined, open: false, ...state.failedList, count: action.count}};
		case 'run-failed': {
			// A run that could not start or finish: back where it was started, with the reason.
			const back: WizardState = {...state, step: state.outcome ? 'summary' : 'confirm', history: [], busy: undefined, error: action.message, interrupts: 0};
			return state.quitAfterRun ? queue(back, {kind: 'quit', code: exitCodes.interrupted}) : back;
		}
		case 'run-finished': {
			const next: WizardState = {...state, step: 'summary', history: [], busy: undefined, outcome: action.outcome, interrupts: 0};
			// Stopped by a signal (a closed SSH session, kill): nobody is there to read the summary.
			return state.quitAfterRun ? queue(next, {kind: 'quit', code: exitCodes.interrupted}) : next;
		}
		case 'report-written':
			return {...state, busy: undefined, notice: `Written: ${action.paths.join(', ')}`, outcome: state.outcome && {...state.outcome, written: action.paths}};
		case 'task-failed': {
			if (action.step === 'resume-offer') return {...state, step: 'resume-offer', history: [], resumeId: undefined, busy: undefined, error: action.message};
			const failed = {...(action.step ? goTo(state, action.step) : state), busy: undefined, error: action.message};
			if (action.step !== 'connect' || state.connect.mode === 'sandbox') return failed;
			// A rejected key is typed again from scratch, the cursor waiting in its field; after a network
			// error or a wrong URL the same key is tried again, so it is kept.
			if (!action.keyRejected) return {...failed, connect: {...state.connect, editing: false}};
			return {...failed, connect: {...state.connect, apiKey: '', field: 1, editing: true}};
		}
		case 'signal':
			// A signal from outside (a hang-up, kill) always means a graceful stop: the same signal
			// again (conf's write-file-atomic helper re-raises what it catches) is not a second Ctrl+C.
			if (state.quitAfterRun) return state;
			if (state.step === 'progress') return {...interrupt(state), quitAfterRun: true};
			return queue(state, {kind: 'quit', code: exitCodes.interrupted});
	}
}

function onCommand(state: WizardState, command: KeyCommand): WizardState {
	if (command === 'interrupt') return interrupt(state);
	// Ctrl+L is the terminal's business (run-wizard repaints the screen): nothing changes here.
	if (command === 'repaint') return state;
	// Ctrl+E is a key's business only (above), followed by the Frame key by key: never a command here.
	if (command === 'fullMessage') return state;
	if (state.help) return command === 'help' || command === 'back' ? {...state, help: false} : state;
	if (state.busy) return state;
	if (command === 'help') return {...state, help: true};
	const cleared = state.error || state.notice ? {...state, error: undefined, notice: undefined} : state;
	return stepHandlers[state.step].command(cleared, command);
}

/** A field's new text, for the step whose field takes typing (no other step has one). */
function onText(state: WizardState, value: string): WizardState {
	return stepHandlers[state.step].text?.(state, value) ?? state;
}

/**
 * Ctrl+C (or a signal): during a run, the first stops after the requests in flight, the second at
 * once; both end on the summary with a resumable import. Anywhere else it leaves the wizard.
 */
function interrupt(state: WizardState): WizardState {
	if (state.step === 'progress') {
		const interrupts = state.interrupts + 1;
		return queue({...state, interrupts}, {kind: 'stop', hard: interrupts > 1});
	}
	// On the summary the import is over: Ctrl+C leaves like q, with the import's own exit code.
	if (state.step === 'summary' && state.outcome) return queue(state, {kind: 'quit', code: outcomeExitCode(state.outcome)});
	return queue(state, {kind: 'quit', code: exitCodes.interrupted});
}
