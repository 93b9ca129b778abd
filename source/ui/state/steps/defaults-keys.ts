import {back, cont, help, move, moveDown, page, textMove, type ContextKeys} from '../../key-bindings.js';

/** The keys of the Defaults form, and of its text fields and pickers. */
export const defaultsKeys = {
	defaults: {
		bindings: [
			move,
			moveDown,
			{command: 'left', keys: ['left', '-'], label: 'change', shown: '←→'},
			{command: 'right', keys: ['right', '+'], label: 'change'},
			{command: 'select', keys: ['enter', 'space'], label: 'edit / pick', shown: 'Enter'},
			cont,
			back,
			help,
		],
	},
	'defaults.text': {bindings: [{command: 'select', keys: ['enter'], label: 'done', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'cancel', shown: 'Esc'}], typing: 'text'},
	'defaults.picker': {bindings: [...textMove, ...page, {command: 'toggle', keys: ['enter'], label: 'tick/untick', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'done', shown: 'Esc'}], typing: 'text'},
} satisfies Record<string, ContextKeys>;
