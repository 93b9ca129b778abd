import {help, move, moveDown, quit, type ContextKeys} from '../../key-bindings.js';

/** The keys of the offer of unfinished imports. */
export const resumeOfferKeys = {
	'resume-offer': {bindings: [move, moveDown, {command: 'select', keys: ['enter'], label: 'resume it', shown: 'Enter'}, {command: 'newImport', keys: ['n'], label: 'new import'}, quit, help]},
} satisfies Record<string, ContextKeys>;
