import {help, page, textMove, type ContextKeys} from '../../key-bindings.js';

/**
 * The keys of the file browser. Typing filters it, but `?` still opens the help (file names
 * hardly ever hold a `?`).
 */
export const fileKeys = {
	file: {
		bindings: [
			...textMove,
			...page,
			{command: 'select', keys: ['enter'], label: 'open', shown: 'Enter'},
			{command: 'parent', keys: ['left'], label: 'parent folder', shown: '←'},
			// Tab: letters are the filter's.
			{command: 'sortOrder', keys: ['tab'], label: 'sort order', shown: 'Tab'},
			// There is no screen before this one to go back to (a new connection starts here afresh).
			{command: 'back', keys: ['escape'], label: 'clear filter', shown: 'Esc'},
			help,
		],
		typing: 'filter',
	},
} satisfies Record<string, ContextKeys>;
