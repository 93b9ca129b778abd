import {describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {keys, startTerminal, useOwnSandboxes} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-startup-');

// A wizard given its connection and its file starts by itself: keys typed before the first screen
// that takes them is up are held and applied there, not lost, not typed into a passing screen.

const stepMs = 30_000;
const testMs = 120_000;
const ownSandbox = useOwnSandboxes();

describe('starting by itself', () => {
	it(
		'keys typed while it connects reach Map columns and the screen after it, in order',
		async () => {
			// A slow directory: the start takes seconds, long enough to type into it for sure.
			const sandbox = await ownSandbox({seed: 3, latencyMs: 700});
			const home = tempFolder();
			const terminal = startTerminal({args: ['fixtures/sample-users.csv'], env: {JC_API_URL: sandbox.url, JC_API_KEY: sandbox.apiKey, JC_IMPORT_HOME: home}});
			await terminal.waitForText('Connecting', stepMs);
			// c on Map columns (continue), then ↓ on Defaults: typed before either is drawn.
			terminal.press('c');
			terminal.press(keys.down);
			expect(terminal.screen()).not.toContain('Map columns');
			await terminal.waitFor('Defaults with the cursor on its second line', (screen) => screen.startsWith(' Defaults for every user') && /[❯>] Require MFA/.test(screen), stepMs);
		},
		testMs,
	);

	it(
		'shows one Starting screen until Map columns, never Connect or the file picker flashing by',
		async () => {
			const sandbox = await ownSandbox({seed: 4, latencyMs: 300});
			const home = tempFolder();
			const terminal = startTerminal({args: ['fixtures/sample-users.csv'], env: {JC_API_URL: sandbox.url, JC_API_KEY: sandbox.apiKey, JC_IMPORT_HOME: home}});
			const titles = new Set<string>();
			// Every screen drawn on the way, by its title (the first word or two of the first line).
			await terminal.waitFor(
				'Map columns',
				(screen) => {
					const title = /^ (\S+(?: \S+){0,2})/.exec(screen)?.[1];
					if (title) titles.add(title);
					return screen.startsWith(' Map columns');
				},
				stepMs,
			);
			expect([...titles].filter((title) => !title.startsWith('Starting') && !title.startsWith('Map columns'))).toEqual([]);
			expect([...titles].some((title) => title.startsWith('Starting'))).toBe(true);
		},
		testMs,
	);
});
