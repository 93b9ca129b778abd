import {afterEach, describe, expect, it} from 'vitest';
import {disposeAll, startTerminal} from './pty-terminal.js';

afterEach(disposeAll);

const beginUpdate = '\u001b[?2026h';
const endUpdate = '\u001b[?2026l';

describe('the pty terminal of the end-to-end tests', () => {
	it('waits see a synchronized update only once it is whole, as a terminal shows it', async () => {
		// A child that draws nothing: the screen is what the test writes on it.
		const terminal = startTerminal({command: [process.execPath, '-e', 'setTimeout(() => {}, 30_000)']});
		await terminal.scribble(`${beginUpdate}\u001b[1;1Htitle of the new frame`);
		await expect(terminal.waitForText('title of the new frame', 300)).rejects.toThrow(/did not appear .*in the middle of an update/);
		await expect(terminal.waitFor('the title', (screen) => screen.startsWith('title'), 300)).rejects.toThrow(/not so/);

		await terminal.scribble(`\u001b[2;1Hits hints${endUpdate}`);
		await terminal.waitForText('title of the new frame', 300);
		await terminal.waitFor('the frame whole', (screen) => screen.startsWith('title of the new frame\nits hints'), 300);
	});
});
