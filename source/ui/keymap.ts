import type {Key} from 'ink';
import {everywhere, type Binding, type ContextKeys, type KeyCommand} from './key-bindings.js';
import {displayKey, keyName} from './key-names.js';
import {confirmKeys} from './state/steps/confirm-keys.js';
import {connectKeys} from './state/steps/connect-keys.js';
import {defaultsKeys} from './state/steps/defaults-keys.js';
import {encodingKeys} from './state/steps/encoding-keys.js';
import {fileKeys} from './state/steps/file-keys.js';
import {mappingKeys} from './state/steps/mapping-keys.js';
import {previewKeys} from './state/steps/preview-keys.js';
import {progressKeys} from './state/steps/progress-keys.js';
import {resumeOfferKeys} from './state/steps/resume-offer-keys.js';
import {summaryKeys} from './state/steps/summary-keys.js';

export type {KeyCommand} from './key-bindings.js';
export {fullMessage, repaint} from './key-bindings.js';
export {keyName} from './key-names.js';

/**
 * Every key binding of the wizard, in one table: what each key does on each screen, and the hint
 * line and `?` help drawn from the same table, so they can never disagree with the behaviour.
 * Each step's keys are written beside the step; the keys over any screen are here.
 */
const overlayKeys = {
	busy: {bindings: [{command: 'interrupt', keys: ['ctrl+c'], label: 'quit', shown: 'Ctrl+C'}]},
	help: {bindings: [{command: 'help', keys: ['?', 'escape', 'enter', 'q'], label: 'close', shown: 'Esc'}]},
	// The status line open in full (Ctrl+E): any key closes it, Esc is the one named.
	message: {bindings: [{command: 'back', keys: ['escape'], label: 'close (any key)', shown: 'Esc'}]},
} satisfies Record<string, ContextKeys>;

const contexts = {
	...resumeOfferKeys,
	...connectKeys,
	...fileKeys,
	...encodingKeys,
	...mappingKeys,
	...defaultsKeys,
	...previewKeys,
	...confirmKeys,
	...progressKeys,
	...summaryKeys,
	...overlayKeys,
};

/** Where the keys are read: a screen, or a mode inside one (a picker, a text field, a detail view). */
export type KeyContext = keyof typeof contexts;

const contextKeys: Record<KeyContext, ContextKeys> = contexts;

export const keymap = Object.fromEntries(Object.entries(contextKeys).map(([context, keys]) => [context, keys.bindings])) as Record<KeyContext, readonly Binding[]>;

/**
 * Whether the status line is open in full after one key: Ctrl+E opens it; while it is open any key
 * closes it and does nothing else, but Ctrl+C and Ctrl+L, which keep their meaning and leave it
 * open. The reducer (which swallows the closing key) and the Frame (which draws the message) both
 * follow the keys by this one rule.
 */
export function messageOpenAfter(open: boolean, input: string, key: Key): boolean {
	const name = keyName(input, key);
	const command = name === undefined ? undefined : everywhere.find((binding) => binding.keys.includes(name))?.command;
	if (command === 'interrupt' || command === 'repaint') return open;
	return !open && command === 'fullMessage';
}

/**
 * The command a key runs in a context. In a text field, what can be typed is text (the field
 * handles it), so only keys that cannot be typed run commands there.
 */
export function commandFor(context: KeyContext, input: string, key: Key): KeyCommand | undefined {
	const name = keyName(input, key);
	if (name === undefined) return undefined;
	if (contextKeys[context].typing === 'text' && (name.length === 1 || name === 'space' || name === 'backspace')) return undefined;
	for (const binding of [...keymap[context], ...everywhere]) if (binding.keys.includes(name)) return binding.command;
	return undefined;
}

/** Contexts with a field that takes the typing: a text field, or the file browser's filter. */
export function isTextContext(context: KeyContext): boolean {
	return contextKeys[context].typing !== undefined;
}

export type Hint = {keys: string; label: string};

/** The footer line: one hint per label, in table order. */
export function hintsFor(context: KeyContext): Hint[] {
	const hints: Hint[] = [];
	for (const binding of keymap[context]) {
		if (binding.quiet || hints.some((hint) => hint.label === binding.label)) continue;
		hints.push({keys: binding.shown ?? binding.keys[0]!, label: binding.label});
	}
	return hints;
}

/** Every binding of a context with all its keys, for the `?` help. */
export function helpFor(context: KeyContext): Hint[] {
	const byLabel = new Map<string, string[]>();
	for (const binding of keymap[context]) {
		const keys = byLabel.get(binding.label) ?? [];
		for (const key of binding.keys) if (!keys.includes(key)) keys.push(key);
		byLabel.set(binding.label, keys);
	}
	return [...byLabel].map(([label, keys]) => ({keys: keys.map(displayKey).join(' '), label}));
}
