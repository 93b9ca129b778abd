import type {KeyCommand} from '../../key-bindings.js';
import {movedCursor} from '../list-cursor.js';
import {resumableHere} from '../resumable.js';
import {goTo, outcomeExitCode, queue} from '../navigation.js';
import type {Outcome, Unfinished, WizardState} from '../wizard-state.js';
import type {summaryKeys} from './summary-keys.js';
import type {StepHandler} from './step-handler.js';

/** The end of a run: write the report, retry, resume, roll back, start anew or leave. */
export const summaryStep: StepHandler<keyof typeof summaryKeys> = {
	keyContext: (state) => {
		if (state.outcome?.kind === 'rollback') return (state.outcome.rolledBack?.clearedManagerOf.length ?? 0) > 0 ? 'summary.cleared' : 'summary.rolledBack';
		return state.outcome && resumableHere(state.outcome) ? 'summary.stopped' : 'summary';
	},
	command: summaryCommand,
};

function summaryCommand(state: WizardState, command: KeyCommand): WizardState {
	const outcome = state.outcome;
	if (!outcome) return state;
	const cleared = outcome.rolledBack?.clearedManagerOf.length ?? 0;
	const moved = cleared > 0 ? movedCursor(command, state.clearedCursor ?? 0, cleared) : undefined;
	if (moved !== undefined) return {...state, clearedCursor: moved};
	switch (command) {
		case 'writeReport':
			return queue({...state, busy: {line: 'Writing the report…'}}, {kind: 'write-report'});
		case 'resumeHere':
			return resumeHere(state, outcome);
		case 'retry':
			if (outcome.kind === 'rollback' || !outcome.counts || outcome.counts.failed === 0) return {...state, error: 'No row failed: nothing to retry.'};
			return goTo({...state, runKind: 'retry'}, 'confirm');
		case 'rollback':
			if (outcome.kind === 'rollback' || !outcome.counts || outcome.counts.usersCreated === 0) return {...state, error: 'This import created no user: nothing to roll back.'};
			return goTo({...state, runKind: 'rollback'}, 'confirm');
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
	return queue({...next, busy: {line: 'Checking the import against the directory…'}}, {kind: 'prepare-resume', id: outcome.importId});
}
