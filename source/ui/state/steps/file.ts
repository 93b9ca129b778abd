import {movedCursor} from '../list-cursor.js';
import type {KeyCommand} from '../../key-bindings.js';
import type {fileKeys} from './file-keys.js';
import type {StepHandler} from './step-handler.js';
import {goBack, listingFolder, queue, readingFile} from '../navigation.js';
import type {FolderEntry, WizardState} from '../wizard-state.js';

/**
 * The entries the filter lets through, in the order chosen: `..` always stays, to get out of an
 * empty match. Newest first keeps the groups (`..`, folders, CSV files, other files) and orders
 * each by date, the name deciding between equal dates.
 */
export function visibleEntries(state: WizardState): FolderEntry[] {
	const filter = state.file.filter.toLowerCase();
	const shown = filter ? state.file.entries.filter((entry) => entry.kind === 'parent' || entry.name.toLowerCase().includes(filter)) : state.file.entries;
	if (!state.file.newestFirst) return shown;
	// The listing is by name within each group, and sort() is stable.
	return [...shown].sort((a, b) => groupOrder[a.kind] - groupOrder[b.kind] || time(b) - time(a));
}

const groupOrder: Record<FolderEntry['kind'], number> = {parent: 0, folder: 1, csv: 2, file: 3};
const time = (entry: FolderEntry) => entry.modified?.getTime() ?? 0;

/** The file browser: typing filters, Enter opens a folder or picks a file, ← goes up, Tab sorts by date or by name. */
export const fileStep: StepHandler<keyof typeof fileKeys> = {
	keyContext: () => 'file',
	command: fileCommand,
	field: (state) => state.file.filter,
	text: fileText,
};

function fileCommand(state: WizardState, command: KeyCommand): WizardState {
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
		case 'sortOrder': {
			// The cursor stays on the entry it was on.
			const next = {...state, file: {...file, newestFirst: !file.newestFirst}};
			const at = entries[file.cursor];
			return at ? {...next, file: {...next.file, cursor: Math.max(0, visibleEntries(next).indexOf(at))}} : next;
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
function fileText(state: WizardState, value: string): WizardState {
	const next = {...state, file: {...state.file, filter: value, cursor: 0}};
	const first = visibleEntries(next).findIndex((entry) => entry.kind !== 'parent');
	return value && first > 0 ? {...next, file: {...next.file, cursor: first}} : next;
}
