import {help, type Binding, type ContextKeys} from '../../key-bindings.js';

const pause: Binding = {command: 'pause', keys: ['p'], label: 'pause/resume'};
const stop: Binding = {command: 'interrupt', keys: ['ctrl+c'], label: 'stop (twice: at once)', shown: 'Ctrl+C'};

/** The keys while an import (or a rollback) runs, and of its failed rows. */
export const progressKeys = {
	progress: {bindings: [pause, stop, help]},
	// Rows have failed: ↑↓ pick one, Enter opens its error in full.
	'progress.failed': {
		bindings: [
			pause,
			stop,
			{command: 'up', keys: ['up', 'k'], label: 'failed rows', shown: '↑↓'},
			{command: 'down', keys: ['down', 'j'], label: 'failed rows'},
			{command: 'select', keys: ['enter'], label: 'open failure', shown: 'Enter'},
			help,
		],
	},
	'progress.failure': {
		bindings: [
			{command: 'up', keys: ['up', 'k'], label: 'next failure', shown: '↑↓'},
			{command: 'down', keys: ['down', 'j'], label: 'next failure'},
			{command: 'back', keys: ['escape', 'enter'], label: 'close', shown: 'Esc'},
			pause,
			stop,
			help,
		],
	},
	// A rollback is not paused: it is stopped, and run again to finish.
	'progress.rollback': {bindings: [stop, help]},
} satisfies Record<string, ContextKeys>;
