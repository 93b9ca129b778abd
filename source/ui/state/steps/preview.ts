import {movedCursor} from '../list-cursor.js';
import {searchRows} from '../preview-search.js';
import type {RowPlan} from '../../../importer/row-plan.js';
import type {KeyCommand} from '../../key-bindings.js';
import type {previewKeys} from './preview-keys.js';
import type {StepHandler} from './step-handler.js';
import {checkingAgain, goBack, goTo, queue} from '../navigation.js';
import type {PreviewForm, WizardState} from '../wizard-state.js';

/** A row's standing in the preview: will it be created, skipped, or is it blocked. */
export function rowStatus(row: RowPlan): 'error' | 'warning' | 'skip' | 'ok' {
	if (row.action === 'invalid') return 'error';
	if (row.action === 'skip') return 'skip';
	return row.issues.length > 0 ? 'warning' : 'ok';
}

/** Rows that will be created and carry a warning (a row skipped or not sent counts as that). */
export function rowsToCreateWithWarnings(rows: readonly RowPlan[]): number {
	let count = 0;
	for (const row of rows) if (row.action === 'create' && row.issues.length > 0) count++;
	return count;
}

/** Indexes of the rows shown: all, or only those with errors; narrowed by the search words. */
export function shownRows(state: WizardState): Int32Array {
	return searchRows(state.plan?.rows ?? [], state.preview.errorsOnly ? 'errors' : 'all', state.preview.search);
}

/** The same as a plain array. */
export function previewRows(state: WizardState): number[] {
	return Array.from(shownRows(state));
}

/** The preview of every row: browsed, filtered, searched, a row opened and a cell edited. */
export const previewStep: StepHandler<keyof typeof previewKeys> = {
	keyContext: (state) => {
		if (state.preview.edit) return 'preview.edit';
		if (state.preview.detail) return 'preview.detail';
		return state.preview.searching ? 'preview.search' : 'preview';
	},
	command: previewCommand,
	field: (state) => {
		const preview = state.preview;
		if (preview.edit) return preview.edit.value;
		if (preview.detail) return undefined;
		return preview.searching ? preview.search : undefined;
	},
	text: previewText,
};

function previewCommand(state: WizardState, command: KeyCommand): WizardState {
	const preview = state.preview;
	const set = (change: Partial<PreviewForm>) => ({...state, preview: {...preview, ...change}});
	if (preview.edit) return editCommand(state, command);
	if (preview.detail) return detailCommand(state, command);
	if (preview.searching) {
		if (command === 'select') return set({searching: false});
		if (command === 'back') return set({searching: false, search: '', cursor: 0});
		return state;
	}
	const shown = shownRows(state);
	const moveTo = (cursor: number) => set({cursor});
	const moved = movedCursor(command, preview.cursor, shown.length);
	if (moved !== undefined) return moveTo(moved);
	switch (command) {
		case 'errorsOnly':
			return set({errorsOnly: !preview.errorsOnly, cursor: 0});
		case 'search':
			return set({searching: true});
		case 'select': {
			const row = state.plan?.rows[shown[preview.cursor] ?? -1];
			if (!row) return state;
			return queue(set({detail: {row: row.row, cursor: 0, cells: undefined}}), {kind: 'load-row', row: row.row, secret: state.csv?.secret ?? []});
		}
		case 'continue': {
			if (!state.plan || state.plan.summary.creates === 0) return {...state, error: 'No row can be created: fix the errors (f shows them) or go back.'};
			// The directory may have changed while the admin read the preview: Confirm shows it as it is now.
			return queue(goTo({...state, runKind: 'import', busy: checkingAgain}, 'confirm'), {kind: 'refresh-plan', run: 'import'});
		}
		case 'back':
			// Esc takes away a search or the errors-only filter first; with neither, it goes back.
			if (preview.search !== '' || preview.errorsOnly) return set({search: '', errorsOnly: false, cursor: 0});
			return goBack(state);
		default:
			return state;
	}
}

function detailCommand(state: WizardState, command: KeyCommand): WizardState {
	const detail = state.preview.detail!;
	const cells = detail.cells ?? [];
	const set = (change: Partial<NonNullable<PreviewForm['detail']>>) => ({...state, preview: {...state.preview, detail: {...detail, ...change}}});
	switch (command) {
		case 'up':
			return set({cursor: Math.max(0, detail.cursor - 1)});
		case 'down':
			return set({cursor: Math.max(0, Math.min(cells.length - 1, detail.cursor + 1))});
		case 'edit': {
			const cell = cells[detail.cursor];
			if (!cell) return state;
			if (cell.secret) return {...state, error: 'Passwords are never shown or edited here: edit the CSV.'};
			return {...state, preview: {...state.preview, edit: {row: detail.row, column: cell.column, header: cell.header, value: cell.value}}};
		}
		case 'back':
			return {...state, preview: {...state.preview, detail: undefined}};
		default:
			return state;
	}
}

function editCommand(state: WizardState, command: KeyCommand): WizardState {
	const edit = state.preview.edit!;
	if (command === 'back') return {...state, preview: {...state.preview, edit: undefined}};
	if (command !== 'select' || !state.mapping) return state;
	const edits = [...state.edits.filter((known) => known.row !== edit.row || known.column !== edit.column), {row: edit.row, column: edit.column, value: edit.value}];
	return queue({...state, edits, busy: {line: 'Checking the rows again…'}, preview: {...state.preview, edit: undefined}}, {kind: 'prepare', options: state.options, edits, mapping: state.mapping.mapping});
}

function previewText(state: WizardState, value: string): WizardState {
	const preview = state.preview;
	if (preview.edit) return {...state, preview: {...preview, edit: {...preview.edit, value}}};
	if (preview.searching) return {...state, preview: {...preview, search: value, cursor: 0}};
	return state;
}
