import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {type PtyTerminal, startTerminal, useOwnSandboxes, startImportWithDefaults} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-progress-');

// The progress screen in a real pty at 80x24: the built CLI against a sandbox the test owns, slow
// enough that the import is watched while it runs. Nothing is timed: every wait is for the screen
// to become something (the elapsed clock included), with a timeout that only says when to give up.

const stepMs = 30_000;
const importMs = 180_000;

const ownSandbox = useOwnSandboxes();

const number = (screen: string, pattern: RegExp) => Number((pattern.exec(screen)?.[1] ?? 'NaN').replaceAll(',', ''));
const created = (screen: string) => number(screen, /✔ ([\d,]+) created/);
/** The elapsed clock in seconds (`elapsed 1m05s` or `elapsed 12s`). */
function elapsed(screen: string): number {
	const match = /elapsed (?:(\d+)m)?(\d+)s/.exec(screen);
	return match ? Number(match[1] ?? 0) * 60 + Number(match[2]) : Number.NaN;
}
/** Rate and ETA as drawn: `12.3 users/s   ETA 40s`. */
const rateAndEta = (screen: string) => /[\d.–]+ users\/s {3}ETA \S+/.exec(screen)?.[0];

async function later(terminal: PtyTerminal, seconds: number): Promise<string> {
	const from = elapsed(terminal.screen());
	await terminal.waitFor(`the clock ${seconds}s on`, (screen) => elapsed(screen) >= from + seconds, stepMs);
	return terminal.screen();
}

describe('the progress screen, in a real terminal', () => {
	it(
		'created and the memberships are counted apart; Latest fills its height and says how many are kept; pausing holds rate and ETA still',
		async () => {
			const sandbox = await ownSandbox({seed: 51, latencyMs: 150});
			const file = path.join(tempFolder(), 'users.csv');
			writeFileSync(file, `${['First Name,Last Name,Email,Group', ...Array.from({length: 400}, (_, i) => `Gen${i},User${i},gen${i}@progress.example.com,Engineering`)].join('\n')}\n`);
			const terminal = startTerminal({args: [file], env: {JC_API_URL: sandbox.url, JC_API_KEY: sandbox.apiKey, JC_IMPORT_HOME: tempFolder(), CI: 'false'}});
			await startImportWithDefaults(terminal, stepMs);
			await terminal.waitFor('60 created', (screen) => created(screen) >= 60, importMs);

			const running = terminal.screen();
			// A user counts once JumpCloud created it; its group membership is a count of its own.
			expect(running).toMatch(/after create: [\d,]+ group memberships?/);
			// Latest: as many rows as its height holds, and how many of those kept it shows.
			const latest = /latest (\d+) of (\d+) kept/.exec(running);
			expect(latest).not.toBeNull();
			const lines = running.split('\n');
			const header = lines.findIndex((line) => /^ +Row +Username +Result/.test(line));
			const rows = lines.slice(header + 1).filter((line) => /^ ✔ +\d+ +gen\d+ +created/.test(line)).length;
			expect(rows).toBe(Number(latest![1]));
			expect(rows).toBeGreaterThanOrEqual(8);
			expect(Number(latest![1])).toBeLessThan(Number(latest![2]));
			// The lines below the list are all blank: nothing cut off, no room left unused.
			const position = lines.findIndex((line) => line.includes('kept'));
			expect(lines.slice(position + 1, -2).every((line) => line.trim() === '')).toBe(true);

			terminal.press('p');
			await terminal.waitForText('PAUSED (p resumes)', stepMs);
			// The requests in flight settle; then the clock goes on and rate, ETA and counts hold still.
			const settled = await later(terminal, 2);
			const held = await later(terminal, 3);
			expect(rateAndEta(held)).toBeDefined();
			expect(rateAndEta(held)).toBe(rateAndEta(settled));
			expect(created(held)).toBe(created(settled));

			terminal.press('p');
			await terminal.waitFor('running again', (screen) => screen.includes('✔ running') && created(screen) > created(held), importMs);
		},
		300_000,
	);
});
