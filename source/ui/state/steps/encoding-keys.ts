import {back, help, move, moveDown, type ContextKeys} from '../../key-bindings.js';

/** The keys of the encoding check. */
export const encodingKeys = {
	encoding: {bindings: [move, moveDown, {command: 'select', keys: ['enter'], label: 'use this encoding', shown: 'Enter'}, back, help]},
} satisfies Record<string, ContextKeys>;
