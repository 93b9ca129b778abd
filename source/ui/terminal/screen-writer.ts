import {EventEmitter} from 'node:events';

const beginSynchronized = '\u001b[?2026h';
const endSynchronized = '\u001b[?2026l';
const clearLine = '\u001b[K';
const clearScreen = '\u001b[2J';
const moveTo = (row: number) => `\u001b[${row};1H`;

/**
 * Puts Ink's frames on the alternate screen, rewriting only the lines that changed, at absolute
 * positions, at most `maxFps` times a second, each update in one synchronized write.
 *
 * Why not Ink's own renderer: in 6.8 its incremental mode starts one line too low whenever the frame
 * is shorter than the terminal (the trailing newline is not counted), leaving stale lines behind,
 * and a frame as tall as the terminal makes it clear the whole screen on every update. Ink runs in
 * debug mode here (it writes each whole frame) and this writer does the diffing.
 */
export class ScreenWriter {
	private shown: string[] = [];
	private pending: string | undefined;
	private timer: NodeJS.Timeout | undefined;
	private lastFlush = 0;
	private readonly intervalMs: number;
	bytes = 0;

	constructor(
		private readonly out: NodeJS.WritableStream,
		maxFps = 15,
		/** Applied to every frame before it is compared and drawn (ASCII mode folds typography). */
		private readonly transform: (text: string) => string = (text) => text,
	) {
		this.intervalMs = 1000 / maxFps;
	}

	/** A whole frame from Ink: drawn now, or at the next slot when frames come faster than the cap. */
	frame(text: string): void {
		this.pending = text;
		if (this.timer) return;
		const wait = this.lastFlush + this.intervalMs - Date.now();
		if (wait <= 0) this.flush();
		else this.timer = setTimeout(() => this.flush(), wait);
	}

	/** Draws what is pending now (also on the way out, so the last frame is never lost). */
	flush(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		const text = this.pending;
		this.pending = undefined;
		if (text === undefined) return;
		this.lastFlush = Date.now();
		const lines = this.transform(text).split('\n');
		if (lines.at(-1) === '') lines.pop();
		let update = '';
		const count = Math.max(lines.length, this.shown.length);
		for (let index = 0; index < count; index++) {
			const line = lines[index] ?? '';
			if (line === (this.shown[index] ?? '')) continue;
			update += moveTo(index + 1) + line + clearLine;
		}
		this.shown = lines;
		if (update) this.write(beginSynchronized + update + endSynchronized);
	}

	/** After a resize everything moved: clear, and the next frame is drawn whole. */
	invalidate(): void {
		this.shown = [];
		this.write(clearScreen);
	}

	/** Anything that is not a frame (a mode switch Ink sends) goes straight through. */
	write(text: string): void {
		this.bytes += Buffer.byteLength(text);
		this.out.write(text);
	}
}

/**
 * The stdout Ink is given: reports the real terminal's size and resizes, and hands every frame to
 * the writer instead of the terminal.
 */
export function frameStdout(real: NodeJS.WriteStream, writer: ScreenWriter): NodeJS.WriteStream {
	const fake = new EventEmitter() as EventEmitter & {columns: number; rows: number; isTTY: boolean; write(text: string): boolean};
	fake.columns = real.columns || 80;
	fake.rows = real.rows || 24;
	fake.isTTY = true;
	fake.write = (text: string) => {
		// Frames always span lines; short control sequences do not.
		if (text.includes('\n')) writer.frame(text);
		else writer.write(text);
		return true;
	};
	real.on('resize', () => {
		fake.columns = real.columns || fake.columns;
		fake.rows = real.rows || fake.rows;
		writer.invalidate();
		fake.emit('resize');
	});
	return fake as unknown as NodeJS.WriteStream;
}
