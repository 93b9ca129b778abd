import {movedCursor} from '../list-cursor.js';
import {catalog, catalogEntry, customAttributeName, targetLabel, type Target} from '../../../mapping/catalog.js';
import {missingRequired, setTarget} from '../../../mapping/mapping.js';
import type {KeyCommand} from '../../key-bindings.js';
import type {mappingKeys} from './mapping-keys.js';
import type {StepHandler} from './step-handler.js';
import {goBack, goTo, queue} from '../navigation.js';
import type {MappingForm, WizardState} from '../wizard-state.js';

export type TargetChoice = {target: Target | null; label: string; hint: string};

/** What a column can be pointed at: nothing, every catalog attribute, or a new custom attribute. */
const allChoices: TargetChoice[] = [
	{target: null, label: 'ignore this column', hint: 'not imported'},
	...catalog.map((entry) => ({target: entry.key, label: entry.label, hint: entry.key + (entry.required ? ' (required)' : '')})),
	{target: 'attribute:', label: 'custom attribute…', hint: 'name it next'},
];

/** The picker's list for a query: every word of it must appear in the label or key. */
export function targetChoices(query: string): TargetChoice[] {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return allChoices;
	return allChoices.filter((choice) => words.every((word) => `${choice.label} ${choice.hint}`.toLowerCase().includes(word)));
}

/** Map columns: each column pointed at an attribute (or ignored), through a picker, a custom name or its suggestion. */
export const mappingStep: StepHandler<keyof typeof mappingKeys> = {
	keyContext: (state) => {
		if (state.mapping?.picker) return 'mapping.picker';
		if (state.mapping?.detail) return 'mapping.detail';
		return state.mapping?.custom ? 'mapping.custom' : 'mapping';
	},
	command: mappingCommand,
	field: (state) => {
		if (state.mapping?.picker) return state.mapping.picker.query;
		// An open detail takes no typing, whatever is open under it.
		return state.mapping?.detail ? undefined : state.mapping?.custom?.name;
	},
	text: mappingText,
};

function mappingCommand(state: WizardState, command: KeyCommand): WizardState {
	const form = state.mapping;
	if (!form) return goBack(state);
	const set = (change: Partial<MappingForm>) => ({...state, mapping: {...form, ...change}});
	if (form.picker) return pickerCommand(state, form, command);
	if (form.custom) {
		if (command === 'back') return set({custom: undefined});
		if (command !== 'select') return state;
		const name = form.custom.name.trim();
		if (!customAttributeName.test(name)) return set({custom: {...form.custom, error: 'Letters and digits only, at most 31 (JumpCloud’s rule for attribute names).'}});
		return remap(state, form, {custom: undefined}, form.custom.column, `attribute:${name}`);
	}
	if (form.detail) return detailCommand(state, form, command);
	const count = form.mapping.columns.length;
	const column = form.mapping.columns[form.cursor];
	const moveTo = (cursor: number) => set({cursor});
	const moved = movedCursor(command, form.cursor, count);
	if (moved !== undefined) return moveTo(moved);
	switch (command) {
		case 'change':
			return column ? set({picker: {column: column.index, query: '', cursor: Math.max(0, allChoices.findIndex((choice) => choice.target === column.target))}}) : state;
		case 'ignore':
			return column ? remap(state, form, {}, column.index, null) : state;
		case 'custom':
			return column ? set({custom: {column: column.index, name: suggestedName(column.header), error: undefined}}) : state;
		case 'why':
			return column ? set({detail: {column: column.index, scroll: 0}}) : state;
		case 'takeSuggestion':
			return column ? takeSuggestion(state, form, column.index) : state;
		case 'continue': {
			const missing = missingRequired(form.mapping);
			if (missing.length > 0) return {...state, error: `Still missing: ${missing.map(targetLabel).join(', ')}. Point a column at it (Enter on the column).`};
			const headers = state.csv?.columns.map((entry) => entry.header) ?? [];
			return queue(goTo(state, 'defaults'), {kind: 'save-mapping', mapping: form.mapping, headers});
		}
		case 'back':
			return goBack(state);
		default:
			return state;
	}
}

function pickerCommand(state: WizardState, form: MappingForm, command: KeyCommand): WizardState {
	const picker = form.picker!;
	const choices = targetChoices(picker.query);
	const set = (change: Partial<MappingForm>) => ({...state, mapping: {...form, ...change}});
	const moveTo = (cursor: number) => set({picker: {...picker, cursor}});
	const moved = movedCursor(command, picker.cursor, choices.length);
	if (moved !== undefined) return moveTo(moved);
	switch (command) {
		case 'back':
			return set({picker: undefined});
		case 'select': {
			const choice = choices[picker.cursor];
			if (!choice) return state;
			if (choice.target === 'attribute:') {
				const header = form.mapping.columns.find((column) => column.index === picker.column)?.header ?? '';
				return set({picker: undefined, custom: {column: picker.column, name: suggestedName(header), error: undefined}});
			}
			return remap(state, form, {picker: undefined}, picker.column, choice.target);
		}
		default:
			return state;
	}
}

/** The column's detail: ↑↓ go through its reasons, `s` takes its suggestion, Esc closes. */
function detailCommand(state: WizardState, form: MappingForm, command: KeyCommand): WizardState {
	const detail = form.detail!;
	const reasons = form.mapping.columns.find((column) => column.index === detail.column)?.evidence?.length ?? 0;
	const scrollTo = (scroll: number) => ({...state, mapping: {...form, detail: {...detail, scroll: Math.max(0, Math.min(Math.max(0, reasons - 1), scroll))}}});
	switch (command) {
		case 'up':
			return scrollTo(detail.scroll - 1);
		case 'down':
			return scrollTo(detail.scroll + 1);
		case 'takeSuggestion':
			return takeSuggestion(state, form, detail.column);
		case 'back':
			return {...state, mapping: {...form, detail: undefined}};
		default:
			return state;
	}
}

/** Maps an unmapped column to the custom attribute offered for it, as the user's own choice. */
function takeSuggestion(state: WizardState, form: MappingForm, index: number): WizardState {
	const column = form.mapping.columns.find((candidate) => candidate.index === index);
	if (column?.target !== null || column.proposal === undefined) return {...state, error: 'No custom attribute is suggested for this column (a suggestion is made only for an ignored column that differs from person to person).'};
	return remap(state, form, {}, index, column.proposal);
}

/**
 * Points a column at a target. A column once mapped to a password stays secret for the rest of
 * the wizard: its values are never shown again, wherever it is pointed next.
 */
function remap(state: WizardState, form: MappingForm, change: Partial<MappingForm>, column: number, target: Target | null): WizardState {
	const next = {...state, mapping: {...form, ...change, mapping: setTarget(form.mapping, column, target)}};
	const password = target !== null && catalogEntry(target)?.kind === 'password';
	if (!password || !state.csv || state.csv.secret.includes(column)) return next;
	return {...next, csv: {...state.csv, secret: [...state.csv.secret, column]}};
}

function mappingText(state: WizardState, value: string): WizardState {
	const form = state.mapping;
	if (form?.picker) return {...state, mapping: {...form, picker: {...form.picker, query: value, cursor: 0}}};
	if (form?.custom) return {...state, mapping: {...form, custom: {...form.custom, name: value, error: undefined}}};
	return state;
}

/** A header as an attribute name: its letters and digits, within JumpCloud's 31. */
function suggestedName(header: string): string {
	return header.replace(/[^A-Za-z0-9]/g, '').slice(0, 31);
}
