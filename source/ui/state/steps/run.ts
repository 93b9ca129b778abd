import type {Command} from '../../keymap.js';
import {goBack, goTo, listingFolder, outcomeExitCode, queue} from '../wizard-reducer.js';
import type {WizardState} from '../wizard-state.js';

/** The steps around a run: the resume offer, confirm, progress and summary. */
export function runCommand(state: WizardState, command: Command): WizardState {
	switch (state.step) {
		case 'resume-offer':
			return resumeOfferCommand(state, command);
		case 'confirm':
			if (command === 'start') return queue({...state, busy: 'Starting…'}, {kind: 'run', run: state.confirm});
			if (command === 'back') return goBack(state);
			return state;
		case 'progress':
			if (command === 'pause' && state.confirm !== 'rollback') return queue(state, {kind: 'pause'});
			return state;
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
	switch (command) {
		case 'writeReport':
			return queue({...state, busy: 'Writing the report…'}, {kind: 'write-report'});
		case 'retry':
			if (outcome.kind === 'rollback' || !outcome.counts || outcome.counts.failed === 0) return {...state, error: 'No row failed: nothing to retry.'};
			return goTo({...state, confirm: 'retry'}, 'confirm');
		case 'rollback':
			if (outcome.kind === 'rollback' || !outcome.counts || outcome.counts.usersCreated === 0) return {...state, error: 'This import created no user: nothing to roll back.'};
			return goTo({...state, confirm: 'rollback'}, 'confirm');
		case 'newImport':
			return {...state, step: 'file', history: [], outcome: undefined, plan: undefined, edits: [], resumeId: undefined};
		case 'quit':
			return queue(state, {kind: 'quit', code: outcomeExitCode(outcome)});
		case 'back':
			return state;
		default:
			return state;
	}
}
