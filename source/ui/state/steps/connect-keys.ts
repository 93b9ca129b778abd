import {back, help, move, moveDown, quit, textMove, type ContextKeys} from '../../key-bindings.js';

/** The keys of the connect form, and of its key and org id fields while typing in them. */
export const connectKeys = {
	connect: {
		bindings: [
			move,
			moveDown,
			{command: 'left', keys: ['left'], label: 'change', shown: '←→'},
			{command: 'right', keys: ['right', 'space'], label: 'change'},
			{command: 'select', keys: ['enter'], label: 'connect', shown: 'Enter'},
			back,
			quit,
			help,
		],
	},
	'connect.text': {
		bindings: [...textMove, {command: 'down', keys: ['tab'], label: 'next field', shown: 'Tab'}, {command: 'select', keys: ['enter'], label: 'connect', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'leave field', shown: 'Esc'}],
		typing: 'text',
	},
} satisfies Record<string, ContextKeys>;
