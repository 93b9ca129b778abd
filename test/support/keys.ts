/**
 * What a terminal sends for each key: one table for the component tests (test/ui/render-tui.tsx)
 * and the pty tests (test/e2e/pty-terminal.ts), which both re-export it as `keys`.
 */
export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	backspace: '\u007F', // Ink 6 reports DEL as key.delete
	ctrlC: '\u0003',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
} as const;

/** Ink's `Key` with nothing pressed (the wizard's own): spread it and set the one flag a test needs. */
export {noKey} from '../../source/ui/key-names.js';
