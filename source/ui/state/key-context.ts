import type {KeyContext} from '../keymap.js';
import type {WizardState} from './wizard-state.js';
import {resumableHere} from './resumable.js';

/** Which keymap applies now: the screen, or the picker, field or detail open on it. */
export function keyContext(state: WizardState): KeyContext {
	if (state.messageOpen) return 'message';
	if (state.help) return 'help';
	if (state.busy) return 'busy';
	switch (state.step) {
		case 'connect':
			return state.connect.editing ? 'connect.text' : 'connect';
		case 'mapping':
			if (state.mapping?.picker) return 'mapping.picker';
			if (state.mapping?.detail) return 'mapping.detail';
			return state.mapping?.custom ? 'mapping.custom' : 'mapping';
		case 'defaults':
			if (state.defaults.picker) return 'defaults.picker';
			return state.defaults.editing ? 'defaults.text' : 'defaults';
		case 'preview':
			if (state.preview.edit) return 'preview.edit';
			if (state.preview.detail) return 'preview.detail';
			return state.preview.searching ? 'preview.search' : 'preview';
		case 'confirm':
			return state.confirm === 'rollback' ? 'confirm.rollback' : 'confirm';
		case 'progress':
			if (state.confirm === 'rollback') return 'progress.rollback';
			if (state.failedList?.open) return 'progress.failure';
			return (state.failedList?.count ?? 0) > 0 ? 'progress.failed' : 'progress';
		case 'summary':
			if (state.outcome?.kind === 'rollback') return (state.outcome.rolledBack?.clearedManagerOf.length ?? 0) > 0 ? 'summary.cleared' : 'summary.rolledBack';
			return state.outcome && resumableHere(state.outcome) ? 'summary.stopped' : 'summary';
		default:
			return state.step;
	}
}
