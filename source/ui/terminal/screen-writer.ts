import {EventEmitter} from 'node:events';
import stringWidth from 'string-width';

const beginSynchronized = '\u001b[?2026h';
const endSynchronized = '\u001b[?2026l';
const clearLine = '\u001b[K';
const clearScreen = '\u001b[2J';
const resetLooks = '\u001b[0m';
/** Whole screen as the scrolling region again (and the cursor home), in case something narrowed it. */
const resetScrollRegion = '\u001b[r';
const hideCursor = '\u001b[?25l';
const moveTo = (row: number) => `\u001b[${row};1H`;

export type ScreenSize = {columns: number; rows: number};

/**
 * Puts Ink's frames on the alternate screen, rewriting only the lines that changed, at absolute
 * positions, at most `maxFps` times a second, each update in one synchronized write.
 *
 * Why not Ink's own renderer: in 6.8 its incremental mode starts one line too low whenever the frame
 * is shorter than the terminal (the trailing newline is not counted), leaving stale lines behind,
 * and a frame as tall as the terminal makes it clear the whole screen on every update. Ink runs in
 * debug mode here (it writes each whole frame) and this writer does the diffing.
 *
 * The diff is only as good as the writer's idea of the screen, so nothing it draws may move what is
 * already there: every line is cut to the terminal's width (a longer one would wrap onto the next
 * row, or scroll the whole screen at the bottom) and lines below the last row are left out. A frame
 * laid out for the size before a resize (Ink draws the old tree at the new size before the screens
 * have heard of it) is therefore harmless: it is drawn cut, and the next frame corrects it.
 */
export class ScreenWriter {
	private shown: string[] = [];
	private pending: string | undefined;
	/** The screen is to be cleared before the next frame, in the same write (after a resize). */
	private clearFirst = false;
	private timer: NodeJS.Timeout | undefined;
	private lastFlush = 0;
	private readonly intervalMs: number;
	/** The terminal's size; undefined: lines are drawn as they come (a stream with no size). */
	size: ScreenSize | undefined;
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
		this.cancelPending();
		const text = this.pending;
		this.pending = undefined;
		if (text === undefined) return;
		this.lastFlush = Date.now();
		const lines = this.transform(text).split('\n');
		if (lines.at(-1) === '') lines.pop();
		if (this.size && lines.length > this.size.rows) lines.length = this.size.rows;
		let update = '';
		const count = Math.max(lines.length, this.shown.length);
		for (let index = 0; index < count; index++) {
			const line = lines[index] ?? '';
			if (line === (this.shown[index] ?? '')) continue;
			update += this.drawLine(index, line);
		}
		this.shown = lines;
		if (this.clearFirst) update = resetLooks + clearScreen + update;
		this.clearFirst = false;
		if (update) this.write(beginSynchronized + update + endSynchronized);
	}

	/**
	 * The terminal changed size: everything on it moved (or was cut, or reflowed), so the next frame
	 * clears the screen and is drawn whole, in one synchronized write (no blank screen in between).
	 * A frame still waiting for its slot was laid out for the old size: it is dropped (Ink draws
	 * again as it hears of the resize, and the screens again for their new size).
	 */
	resized(size: ScreenSize): void {
		this.size = size;
		this.cancelPending();
		this.pending = undefined;
		this.shown = [];
		this.clearFirst = true;
	}

	/**
	 * Ctrl+L: draws the whole screen again from what should be on it, whatever else wrote over it
	 * (a `wall` message, a background job), with the colours, scrolling region and cursor reset.
	 */
	repaint(): void {
		let update = resetLooks + resetScrollRegion + hideCursor + clearScreen;
		for (const [index, line] of this.shown.entries()) if (line !== '') update += this.drawLine(index, line);
		this.write(beginSynchronized + update + endSynchronized);
	}

	/** Anything that is not a frame (a mode switch Ink sends) goes straight through. */
	write(text: string): void {
		this.bytes += Buffer.byteLength(text);
		this.out.write(text);
	}

	private cancelPending(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}

	/** One line at its row, cut to the width, the rest of the row cleared. */
	private drawLine(index: number, line: string): string {
		if (!this.size) return moveTo(index + 1) + line + clearLine;
		const {text, full} = fitLine(line, this.size.columns);
		// A line that reaches the last column leaves the cursor waiting to wrap; clearing from there
		// would erase that last character (xterm and VT100 alike), and there is nothing to clear.
		return moveTo(index + 1) + text + (full ? '' : clearLine);
	}
}

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
/** CSI (colours, modes) and OSC sequences: they take no columns and are kept whole. */
const escapeSequence = /(\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\))/;

/**
 * A line cut to at most `columns` terminal columns, escape sequences kept (a cut one ends by
 * resetting its colours); `full` when it reaches the last column.
 */
export function fitLine(line: string, columns: number): {text: string; full: boolean} {
	const width = stringWidth(line);
	if (width < columns) return {text: line, full: false};
	if (width === columns) return {text: line, full: true};
	let text = '';
	let used = 0;
	let styled = false;
	// Text and escape sequences in turn: split keeps the captured sequences between the texts.
	const parts = line.split(escapeSequence);
	cut: for (const [index, part] of parts.entries()) {
		if (index % 2 === 1) {
			// Full: what follows is cut, and the reset below closes every colour.
			if (used === columns) break;
			text += part;
			styled = true;
			continue;
		}
		for (const {segment} of graphemes.segment(part)) {
			const w = stringWidth(segment);
			if (used + w > columns) break cut;
			text += segment;
			used += w;
		}
	}
	return {text: styled ? text + resetLooks : text, full: used === columns};
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
	writer.size = {columns: fake.columns, rows: fake.rows};
	fake.write = (text: string) => {
		// Frames always span lines; short control sequences do not.
		if (text.includes('\n')) writer.frame(text);
		else writer.write(text);
		return true;
	};
	real.on('resize', () => {
		fake.columns = real.columns || fake.columns;
		fake.rows = real.rows || fake.rows;
		// Cleared before Ink hears of it: the frames for the new size are drawn on a clean screen.
		writer.resized({columns: fake.columns, rows: fake.rows});
		fake.emit('resize');
	});
	return fake as unknown as NodeJS.WriteStream;
}
