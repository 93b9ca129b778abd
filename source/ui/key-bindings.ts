/**
 * What a key binding is, and the bindings many screens share (move, page, back, help, quit) and
 * the ones that hold everywhere (Ctrl+C, Ctrl+L, Ctrl+E). Each step's own table is beside the
 * step (source/ui/state/steps/*-keys.ts); keymap.ts gathers them into the one table.
 */
export type KeyCommand =
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

/** A key as written in the table: a named key, `ctrl+x`, or one printable character. */
export type KeyName = string;

/** `quiet`: listed by `?` but not on the one-line hint footer, which keeps room for what matters. */
export type Binding = {command: KeyCommand; keys: readonly KeyName[]; label: string; shown?: string; quiet?: boolean};

/**
 * Where the keys are read (a screen, or a picker, field or detail open on it) and how it takes
 * typing: `text`, every key that can be typed is the field's; `filter`, keys the context binds
 * (`?`) keep their command and the rest are typed. Without `typing`, nothing is typed.
 */
export type ContextKeys = {bindings: readonly Binding[]; typing?: 'text' | 'filter'};

export const move: Binding = {command: 'up', keys: ['up', 'k'], label: 'move', shown: '↑↓'};
export const moveDown: Binding = {command: 'down', keys: ['down', 'j'], label: 'move'};
export const page: readonly Binding[] = [
	{command: 'pageUp', keys: ['pageup'], label: 'page', shown: 'PgUp/PgDn', quiet: true},
	{command: 'pageDown', keys: ['pagedown'], label: 'page', quiet: true},
	{command: 'home', keys: ['home'], label: 'first', quiet: true},
	{command: 'end', keys: ['end'], label: 'last', quiet: true},
];
/** In a text field, letters are text: only keys that cannot be typed are bound. */
export const textMove: readonly Binding[] = [
	{command: 'up', keys: ['up'], label: 'move', shown: '↑↓'},
	{command: 'down', keys: ['down'], label: 'move'},
];
export const back: Binding = {command: 'back', keys: ['escape'], label: 'back', shown: 'Esc'};
export const help: Binding = {command: 'help', keys: ['?'], label: 'keys'};
export const cont: Binding = {command: 'continue', keys: ['c'], label: 'continue'};
export const quit: Binding = {command: 'quit', keys: ['q'], label: 'quit'};

/** Ctrl+L draws the whole screen again (the terminal does it, not the screens): anywhere, never text. */
export const repaint: Binding = {command: 'repaint', keys: ['ctrl+l'], label: 'redraw the screen', shown: 'Ctrl+L'};

/** Ctrl+E opens the status line (an error, a notice) in full when it is cut: anywhere, never text. */
export const fullMessage: Binding = {command: 'fullMessage', keys: ['ctrl+e'], label: 'full message', shown: 'Ctrl+E'};

/** Ctrl+C means stop (on the progress screen) or leave the wizard, whatever the context; Ctrl+L redraws; Ctrl+E opens the message. */
export const everywhere: readonly Binding[] = [{command: 'interrupt', keys: ['ctrl+c'], label: 'quit', shown: 'Ctrl+C'}, repaint, fullMessage];
