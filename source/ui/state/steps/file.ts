import {movedCursor} from '../list-cursor.js';
import type {Command} from '../../keymap.js';
import {goBack, listingFolder, queue, readingFile} from '../wizard-reducer.js';
import type {FolderEntry, WizardState} from '../wizard-state.js';

/** The entries the filter lets through: `..` always stays, to get out of an empty match. */
export function visibleEntries(state: WizardState): FolderEntry[] {
	const filter = state.file.filter.toLowerCase();
	if (!filter) return state.file.entries;
	return state.file.entries.filter((entry) => entry.kind === 'parent' || entry.name.toLowerCase().includes(filter));
}

/** The file browser: typing filters, Enter opens a folder or picks a file, ← goes up. */
export function fileCommand(state: WizardState, command: Command): WizardState {
	const entries = visibleEntries(state);
	const file = state.file;
	const moveTo = (cursor: number) => ({...state, file: {...file, cursor}});
	const moved = movedCursor(command, file.cursor, entries.length);
	if (moved !== undefined) return moveTo(moved);
	switch (command) {
		case 'parent': {
			if (file.filter !== '') return state;
			const parent = entries.find((entry) => entry.kind === 'parent');
			return parent ? queue({...state, busy: listingFolder}, {kind: 'list-folder', dir: parent.path}) : state;
		}
		case 'select': {
			const entry = entries[file.cursor];
			if (!entry) return state;
			if (entry.kind === 'parent' || entry.kind === 'folder') return queue({...state, busy: listingFolder}, {kind: 'list-folder', dir: entry.path});
			return queue({...state, busy: readingFile}, {kind: 'open-file', path: entry.path, encoding: undefined});
		}
		case 'back':
			// Esc clears what was typed; with nothing typed, a step before this one (if any) comes back.
			if (file.filter !== '') return {...state, file: {...file, filter: '', cursor: 0}};
			return goBack(state);
		default:
			return state;
	}
}

/** Typing filters; the cursor lands on the first match, not on `..`. */
export function fileText(state: WizardState, value: string): WizardState {
	const next = {...state, file: {...state.file, filter: value, cursor: 0}};
	const first = visibleEntries(next).findIndex((entry) => entry.kind !== 'parent');
	return value && first > 0 ? {...next, file: {...next.file, cursor: first}} : next;
}
