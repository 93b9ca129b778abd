import {afterEach, describe, expect, it} from 'vitest';
import {disposeAll, keys, startTerminal} from './pty-terminal.js';

// A message the status line cannot hold says so, and Ctrl+E opens it whole: observed on a real
// terminal at the smallest size, with a connect failure that names its URL. Nothing is timed: every
// wait is for the screen to become something.

const stepMs = 60_000;
const ctrlE = '\u0005';

afterEach(disposeAll);

describe('a cut message, on a real terminal', () => {
	it(
		'a connect failure at 60x15 ends with how to read it all; Ctrl+E opens it wrapped and Esc closes it',
		async () => {
			// Nothing listens on port 9 (discard): the connection is refused.
			const url = 'http://127.0.0.1:9';
			const terminal = startTerminal({env: {JC_API_URL: url, JC_API_KEY: 'k'.repeat(40)}, columns: 60, rows: 15});
			await terminal.waitFor('the connect failure', (screen) => screen.includes('(Ctrl+E full text)'), stepMs);
			const cut = terminal.screen();
			expect(cut.split('\n').find((line) => line.includes('Ctrl+E full text'))).toMatch(/… \(Ctrl\+E full text\)\s*$/);

			terminal.press(ctrlE);
			await terminal.waitFor('the message in full', (screen) => screen.includes('The message in full'), stepMs);
			// Wrapped over lines: the whole message, to its last words.
			const squeezed = (text: string) => text.replace(/\s+/g, '');
			expect(squeezed(terminal.screen())).toContain(squeezed('✖ Could not reach JumpCloud: the connection failed or was dropped. Check the network and the API URL. (GET /api/organizations)'));
			expect(terminal.screen()).toContain('Esc close');

			terminal.press(keys.escape);
			await terminal.waitFor('the screen underneath again', (screen) => !screen.includes('The message in full'), stepMs);
			expect(terminal.screen()).toContain('(Ctrl+E full text)');
			expect(terminal.screen().split('\n')[0]).toContain('Connect');
		},
		4 * stepMs,
	);
});
