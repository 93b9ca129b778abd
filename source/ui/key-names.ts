import type {Key} from 'ink';
import type {KeyName} from './key-bindings.js';

/** Ink's `Key` with nothing pressed: spread it and set the one flag a key needs. */
export const noKey: Key = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false};

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

/** A key's name as the `?` help shows it. */
export function displayKey(key: KeyName): string {
	const names: Record<string, string> = {up: '↑', down: '↓', left: '←', right: '→', enter: 'Enter', escape: 'Esc', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End', space: 'Space', tab: 'Tab', backspace: 'Backspace', delete: 'Del', 'ctrl+c': 'Ctrl+C', 'ctrl+l': 'Ctrl+L', 'ctrl+e': 'Ctrl+E'};
	return names[key] ?? key;
}
