import {back, help, type ContextKeys} from '../../key-bindings.js';

/** The keys of Confirm: of an import (or its resume or retry), and of a rollback. */
export const confirmKeys = {
	confirm: {bindings: [{command: 'start', keys: ['y'], label: 'start the import'}, back, help]},
	'confirm.rollback': {bindings: [{command: 'start', keys: ['y'], label: 'delete them'}, back, help]},
} satisfies Record<string, ContextKeys>;
