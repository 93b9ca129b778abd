import {EventEmitter} from 'node:events';
import type {ReactElement} from 'react';
import {render, type Instance} from 'ink';
import stripAnsi from 'strip-ansi';

/**
 * Component test renderer, modelled on ink-testing-library 4 and Shopify cli-kit's helpers, with a
 * terminal size (ink-testing-library has no rows and fixes columns at 100), resize and key helpers.
 *
 * CI: Ink reads CI at import (is-in-ci). With CI set it ignores stdout 'resize' and, on unmount,
 * writes a lone '\n'. Rendering with debug: true writes every frame either way, components that use
 * useTerminalSize re-render on resize themselves, and writes during unmount are not recorded, so
 * tests behave the same with or without CI.
 *
 * Colour: chalk decides its level when Ink is first imported; to assert on colours, set FORCE_COLOR
 * in vi.hoisted() before the imports (vitest workers have no TTY, so chalk would be off).
 */

export {keys} from '../support/keys.js';

class FakeStdout extends EventEmitter {
	isTTY = true;
	rawFrames: string[] = [];
	frames: string[] = [];
	recording = true;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}

	write = (chunk: string): boolean => {
		if (this.recording) {
			this.rawFrames.push(chunk);
			this.frames.push(stripAnsi(chunk));
		}
		return true;
	};
}

class FakeStdin extends EventEmitter {
	isTTY = true;
	private readonly queue: string[] = [];
	write = (data: string): void => {
		this.queue.push(data);
		this.emit('readable'); // Ink 6.8 reads through 'readable' + read()
		this.emit('data', data);
	};

	read = (): string | null => this.queue.shift() ?? null;
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

const delay = async (ms: number) =>
	new Promise<void>(resolve => {
		setTimeout(resolve, ms);
	});

/** Lets React 19 flush effects (useInput re-subscribes with fresh closures) before the next input. */
const settle = async () => {
	await new Promise<void>(resolve => {
		setImmediate(resolve);
	});
	await delay(0);
};

export type Tui = {
	/** The last frame, without ANSI codes. */
	lastFrame(): string;
	/** The last frame as written, with ANSI codes (for colour checks). */
	lastRawFrame(): string;
	/** Every frame, without ANSI codes. */
	frames: string[];
	rawFrames: string[];
	press(input: string): Promise<void>;
	type(text: string): Promise<void>;
	resize(columns: number, rows: number): Promise<void>;
	waitFor(expected: string | ((frame: string) => boolean), timeoutMs?: number): Promise<void>;
	rerender(element: ReactElement): void;
	unmount(): void;
	stdin: FakeStdin;
	stdout: FakeStdout;
};

const mounted = new Set<() => void>();

/** Unmounts every renderTui still mounted; call from afterEach. */
export function cleanupTui(): void {
	for (const unmount of mounted) unmount();
}

export function renderTui(element: ReactElement, {columns = 80, rows = 24}: {columns?: number; rows?: number} = {}): Tui {
	const stdout = new FakeStdout(columns, rows);
	const stderr = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const instance: Instance = render(element, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true, // every commit is written at once: no throttling, no log-update diffing
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const lastFrame = () => stdout.frames.at(-1) ?? '';

	/** After an input: wait for the frame to change (or ~100 ms if the input changes nothing), then settle. */
	const afterInput = async (before: string) => {
		for (let waited = 0; waited < 100 && lastFrame() === before; waited += 5) await delay(5);
		await settle();
	};

	const unmount = () => {
		if (!mounted.delete(unmount)) return;
		stdout.recording = false; // under CI Ink writes a lone '\n' on unmount
		instance.unmount();
		instance.cleanup();
	};
	mounted.add(unmount);

	return {
		lastFrame,
		lastRawFrame: () => stdout.rawFrames.at(-1) ?? '',
		frames: stdout.frames,
		rawFrames: stdout.rawFrames,
		async press(input) {
			const before = lastFrame();
			stdin.write(input);
			await afterInput(before);
		},
		async type(text) {
			// One key at a time, like a person typing; paste arrives as one chunk: use press for that.
			for (const character of text) await this.press(character);
		},
		async resize(newColumns, newRows) {
			const before = lastFrame();
			stdout.columns = newColumns;
			stdout.rows = newRows;
			stdout.emit('resize');
			await afterInput(before);
		},
		async waitFor(expected, timeoutMs = 2000) {
			const matches = typeof expected === 'string' ? (frame: string) => frame.includes(expected) : expected;
			const deadline = Date.now() + timeoutMs;
			while (!matches(lastFrame())) {
				if (Date.now() > deadline) throw new Error(`waitFor timed out after ${timeoutMs} ms; last frame:\n${lastFrame()}`);
				await delay(10);
			}
			await settle();
		},
		rerender: instance.rerender,
		unmount,
		stdin,
		stdout,
	};
}
