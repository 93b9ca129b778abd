import type {Key} from 'ink';

/**
 * Every key binding of the wizard, in one place: what each key does on each screen, and the hint
 * line and `?` help drawn from the same table, so they can never disagree with the behaviour.
 */
export type Command =
	| 'up'
	| 'down'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'left'
	| 'right'
	| 'select'
	| 'continue'
	| 'back'
	| 'help'
	| 'quit'
	| 'interrupt'
	| 'change'
	| 'ignore'
	| 'custom'
	| 'errorsOnly'
	| 'search'
	| 'edit'
	| 'pause'
	| 'start'
	| 'newImport'
	| 'retry'
	| 'resumeHere'
	| 'rollback'
	| 'writeReport'
	| 'toggle'
	| 'parent'
	| 'sortOrder'
	| 'repaint'
	| 'fullMessage'
	| 'why'
	| 'takeSuggestion';

/** Where the keys are read: a screen, or a mode inside one (a picker, a text field, a detail view). */
export type KeyContext =
	| 'resume-offer'
	| 'connect'
	| 'connect.text'
	| 'file'
	| 'encoding'
	| 'mapping'
	| 'mapping.picker'
	| 'mapping.custom'
	| 'mapping.detail'
	| 'defaults'
	| 'defaults.text'
	| 'defaults.picker'
	| 'preview'
	| 'preview.search'
	| 'preview.detail'
	| 'preview.edit'
	| 'confirm'
	| 'confirm.rollback'
	| 'progress'
	| 'progress.failed'
	| 'progress.failure'
	| 'progress.rollback'
	| 'summary'
	| 'summary.stopped'
	| 'summary.rolledBack'
	| 'summary.cleared'
	| 'busy'
	| 'help'
	| 'message';

/** A key as written in the table: a named key, `ctrl+x`, or one printable character. */
type KeyName = string;

/** `quiet`: listed by `?` but not on the one-line hint footer, which keeps room for what matters. */
type Binding = {command: Command; keys: readonly KeyName[]; label: string; shown?: string; quiet?: boolean};

const move: Binding = {command: 'up', keys: ['up', 'k'], label: 'move', shown: '↑↓'};
const moveDown: Binding = {command: 'down', keys: ['down', 'j'], label: 'move'};
const page: Binding[] = [
	{command: 'pageUp', keys: ['pageup'], label: 'page', shown: 'PgUp/PgDn', quiet: true},
	{command: 'pageDown', keys: ['pagedown'], label: 'page', quiet: true},
	{command: 'home', keys: ['home'], label: 'first', quiet: true},
	{command: 'end', keys: ['end'], label: 'last', quiet: true},
];
/** In a text field, letters are text: only keys that cannot be typed are bound. */
const textMove: Binding[] = [
	{command: 'up', keys: ['up'], label: 'move', shown: '↑↓'},
	{command: 'down', keys: ['down'], label: 'move'},
];
const back: Binding = {command: 'back', keys: ['escape'], label: 'back', shown: 'Esc'};
const help: Binding = {command: 'help', keys: ['?'], label: 'keys'};
const cont: Binding = {command: 'continue', keys: ['c'], label: 'continue'};
const quit: Binding = {command: 'quit', keys: ['q'], label: 'quit'};

/** What the summary of an import offers, whether it stopped or finished. */
const resumeHere: Binding = {command: 'resumeHere', keys: ['u'], label: 'resume it here'};
const afterImport: readonly Binding[] = [
	{command: 'writeReport', keys: ['w'], label: 'write report'},
	{command: 'retry', keys: ['r'], label: 'retry failed'},
	{command: 'rollback', keys: ['b'], label: 'roll back'},
	{command: 'newImport', keys: ['n'], label: 'new import'},
	quit,
	help,
];

export const keymap: Record<KeyContext, readonly Binding[]> = {
	'resume-offer': [move, moveDown, {command: 'select', keys: ['enter'], label: 'resume it', shown: 'Enter'}, {command: 'newImport', keys: ['n'], label: 'new import'}, quit, help],
	connect: [
		move,
		moveDown,
		{command: 'left', keys: ['left'], label: 'change', shown: '←→'},
		{command: 'right', keys: ['right', 'space'], label: 'change'},
		{command: 'select', keys: ['enter'], label: 'connect', shown: 'Enter'},
		back,
		quit,
		help,
	],
	'connect.text': [...textMove, {command: 'down', keys: ['tab'], label: 'next field', shown: 'Tab'}, {command: 'select', keys: ['enter'], label: 'connect', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'leave field', shown: 'Esc'}],
	file: [
		...textMove,
		...page,
		{command: 'select', keys: ['enter'], label: 'open', shown: 'Enter'},
		{command: 'parent', keys: ['left'], label: 'parent folder', shown: '←'},
		// Tab: letters are the filter's.
		{command: 'sortOrder', keys: ['tab'], label: 'sort order', shown: 'Tab'},
		// There is no screen before this one to go back to (a new connection starts here afresh).
		{command: 'back', keys: ['escape'], label: 'clear filter', shown: 'Esc'},
		help,
	],
	encoding: [move, moveDown, {command: 'select', keys: ['enter'], label: 'use this encoding', shown: 'Enter'}, back, help],
	mapping: [
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
	'mapping.picker': [...textMove, ...page, {command: 'select', keys: ['enter'], label: 'choose', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'cancel', shown: 'Esc'}],
	// A column's detail: what the matcher saw (↑↓ through its reasons), its suggestion.
	'mapping.detail': [
		{command: 'up', keys: ['up', 'k'], label: 'scroll', shown: '↑↓'},
		{command: 'down', keys: ['down', 'j'], label: 'scroll'},
		{command: 'takeSuggestion', keys: ['s'], label: 'take suggestion'},
		{command: 'back', keys: ['escape', 'd'], label: 'close', shown: 'Esc'},
		help,
	],
	'mapping.custom': [{command: 'select', keys: ['enter'], label: 'save name', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'cancel', shown: 'Esc'}],
	defaults: [
		move,
		moveDown,
		{command: 'left', keys: ['left', '-'], label: 'change', shown: '←→'},
		{command: 'right', keys: ['right', '+'], label: 'change'},
		{command: 'select', keys: ['enter', 'space'], label: 'edit / pick', shown: 'Enter'},
		cont,
		back,
		help,
	],
	'defaults.text': [{command: 'select', keys: ['enter'], label: 'done', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'cancel', shown: 'Esc'}],
	'defaults.picker': [...textMove, ...page, {command: 'toggle', keys: ['enter'], label: 'tick/untick', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'done', shown: 'Esc'}],
	preview: [
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
	'preview.search': [{command: 'select', keys: ['enter'], label: 'done', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'clear', shown: 'Esc'}],
	'preview.detail': [move, moveDown, {command: 'edit', keys: ['e', 'enter'], label: 'edit cell'}, {command: 'back', keys: ['escape'], label: 'close', shown: 'Esc'}, help],
	'preview.edit': [{command: 'select', keys: ['enter'], label: 'save and re-check', shown: 'Enter'}, {command: 'back', keys: ['escape'], label: 'cancel', shown: 'Esc'}],
	confirm: [{command: 'start', keys: ['y'], label: 'start the import'}, back, help],
	'confirm.rollback': [{command: 'start', keys: ['y'], label: 'delete them'}, back, help],
	progress: [
		{command: 'pause', keys: ['p'], label: 'pause/resume'},
		{command: 'interrupt', keys: ['ctrl+c'], label: 'stop (twice: at once)', shown: 'Ctrl+C'},
		help,
	],
	// Rows have failed: ↑↓ pick one, Enter opens its error in full.
	'progress.failed': [
		{command: 'pause', keys: ['p'], label: 'pause/resume'},
		{command: 'interrupt', keys: ['ctrl+c'], label: 'stop (twice: at once)', shown: 'Ctrl+C'},
		{command: 'up', keys: ['up', 'k'], label: 'failed rows', shown: '↑↓'},
		{command: 'down', keys: ['down', 'j'], label: 'failed rows'},
		{command: 'select', keys: ['enter'], label: 'open failure', shown: 'Enter'},
		help,
	],
	'progress.failure': [
		{command: 'up', keys: ['up', 'k'], label: 'next failure', shown: '↑↓'},
		{command: 'down', keys: ['down', 'j'], label: 'next failure'},
		{command: 'back', keys: ['escape', 'enter'], label: 'close', shown: 'Esc'},
		{command: 'pause', keys: ['p'], label: 'pause/resume'},
		{command: 'interrupt', keys: ['ctrl+c'], label: 'stop (twice: at once)', shown: 'Ctrl+C'},
		help,
	],
	// A rollback is not paused: it is stopped, and run again to finish.
	'progress.rollback': [{command: 'interrupt', keys: ['ctrl+c'], label: 'stop (twice: at once)', shown: 'Ctrl+C'}, help],
	summary: [
		// Offered on the screen only for an import that stopped with rows left (the footer has no room for a key that mostly does nothing).
		{...resumeHere, quiet: true},
		...afterImport,
	],
	// Stopped with rows left: resuming right here comes first.
	'summary.stopped': [resumeHere, ...afterImport],
	// Rolled back: there is no report to write, nothing to retry and nothing left to roll back here.
	'summary.rolledBack': [{command: 'newImport', keys: ['n'], label: 'new import'}, quit, help],
	// Rolled back, and JumpCloud cleared the manager of users outside the import: ↑↓ go through their names.
	'summary.cleared': [
		{command: 'up', keys: ['up', 'k'], label: 'names', shown: '↑↓'},
		{command: 'down', keys: ['down', 'j'], label: 'names'},
		{command: 'newImport', keys: ['n'], label: 'new import'},
		quit,
		help,
		...page,
	],
	busy: [{command: 'interrupt', keys: ['ctrl+c'], label: 'quit', shown: 'Ctrl+C'}],
	help: [{command: 'help', keys: ['?', 'escape', 'enter', 'q'], label: 'close', shown: 'Esc'}],
	// The status line open in full (Ctrl+E): any key closes it, Esc is the one named.
	message: [{command: 'back', keys: ['escape'], label: 'close (any key)', shown: 'Esc'}],
};

/** Ctrl+L draws the whole screen again (the terminal does it, not the screens): anywhere, never text. */
export const repaint: Binding = {command: 'repaint', keys: ['ctrl+l'], label: 'redraw the screen', shown: 'Ctrl+L'};

/** Ctrl+E opens the status line (an error, a notice) in full when it is cut: anywhere, never text. */
export const fullMessage: Binding = {command: 'fullMessage', keys: ['ctrl+e'], label: 'full message', shown: 'Ctrl+E'};

/** Ctrl+C means stop (on the progress screen) or leave the wizard, whatever the context; Ctrl+L redraws; Ctrl+E opens the message. */
const everywhere: readonly Binding[] = [{command: 'interrupt', keys: ['ctrl+c'], label: 'quit', shown: 'Ctrl+C'}, repaint, fullMessage];

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

/** The name of a key press as the table writes it. */
export function keyName(input: string, key: Key): KeyName | undefined {
	if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.shift && key.tab) return 'shift+tab';
	if (key.tab) return 'tab';
	// Ink 6 reports the Backspace key (DEL) as `delete`.
	if (key.backspace || key.delete) return 'backspace';
	if (input === ' ') return 'space';
	if (input.length === 1) return input;
	return undefined;
}

const textContexts: ReadonlySet<KeyContext> = new Set(['connect.text', 'mapping.picker', 'mapping.custom', 'defaults.text', 'defaults.picker', 'preview.search', 'preview.edit']);

/**
 * The command a key runs in a context. In a text field, what can be typed is text (the field
 * handles it), so only keys that cannot be typed run commands there.
 */
export function commandFor(context: KeyContext, input: string, key: Key): Command | undefined {
	const name = keyName(input, key);
	if (name === undefined) return undefined;
	if (textContexts.has(context) && (name.length === 1 || name === 'space' || name === 'backspace')) return undefined;
	for (const binding of [...keymap[context], ...everywhere]) if (binding.keys.includes(name)) return binding.command;
	return undefined;
}

/**
 * Contexts with a field that takes the typing. The file browser's filter is one, but there `?`
 * still opens the help (file names hardly ever hold a `?`).
 */
export function isTextContext(context: KeyContext): boolean {
	return textContexts.has(context) || context === 'file';
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

function displayKey(key: KeyName): string {
	const names: Record<string, string> = {up: '↑', down: '↓', left: '←', right: '→', enter: 'Enter', escape: 'Esc', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End', space: 'Space', tab: 'Tab', backspace: 'Backspace', delete: 'Del', 'ctrl+c': 'Ctrl+C', 'ctrl+l': 'Ctrl+L', 'ctrl+e': 'Ctrl+E'};
	return names[key] ?? key;
}
