import {help, page, quit, type Binding, type ContextKeys} from '../../key-bindings.js';

/** What the summary of an import offers, whether it stopped or finished. */
const resumeHere: Binding = {command: 'resumeHere', keys: ['u'], label: 'resume it here'};
const newImport: Binding = {command: 'newImport', keys: ['n'], label: 'new import'};
const afterImport: readonly Binding[] = [
	{command: 'writeReport', keys: ['w'], label: 'write report'},
	{command: 'retry', keys: ['r'], label: 'retry failed'},
	{command: 'rollback', keys: ['b'], label: 'roll back'},
	newImport,
	quit,
	help,
];

/** The keys of the summary: of an import finished or stopped, and of a rollback. */
export const summaryKeys = {
	summary: {
		bindings: [
			// Offered on the screen only for an import that stopped with rows left (the footer has no room for a key that mostly does nothing).
			{...resumeHere, quiet: true},
			...afterImport,
		],
	},
	// Stopped with rows left: resuming right here comes first.
	'summary.stopped': {bindings: [resumeHere, ...afterImport]},
	// Rolled back: there is no report to write, nothing to retry and nothing left to roll back here.
	'summary.rolledBack': {bindings: [newImport, quit, help]},
	// Rolled back, and JumpCloud cleared the manager of users outside the import: ↑↓ go through their names.
	'summary.cleared': {
		bindings: [
			{command: 'up', keys: ['up', 'k'], label: 'names', shown: '↑↓'},
			{command: 'down', keys: ['down', 'j'], label: 'names'},
			newImport,
			quit,
			help,
			...page,
		],
	},
} satisfies Record<string, ContextKeys>;
