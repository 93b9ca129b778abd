import {back, cont, help, move, moveDown, page, type ContextKeys} from '../../key-bindings.js';

/** The keys of the Preview, and of its search, a row's detail and a cell being edited. */
export const previewKeys = {
	preview: {
		bindings: [
			move,
			moveDown,
			{command: 'select', keys: ['enter'], label: 'open row', shown: 'Enter'},
			cont,
			{command: 'errorsOnly', keys: ['f'], label: 'errors only'},
			{command: 'search', keys: ['/'], label: 'search'},
			back,
			help,
			...page,
		],
	},
	'preview.search': {bindings: [{command: 'select', keys: ['enter'], label: 'done', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'clear', shown: 'Esc'}], typing: 'text'},
	'preview.detail': {bindings: [move, moveDown, {command: 'edit', keys: ['e', 'enter'], label: 'edit cell'}, {command: 'back', keys: ['escape'], label: 'close', shown: 'Esc'}, help]},
	'preview.edit': {bindings: [{command: 'select', keys: ['enter'], label: 'save and re-check', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'cancel', shown: 'Esc'}], typing: 'text'},
} satisfies Record<string, ContextKeys>;
