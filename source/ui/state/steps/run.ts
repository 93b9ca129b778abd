import type {Command} from '../../keymap.js';
import {movedCursor} from '../list-cursor.js';
import {resumableHere} from '../resumable.js';
import {goBack, goTo, listingFolder, outcomeExitCode, queue} from '../navigation.js';
import type {Outcome, Unfinished, WizardState} from '../wizard-state.js';

/** The steps around a run: the resume offer, confirm, progress and summary. */
export function runCommand(state: WizardState, command: Command): WizardState {
	switch (state.step) {
		case 'resume-offer':
			return resumeOfferCommand(state, command);
		case 'confirm':
			if (command === 'start') return queue({...state, busy: 'Starting…'}, {kind: 'run', run: state.confirm});
			if (command === 'back') return fromSummary(state) ? {...state, step: 'summary', history: [], resumeId: undefined} : goBack(state);
			return state;
		case 'progress':
			if (command === 'pause' && state.confirm !== 'rollback') return queue(state, {kind: 'pause'});
			return failedListCommand(state, command);
		case 'summary':
			return summaryCommand(state, command);
		default:
			return state;
	}
}

function resumeOfferCommand(state: WizardState, command: Command): WizardState {
	switch (command) {
		case 'up':
			return {...state, resumeCursor: Math.max(0, state.resumeCursor - 1)};
		case 'down':
			return {...state, resumeCursor: Math.min(state.unfinished.length - 1, state.resumeCursor + 1)};
		case 'select': {
			const chosen = state.unfinished[state.resumeCursor];
			if (!chosen) return state;
			// Esc from the key form (or a failure to prepare) comes back to this list.
			const next: WizardState = {...state, resumeId: chosen.id, step: 'connect', history: ['resume-offer'], connect: {...state.connect, mode: 'jumpcloud', field: 1, editing: true}};
			// The import's own target; a key from the environment connects at once, else the form asks.
			if (state.envKey) return queue({...next, busy: 'Connecting…'}, {kind: 'connect', form: next.connect, resumeId: chosen.id});
			return next;
		}
		case 'newImport': {
			const fresh: WizardState = {...state, unfinished: [], resumeId: undefined, history: []};
			if (state.target) return queue({...fresh, step: 'file', busy: listingFolder}, {kind: 'list-folder', dir: state.file.dir});
			if (state.connectionGiven) return queue({...fresh, step: 'connect', busy: 'Connecting…'}, {kind: 'connect', form: state.connect, resumeId: undefined});
			return {...fresh, step: 'connect'};
		}
		case 'quit':
			return queue(state, {kind: 'quit', code: 0});
		default:
			return state;
	}
}

function summaryCommand(state: WizardState, command: Command): WizardState {
	const outcome = state.outcome;
	if (!outcome) return state;
	const cleared = outcome.rolledBack?.clearedManagerOf.length ?? 0;
	const moved = cleared > 0 ? movedCursor(command, state.clearedCursor ?? 0, cleared) : undefined;
	if (moved !== undefined) return {...state, clearedCursor: moved};
	switch (command) {
		case 'writeReport':
			return queue({...state, busy: 'Writing the report…'}, {kind: 'write-report'});
		case 'resumeHere':
			return resumeHere(state, outcome);
		case 'retry':
			if (outcome.kind === 'rollback' || !outcome.counts || outcome.counts.failed === 0) return {...state, error: 'No row failed: nothing to retry.'};
			return goTo({...state, confirm: 'retry'}, 'confirm');
		case 'rollback':
			if (outcome.kind === 'rollback' || !outcome.counts || outcome.counts.usersCreated === 0) return {...state, error: 'This import created no user: nothing to roll back.'};
			return goTo({...state, confirm: 'rollback'}, 'confirm');
		case 'newImport':
			return {...state, step: 'file', history: [], outcome: undefined, plan: undefined, edits: [], resumeId: undefined, clearedCursor: undefined};
		case 'quit':
			return queue(state, {kind: 'quit', code: outcomeExitCode(outcome)});
		case 'back':
			return state;
		default:
			return state;
	}
}

/**
 * `u` on the summary: the resume from the start offer, without leaving: the import checked against
 * the directory again (prepare-resume: its journal settled, nothing created twice), then Confirm.
 */
function resumeHere(state: WizardState, outcome: Outcome): WizardState {
	if (!resumableHere(outcome)) {
		const failed = outcome.counts?.failed ?? 0;
		// Short enough for one line of the smallest screen.
		const retry = failed > 0 ? '; r retries the failed rows' : '';
		return {...state, error: `${outcome.stopped ? 'No row left to create' : 'Finished'}: nothing to resume${retry}.`};
	}
	const counts = outcome.counts!;
	// Confirm says what was created before and what is left, as for an import offered at start.
	const entry: Unfinished = {id: outcome.importId, file: state.csv?.path ?? '', createdAt: '', target: state.target?.label ?? '', done: counts.usersCreated, failed: counts.failed, left: counts.remaining};
	const next: WizardState = {...state, resumeId: outcome.importId, unfinished: [entry, ...state.unfinished.filter((item) => item.id !== outcome.importId)]};
	return queue({...next, busy: 'Checking the import against the directory…'}, {kind: 'prepare-resume', id: outcome.importId});
}

/** Confirm of a resume begun on the summary of that same import: Esc goes back there. */
function fromSummary(state: WizardState): boolean {
	return state.confirm === 'resume' && state.outcome !== undefined && state.outcome.importId === state.resumeId;
}

/**
 * The failed rows while importing, newest first on screen: ↓ goes to older ones, ↑ to newer (the
 * first press picks the newest), Enter opens the selected one's error in full, Esc closes it.
 */
function failedListCommand(state: WizardState, command: Command): WizardState {
	const list = state.failedList;
	if (!list || list.count === 0 || state.confirm === 'rollback') return state;
	const newest = list.count - 1;
	switch (command) {
		case 'down':
			return {...state, failedList: {...list, cursor: list.cursor === undefined ? newest : Math.max(0, list.cursor - 1)}};
		case 'up':
			return {...state, failedList: {...list, cursor: list.cursor === undefined ? newest : Math.min(newest, list.cursor + 1)}};
		case 'select':
			return {...state, failedList: {...list, cursor: list.cursor ?? newest, open: true}};
		case 'back':
			return {...state, failedList: {...list, open: false}};
		default:
			return state;
	}
}
