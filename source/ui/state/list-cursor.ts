import type {KeyCommand} from '../key-bindings.js';

/** Rows a page key moves. */
const pageRows = 10;

/**
 * Where a list's cursor goes for a movement key (↑↓, PgUp/PgDn, Home/End), kept inside the list;
 * undefined for any other command. Every list and picker of the wizard moves the same way.
 */
export function movedCursor(command: KeyCommand, cursor: number, count: number): number | undefined {
	const target = {up: cursor - 1, down: cursor + 1, pageUp: cursor - pageRows, pageDown: cursor + pageRows, home: 0, end: count - 1}[command as string];
	return target === undefined ? undefined : Math.max(0, Math.min(count - 1, target));
}
