import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {useTempFolders} from '../support/temp-dir.js';
import {disposeAll, keys, startTerminal, type PtyTerminal} from './pty-terminal.js';

// After a resize, the screen must be exactly what a wizard started at the new size draws: the
// same text on every line, in the same colours. Each screen is compared with a fresh start at each
// size, walked to the same place. Nothing is timed: every wait is for the screen to become
// something, and the timeout only says when to give up and show it.

const sample = 'fixtures/sample-users.csv';
const stepMs = 30_000;
const testMs = 240_000;

let sandbox: Sandbox;
let env: Record<string, string>;
// Registered before the afterEach below, so it runs after it (hooks run as a stack): folders go once the terminals are gone.
const tempDir = useTempFolders('jc-e2e-resize-');

// One sandbox for every child: the target on each screen's first line is the same for all of them.
beforeAll(async () => {
	sandbox = await startSandbox({seed: 7});
	env = {JC_API_URL: sandbox.url, JC_API_KEY: sandbox.apiKey};
});

afterAll(async () => {
	await sandbox.close();
});

afterEach(() => {
	disposeAll();
});

type Size = {columns: number; rows: number};

/** A wizard on the sample file, with a home of its own (no remembered mapping from another child). */
function start(size: Size): PtyTerminal {
	const home = tempDir();
	return startTerminal({args: [sample], env: {...env, JC_IMPORT_HOME: home}, ...size});
}

/** A screen the wizard can be walked to: how to get there, and what says it is drawn whole. */
type Place = {name: string; walk(terminal: PtyTerminal): Promise<void>; drawn(screen: string): boolean};

const tooSmall = (screen: string) => screen.includes('Terminal too small');

const mapping: Place = {
	name: 'Map columns',
	async walk(terminal) {
		await terminal.waitFor('Map columns drawn', (screen) => screen.startsWith(' Map columns') && !screen.includes('Connecting'), stepMs);
	},
	drawn: (screen) => tooSmall(screen) || (screen.startsWith(' Map columns') && screen.includes('Every required attribute has a column')),
};

const defaults: Place = {
	name: 'Defaults for every user',
	async walk(terminal) {
		await mapping.walk(terminal);
		terminal.press('c');
		await terminal.waitFor('Defaults drawn', (screen) => screen.startsWith(' Defaults for every user'), stepMs);
	},
	drawn: (screen) => tooSmall(screen) || (screen.startsWith(' Defaults for every user') && /MFA is not\s+required/.test(screen)),
};

/** What a wizard started at this size draws on this screen: its styled screen, once it is whole. */
const fresh = new Map<string, string>();
async function freshScreen(place: Place, size: Size): Promise<string> {
	const key = `${place.name} ${size.columns}x${size.rows}`;
	const known = fresh.get(key);
	if (known !== undefined) return known;
	const terminal = start(size);
	try {
		// Below the minimum size every screen is the same one sentence: a fresh start shows it at once.
		if (size.columns >= 60 && size.rows >= 15) await place.walk(terminal);
		await terminal.waitFor(`${key} drawn whole`, place.drawn, stepMs);
		const screen = terminal.styledScreen();
		fresh.set(key, screen);
		return screen;
	} finally {
		terminal.dispose();
	}
}

/** Resizes, then waits for the screen to become, cell for cell, what a fresh start at that size draws. */
async function resizeAndCompare(terminal: PtyTerminal, place: Place, size: Size): Promise<void> {
	const expected = await freshScreen(place, size);
	terminal.resize(size.columns, size.rows);
	try {
		await terminal.waitFor(`${place.name} at ${size.columns}×${size.rows} as a fresh start draws it`, () => terminal.styledScreen() === expected, stepMs);
	} catch (error) {
		// Show which lines differ, as text, beside the timeout's screen.
		expect(terminal.styledScreen().split('\n')).toEqual(expected.split('\n'));
		throw error;
	}
	expect(terminal.styledScreen()).toBe(expected);
}

describe('resizing the wizard', () => {
	for (const place of [mapping, defaults]) {
		it(
			`${place.name}: 80×24, 60×15, 100×30, too small, 80×24 each equal a fresh start at that size`,
			async () => {
				const terminal = start({columns: 80, rows: 24});
				await place.walk(terminal);
				await terminal.waitFor(`${place.name} drawn whole`, place.drawn, stepMs);
				expect(terminal.styledScreen()).toBe(await freshScreen(place, {columns: 80, rows: 24}));
				for (const size of [
					{columns: 60, rows: 15},
					{columns: 100, rows: 30},
					{columns: 50, rows: 12},
					{columns: 80, rows: 24},
				]) {
					await resizeAndCompare(terminal, place, size);
				}
			},
			testMs,
		);
	}

	it(
		'a resize while frames are coming fast (keys held down) still ends on the fresh screen',
		async () => {
			const terminal = start({columns: 80, rows: 24});
			await mapping.walk(terminal);
			// Down, up, down, up…: many frames, some still pending when the size changes.
			terminal.press(`${keys.down}${keys.up}`.repeat(10));
			await resizeAndCompare(terminal, mapping, {columns: 60, rows: 15});
			terminal.press(`${keys.down}${keys.up}`.repeat(10));
			await resizeAndCompare(terminal, mapping, {columns: 100, rows: 30});
		},
		testMs,
	);
});

describe('Ctrl+L', () => {
	it(
		'repaints a screen something else wrote over',
		async () => {
			const terminal = start({columns: 80, rows: 24});
			await defaults.walk(terminal);
			await terminal.waitFor('Defaults drawn whole', defaults.drawn, stepMs);
			const clean = terminal.styledScreen();
			// What a `wall` message or a background job leaves: text over the frame, a cleared line, a colour left on.
			await terminal.scribble('\u001b[5;10HBroadcast message from root\u001b[9;1H\u001b[2K\u001b[31m\u001b[20;3Hstray');
			expect(terminal.styledScreen()).not.toBe(clean);
			terminal.press('\u000c');
			await terminal.waitFor('the screen repainted', () => terminal.styledScreen() === clean, stepMs);
			// The wizard is where it was: the next key still works on Defaults.
			terminal.press(keys.down);
			await terminal.waitFor('the cursor on Require MFA', (screen) => /[❯>] Require MFA/.test(screen), stepMs);
		},
		testMs,
	);
});
