import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {spawn, type IPty} from '@lydell/node-pty';
// A CommonJS bundle whose named exports Node cannot detect: take the class off the default export.
import xtermHeadless from '@xterm/headless';
import {cliPath} from '../support/run-cli.js';
import {afterEach} from 'vitest';
import {startSandbox, type Sandbox, type SandboxOptions} from '../../source/sandbox/index.js';

const {Terminal} = xtermHeadless;
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export {keys} from '../support/keys.js';

export type TerminalOptions = {
	/** Arguments after `node dist/bin/jc-import.js`. */
	args?: string[];
	/** Runs this argv instead of `node dist/bin/jc-import.js …args` (e.g. `sh -c` to redirect a stream). */
	command?: [file: string, ...args: string[]];
	/** Added to a minimal environment; undefined values are left out. */
	env?: Record<string, string | undefined>;
	cwd?: string;
	columns?: number;
	rows?: number;
};

export type PtyTerminal = {
	screen(): string;
	line(index: number): string;
	/** The screen with lines the terminal wrapped joined again: text printed wider than the terminal, whole. */
	text(): string;
	/** Waits until the text is on screen, looking only between updates (see `waitFor`). */
	waitForText(text: string | RegExp, timeoutMs?: number): Promise<void>;
	/**
	 * Waits until `check(screen)` holds, looking only between synchronized updates (never at a frame
	 * half drawn); rejects, showing the screen, on timeout or once the child is gone.
	 */
	waitFor(what: string, check: (screen: string) => boolean, timeoutMs?: number): Promise<void>;
	/** The exit code (null when a signal ended it); rejects, showing the screen, on timeout. */
	waitForExit(timeoutMs?: number): Promise<number | null>;
	press(keys: string): void;
	type(text: string): Promise<void>;
	resize(columns: number, rows: number): void;
	bytesWritten(): number;
	raw(): string;
	isAlternateScreen(): boolean;
	/** Every window title the output set (OSC 0/2), in order: a program drawing CSV text sets none. */
	titles(): string[];
	/**
	 * The foreground of each character of `text` where it first appears on screen: 'default', or the
	 * colour (palette index or RGB); undefined when the text is not on screen.
	 */
	foregroundOf(text: string): string[] | undefined;
	/**
	 * The screen with every cell's looks: each line's text, with `{…}` wherever the colours or
	 * attributes change. Two screens equal in this form look the same to a person, cell for cell.
	 */
	styledScreen(): string;
	/**
	 * Draws `data` on the emulated screen as if something else wrote to the terminal (a `wall`
	 * message, a background job): the wizard does not know, as it would not over a real tty.
	 */
	scribble(data: string): Promise<void>;
	kill(signal?: string): void;
	dispose(): void;
};

const live = new Set<PtyTerminal>();

/** For `afterEach(disposeAll)`: no child outlives its test, whatever the test did. */
export function disposeAll(): void {
	for (const terminal of live) terminal.dispose();
}

/** From Map columns to a running import, every default taken: c, c, c (Preview), y. */
export async function startImportWithDefaults(terminal: PtyTerminal, stepMs: number): Promise<void> {
	for (const [screen, key] of [
		['Map columns', 'c'],
		['Defaults for every user', 'c'],
		[' to create ', 'c'],
		['Press y to start', 'y'],
	] as const) {
		await terminal.waitForText(screen, stepMs);
		terminal.press(key);
	}
}

/**
 * Sandboxes a pty test starts for itself, closed after each test once its terminals are gone (a
 * wizard whose sandbox closed first would draw errors while it is torn down).
 */
export function useOwnSandboxes(): (options?: SandboxOptions) => Promise<Sandbox> {
	const open: Sandbox[] = [];
	afterEach(async () => {
		disposeAll();
		await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
	});
	return async (options = {}) => {
		const sandbox = await startSandbox(options);
		open.push(sandbox);
		return sandbox;
	};
}

/** The built CLI in a real pty, its output drawn by a headless xterm: the screen a user would see. */
export function startTerminal(options: TerminalOptions = {}): PtyTerminal {
	const columns = options.columns ?? 80;
	const rows = options.rows ?? 24;
	// Fixed, minimal environment: the parent's CI=true (as in CI) must not reach the child, or the
	// wizard refuses to start. CI=false would do (the wizard takes it as unset, colour included);
	// leaving it out is what a user's terminal has. FORCE_COLOR stays unset unless a test gives it.
	const env: Record<string, string> = {LANG: 'C.UTF-8', TZ: 'UTC'};
	for (const [name, value] of Object.entries({PATH: process.env.PATH, HOME: process.env.HOME, ...options.env})) {
		if (value !== undefined) env[name] = value;
	}
	const [file, ...args] = options.command ?? [process.execPath, cliPath, ...(options.args ?? [])];
	// node-pty sets TERM from `name`, overriding env.TERM: so a given TERM is the name.
	const pty: IPty = spawn(file, args, {name: env.TERM ?? 'xterm-256color', cols: columns, rows, cwd: options.cwd ?? repoRoot, env});
	const term = new Terminal({cols: columns, rows, allowProposedApi: true});

	let raw = '';
	let bytes = 0;
	let pending = 0;
	let exit: {code: number | null} | undefined;
	let disposed = false;
	const titles: string[] = [];
	term.onTitleChange((title) => titles.push(title));
	pty.onData((data) => {
		if (disposed) return;
		raw += data;
		bytes += Buffer.byteLength(data);
		pending++;
		term.write(data, () => pending--);
	});
	pty.onExit(({exitCode, signal}) => {
		exit = {code: signal ? null : exitCode};
	});

	const screen = () => {
		const buffer = term.buffer.active;
		const lines: string[] = [];
		for (let i = 0; i < term.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
		return lines.join('\n');
	};
	const text = () => {
		const buffer = term.buffer.active;
		const lines: string[] = [];
		for (let i = 0; i < term.rows; i++) {
			const line = buffer.getLine(buffer.viewportY + i);
			const content = line?.translateToString(true) ?? '';
			if (line?.isWrapped && lines.length > 0) lines[lines.length - 1] = lines.at(-1)!.padEnd(term.cols) + content;
			else lines.push(content);
		}
		return lines.join('\n');
	};
	const foregroundOf = (wanted: string): string[] | undefined => {
		const buffer = term.buffer.active;
		for (let y = 0; y < term.rows; y++) {
			const line = buffer.getLine(buffer.viewportY + y);
			if (!line) continue;
			// The line's text with, for each UTF-16 unit, the cell it came from (wide characters take two cells).
			let content = '';
			const cellOf: number[] = [];
			for (let x = 0; x < term.cols; x++) {
				const cell = line.getCell(x);
				// The second cell of a wide character has width 0 and no text of its own.
				if (!cell || cell.getWidth() === 0) continue;
				const chars = cell.getChars() || ' ';
				content += chars;
				for (let unit = 0; unit < chars.length; unit++) cellOf.push(x);
			}
			const at = content.indexOf(wanted);
			if (at < 0) continue;
			return Array.from({length: wanted.length}, (_, n) => {
				const cell = line.getCell(cellOf[at + n]!);
				if (!cell || cell.isFgDefault()) return 'default';
				return cell.isFgRGB() ? `rgb:${cell.getFgColor().toString(16)}` : `palette:${cell.getFgColor()}`;
			});
		}
		return undefined;
	};
	const styledScreen = () => {
		const buffer = term.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < term.rows; y++) {
			const line = buffer.getLine(buffer.viewportY + y);
			let text = '';
			let looks = '';
			let blanks = '';
			for (let x = 0; x < term.cols; x++) {
				const cell = line?.getCell(x);
				if (!cell || cell.getWidth() === 0) continue;
				const fg = cell.isFgDefault() ? '' : `fg${cell.getFgColorMode()}:${cell.getFgColor()}`;
				const bg = cell.isBgDefault() ? '' : `bg${cell.getBgColorMode()}:${cell.getBgColor()}`;
				const flags = [cell.isBold() && 'bold', cell.isDim() && 'dim', cell.isItalic() && 'italic', cell.isUnderline() && 'underline', cell.isInverse() && 'inverse'].filter(Boolean);
				const cellLooks = [fg, bg, ...flags].filter(Boolean).join(',');
				const chars = cell.getChars() || ' ';
				// Trailing blanks in default looks are no different from an empty line.
				if (chars === ' ' && cellLooks === '') {
					blanks += ' ';
					continue;
				}
				text += blanks;
				blanks = '';
				if (cellLooks !== looks) {
					text += `{${cellLooks}}`;
					looks = cellLooks;
				}
				text += chars;
			}
			lines.push(text);
		}
		return lines.join('\n');
	};
	// What a terminal that honours synchronized output (DEC mode 2026) shows: only whole updates. The
	// wizard writes each update inside one, but a pty read, or xterm's time-sliced parse, can stop
	// in the middle of it with the frame half drawn. Waits look at the screen only between updates.
	const betweenUpdates = () => !term.modes.synchronizedOutputMode;
	const status = () => (exit ? `exited with ${exit.code}` : 'still running') + (betweenUpdates() ? '' : ', in the middle of an update');
	const describe = (what: string) => `${what} (${status()}); the screen:\n${screen()}`;

	const terminal: PtyTerminal = {
		screen,
		text,
		line: (index) => screen().split('\n')[index] ?? '',
		async waitForText(text, timeoutMs = 15_000) {
			const found = () => betweenUpdates() && (typeof text === 'string' ? screen().includes(text) : text.test(screen()));
			const deadline = Date.now() + timeoutMs;
			let exitedAt: number | undefined;
			while (!found()) {
				// Once the child is gone and its last bytes are drawn, waiting longer cannot help.
				if (exit && pending === 0) exitedAt ??= Date.now();
				if (Date.now() > deadline || (exitedAt !== undefined && Date.now() - exitedAt > 250)) {
					throw new Error(describe(`${String(text)} did not appear within ${timeoutMs} ms`));
				}
				await sleep(25);
			}
		},
		async waitFor(what, check, timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			let exitedAt: number | undefined;
			while (!(betweenUpdates() && check(screen()))) {
				if (exit && pending === 0) exitedAt ??= Date.now();
				if (Date.now() > deadline || (exitedAt !== undefined && Date.now() - exitedAt > 250)) {
					throw new Error(describe(`${what}: not so within ${timeoutMs} ms`));
				}
				await sleep(25);
			}
		},
		async waitForExit(timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			// Also wait for xterm to draw what arrived, so screen() afterwards is complete.
			while (!exit || pending > 0) {
				if (Date.now() > deadline) throw new Error(describe(`no exit within ${timeoutMs} ms`));
				await sleep(25);
			}
			return exit.code;
		},
		press: (input) => pty.write(input),
		async type(text) {
			// One character at a time, as a person types: handlers must not rely on chunks.
			for (const char of text) {
				pty.write(char);
				await sleep(10);
			}
		},
		resize(newColumns, newRows) {
			pty.resize(newColumns, newRows);
			term.resize(newColumns, newRows);
		},
		bytesWritten: () => bytes,
		raw: () => raw,
		isAlternateScreen: () => term.buffer.active.type === 'alternate',
		titles: () => [...titles],
		foregroundOf,
		styledScreen,
		scribble: (data) => new Promise<void>((resolve) => term.write(data, resolve)),
		kill(signal) {
			if (!exit) pty.kill(signal);
		},
		dispose() {
			if (!live.delete(terminal)) return;
			disposed = true;
			if (!exit) pty.kill('SIGKILL');
			term.dispose();
		},
	};
	live.add(terminal);
	return terminal;
}
