import {back, cont, help, move, moveDown, page, textMove, type ContextKeys} from '../../key-bindings.js';

/** The keys of Map columns, and of the picker, detail and custom name open on it. */
export const mappingKeys = {
	mapping: {
		bindings: [
			move,
			moveDown,
			{command: 'change', keys: ['enter', 'right'], label: 'change', shown: 'Enter'},
			cont,
			{command: 'ignore', keys: ['i', 'x'], label: 'ignore'},
			{command: 'custom', keys: ['a'], label: 'custom attr'},
			back,
			help,
			...page,
			// Quiet: the footer has no room; the selected column's suggestion line names both.
			{command: 'why', keys: ['d'], label: 'why this match', quiet: true},
			{command: 'takeSuggestion', keys: ['s'], label: 'take suggestion', quiet: true},
		],
	},
	'mapping.picker': {bindings: [...textMove, ...page, {command: 'select', keys: ['enter'], label: 'choose', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'cancel', shown: 'Esc'}], typing: 'text'},
	// A column's detail: what the matcher saw (↑↓ through its reasons), its suggestion.
	'mapping.detail': {
		bindings: [
			{command: 'up', keys: ['up', 'k'], label: 'scroll', shown: '↑↓'},
			{command: 'down', keys: ['down', 'j'], label: 'scroll'},
			{command: 'takeSuggestion', keys: ['s'], label: 'take suggestion'},
			{command: 'back', keys: ['escape', 'd'], label: 'close', shown: 'Esc'},
			help,
		],
	},
	'mapping.custom': {bindings: [{command: 'select', keys: ['enter'], label: 'save name', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'cancel', shown: 'Esc'}], typing: 'text'},
} satisfies Record<string, ContextKeys>;
