// First: settles CI and colour in the environment before Ink and chalk load and read it.
import './terminal/settle-environment.js';
import {render, useInput} from 'ink';
import type {CommandContext} from '../commands/command.js';
import {unfinishedImports} from '../importer/unfinished-imports.js';
import {exitCodes} from '../lib/exit-codes.js';
import {sanitize} from '../lib/sanitize.js';
import type {Settings} from '../lib/settings.js';
import {App, type AppControls} from './App.js';
import {keyName, repaint} from './keymap.js';
import {ThemeContext} from './hooks/use-theme.js';
import {splitKeys} from './state/text-entry.js';
import {initialState} from './state/wizard-reducer.js';
import type {Unfinished} from './state/wizard-state.js';
import {asciiFold, createTheme, wantsAscii, wantsColor} from './theme.js';
import {frameStdout, ScreenWriter} from './terminal/screen-writer.js';
import {WizardTaskRunner} from './wizard-tasks.js';

export type WizardArgs = {file: string | undefined; settings: Settings; ascii: boolean; connectionGiven: boolean};

const enterAlternateScreen = '\u001b[?1049h\u001b[H';
const leaveAlternateScreen = '\u001b[?1049l';
const showCursor = '\u001b[?25h';
const hideCursor = '\u001b[?25l';
/** Frames drawn per second at most: enough to feel live, little enough for a slow SSH link. */
const maxFps = 15;

/**
 * Runs the wizard on the alternate screen and always gives the normal screen back, whatever ends
 * it (a choice, Ctrl+C, a signal, an exception); then prints what happened and what to type next
 * where it stays, in the scrollback.
 */
export async function runWizard(args: WizardArgs, context: CommandContext): Promise<number> {
	const {stdout, stdin, env} = context;
	const theme = createTheme({ascii: wantsAscii(env, args.ascii), color: wantsColor(env)});
	const tasks = new WizardTaskRunner(args.settings.home, env);
	const connection = args.settings.connection;
	const initial = initialState({
		cwd: process.cwd(),
		file: args.file,
		connection: {
			given: args.connectionGiven,
			envKey: Boolean(env.JC_API_KEY?.trim()),
			mode: connection.kind,
			// The default URL is the US region, shown as such; a URL given somewhere is shown with where.
			baseUrl: connection.kind === 'jumpcloud' && connection.region === undefined && connection.baseUrlFrom ? connection.baseUrl : undefined,
			...(connection.kind === 'jumpcloud' && connection.baseUrlFrom ? {baseUrlFrom: connection.baseUrlFrom} : {}),
			orgId: connection.kind === 'jumpcloud' ? connection.orgId : undefined,
			region: connection.kind === 'jumpcloud' && connection.region ? connection.region : 'us',
		},
		unfinished: unfinishedOffers(args.settings.home.imports),
	});
	const controls: AppControls = {dispatch: undefined, exitCode: 0};
	const writer = new ScreenWriter(stdout, maxFps, theme.ascii ? asciiFold : undefined);

	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		writer.flush();
		stdout.write(showCursor + leaveAlternateScreen);
	};
	const onSignal = () => controls.dispatch?.({type: 'signal'});
	const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
	const onCrash = (error: unknown) => {
		restore();
		const id = tasks.currentImportId;
		context.stderr.write(`jc-import: unexpected error: ${sanitizeLines(String((error as Error)?.stack ?? error))}\n${id ? `  The journal is intact: jc-import resume ${id}\n` : ''}`);
		process.exit(1);
	};
	let failure: unknown;
	stdout.write(enterAlternateScreen + hideCursor);
	// Raw before the first frame: Ink turns it on only after drawing, and a key pressed in between was echoed and lost.
	if (stdin.isTTY) stdin.setRawMode(true);
	// A dropped SSH session makes reads fail too (EIO): the signal handler stops the import, not a crash.
	stdin.on('error', () => {});
	process.on('exit', restore);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	for (const name of signals) process.on(name, onSignal);
	try {
		const instance = render(
			<ThemeContext.Provider value={theme}>
				<RepaintKey writer={writer} />
				<App initial={initial} tasks={tasks} controls={controls} />
			</ThemeContext.Provider>,
			// debug: Ink hands over whole frames and the screen writer draws only what changed.
			{stdout: frameStdout(stdout, writer), stdin, exitOnCtrlC: false, patchConsole: false, debug: true},
		);
		await instance.waitUntilExit();
	} catch (error) {
		// A screen that threw: the import (if any) still stops cleanly and the summary is printed.
		failure = error;
	} finally {
		await tasks.close();
		for (const name of signals) process.off(name, onSignal);
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		restore();
		process.off('exit', restore);
	}
	const farewell = tasks.farewell.length > 0 ? tasks.farewell : [controls.exitCode === exitCodes.interrupted ? 'jc-import: left the wizard; nothing was created.' : 'jc-import: nothing was created.'];
	// Paths come from the file system and the CSV's name: sanitized like everything drawn.
	stdout.write(`${farewell.map(sanitize).join('\n')}\n`);
	if (failure !== undefined) throw failure;
	return controls.exitCode;
}

/**
 * Ctrl+L, on any screen: the whole screen drawn again from what should be on it. The terminal's
 * business, not the wizard's (the reducer leaves its state as it is), so it is handled here.
 */
function RepaintKey({writer}: {writer: ScreenWriter}) {
	useInput((input, key) => {
		// Keys that came in one read (a slow link) are looked at one by one, as the reducer does.
		if (splitKeys(input, key).some((one) => repaint.keys.includes(keyName(one.input, one.key) ?? ''))) writer.repaint();
	});
	return null;
}

function sanitizeLines(text: string): string {
	return text.split('\n').map(sanitize).join('\n');
}

/** Imports that stopped before their end, newest first: offered for resume at start. */
function unfinishedOffers(importsDir: string): Unfinished[] {
	// A sandbox import ended with the process that ran it: there is nothing left to resume.
	// An unreadable import folder is listed by `jc-import imports`; it is not offered here.
	const found = unfinishedImports(importsDir, {skipSandbox: true, passOver: () => true});
	return [...found].map(({id, manifest, progress}) => {
		let created = 0;
		let failed = 0;
		for (const row of progress.rows.values()) {
			if (row.userId) created++;
			else if (row.failed) failed++;
		}
		const left = manifest.creates === undefined ? undefined : Math.max(0, manifest.creates - created - failed);
		return {id, file: manifest.csv.path, createdAt: manifest.createdAt, target: manifest.target.baseUrl, organization: manifest.target.organization?.name ?? manifest.target.organization?.id, done: created, failed, left};
	});
}
