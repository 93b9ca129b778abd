import type {Key} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import type {KeyContext} from '../keymap.js';
import type {WizardState} from './wizard-state.js';

/** The value of the field that takes typing in this context. */
export function fieldValue(state: WizardState, context: KeyContext): string | undefined {
	switch (context) {
		case 'connect.text':
			return state.connect.field === 1 ? state.connect.apiKey : state.connect.field === 2 ? state.connect.orgId : undefined;
		case 'file':
			return state.file.filter;
		case 'mapping.picker':
			return state.mapping?.picker?.query;
		case 'mapping.custom':
			return state.mapping?.custom?.name;
		case 'defaults.text':
			return state.defaults.editing?.value;
		case 'defaults.picker':
			return state.defaults.picker?.query;
		case 'preview.search':
			return state.preview.search;
		case 'preview.edit':
			return state.preview.edit?.value;
		default:
			return undefined;
	}
}

/**
 * A key applied to a field's text: typed or pasted characters are appended (control characters
 * and escape sequences dropped), Backspace removes the last one, Ctrl+U clears. Undefined when the
 * key does not edit text.
 */
export function editText(value: string, input: string, key: Key): string | undefined {
	// Ink 6 reports the Backspace key (DEL) as `delete`.
	if (key.backspace || key.delete) return [...value].slice(0, -1).join('');
	if (key.ctrl && input === 'u') return '';
	if (key.ctrl || key.meta || key.escape || key.return || key.tab) return undefined;
	// A paste arrives as one chunk: its line breaks become spaces, like a one-line field takes them.
	const typed = sanitize(input);
	return typed === '' ? undefined : value + typed;
}
