import {EventEmitter} from 'node:events';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {fitLine, frameStdout, ScreenWriter} from '../../source/ui/terminal/screen-writer.js';
import {asciiFold, settleEnvironment, wantsAscii, wantsColor} from '../../source/ui/theme.js';

function sink() {
	const writes: string[] = [];
	return {writes, out: {write: (text: string) => writes.push(text) > 0} as unknown as NodeJS.WritableStream};
}

afterEach(() => vi.useRealTimers());

describe('the screen writer', () => {
	it('draws the first frame whole, then only the lines that changed, at absolute rows', () => {
		const {writes, out} = sink();
		const writer = new ScreenWriter(out, 1000);
		writer.frame('title\nrow one\nrow two\n');
		writer.flush();
		expect(writes[0]).toContain('\u001b[1;1Htitle\u001b[K\u001b[2;1Hrow one\u001b[K\u001b[3;1Hrow two\u001b[K');
		writer.frame('title\nrow ONE\nrow two\n');
		writer.flush();
		expect(writes[1]).toBe('\u001b[?2026h\u001b[2;1Hrow ONE\u001b[K\u001b[?2026l');
		writer.frame('title\nrow ONE\nrow two\n');
		writer.flush();
		expect(writes).toHaveLength(2);
	});

	it('clears lines a shorter frame no longer covers', () => {
		const {writes, out} = sink();
		const writer = new ScreenWriter(out, 1000);
		writer.frame('a\nb\nc\n');
		writer.flush();
		writer.frame('a\n');
		writer.flush();
		expect(writes[1]).toBe('\u001b[?2026h\u001b[2;1H\u001b[K\u001b[3;1H\u001b[K\u001b[?2026l');
	});

	it('caps the frame rate: frames in between are dropped, the last one is drawn', () => {
		vi.useFakeTimers();
		const {writes, out} = sink();
		const writer = new ScreenWriter(out, 10);
		writer.frame('one\n');
		for (let i = 0; i < 50; i++) writer.frame(`frame ${i}\n`);
		expect(writes).toHaveLength(1);
		vi.advanceTimersByTime(100);
		expect(writes).toHaveLength(2);
		expect(writes[1]).toContain('frame 49');
	});

	it('repaints everything after a resize, reported to Ink through its stdout', () => {
		const {writes, out} = sink();
		const writer = new ScreenWriter(out, 1000);
		const real = Object.assign(new EventEmitter(), {columns: 80, rows: 24}) as unknown as NodeJS.WriteStream;
		const stdout = frameStdout(real, writer);
		const resized = vi.fn();
		stdout.on('resize', resized);
		stdout.write('a\nb\n');
		writer.flush();
		Object.assign(real, {columns: 100, rows: 30});
		real.emit('resize');
		expect([stdout.columns, stdout.rows]).toEqual([100, 30]);
		expect(resized).toHaveBeenCalledOnce();
		// Cleared with the next frame, in the same synchronized write: no blank screen in between.
		const before = writes.length;
		stdout.write('a\nb\n');
		writer.flush();
		expect(writes).toHaveLength(before + 1);
		expect(writes.at(-1)).toBe('\u001b[?2026h\u001b[0m\u001b[2J\u001b[1;1Ha\u001b[K\u001b[2;1Hb\u001b[K\u001b[?2026l');
	});

	it('drops a frame still waiting for its slot when the terminal is resized: it was laid out for the old size', () => {
		vi.useFakeTimers();
		const {writes, out} = sink();
		const writer = new ScreenWriter(out, 10);
		writer.size = {columns: 80, rows: 24};
		writer.frame('first\n');
		writer.frame('laid out for 80 columns\n');
		writer.resized({columns: 60, rows: 15});
		vi.advanceTimersByTime(1000);
		expect(writes.join('')).not.toContain('laid out for 80 columns');
		writer.frame('laid out for 60 columns\n');
		vi.advanceTimersByTime(1000);
		expect(writes.at(-1)).toContain('\u001b[1;1Hlaid out for 60 columns\u001b[K');
	});

	it('never draws past the right edge or the last row, so the screen stays what the writer thinks it is', () => {
		const {writes, out} = sink();
		const writer = new ScreenWriter(out, 1000);
		writer.size = {columns: 10, rows: 3};
		// A frame from before a resize: wider and taller than the terminal now is.
		writer.frame('0123456789abc\n\u001b[36m01234\u001b[39m56789\u001b[1mXY\u001b[22m\nshort\nrow four\nrow five\n');
		writer.flush();
		const drawn = writes[0]!;
		// Cut at the width; a line that fills the row is not followed by erase-to-end (it would erase its last cell).
		expect(drawn).toContain('\u001b[1;1H0123456789\u001b[2;1H');
		// Colours kept, the cut one closed by a reset.
		expect(drawn).toContain('\u001b[2;1H\u001b[36m01234\u001b[39m56789\u001b[0m\u001b[3;1H');
		expect(drawn).toContain('\u001b[3;1Hshort\u001b[K');
		expect(drawn).not.toContain('row four');
		expect(drawn).not.toContain('\u001b[4;1H');
	});

	it('cuts wide characters whole and measures escape sequences as nothing', () => {
		expect(fitLine('日本語', 5)).toEqual({text: '日本', full: false});
		expect(fitLine('日本語', 6)).toEqual({text: '日本語', full: true});
		expect(fitLine('\u001b[1mab\u001b[22m', 3)).toEqual({text: '\u001b[1mab\u001b[22m', full: false});
		expect(fitLine('abcd', 3)).toEqual({text: 'abc', full: true});
	});

	it('Ctrl+L repaint: colours and scrolling region reset, screen cleared, every line drawn again', () => {
		const {writes, out} = sink();
		const writer = new ScreenWriter(out, 1000);
		writer.size = {columns: 80, rows: 24};
		writer.frame('title\n\nrow two\n');
		writer.flush();
		writer.repaint();
		expect(writes.at(-1)).toBe('\u001b[?2026h\u001b[0m\u001b[r\u001b[?25l\u001b[2J\u001b[1;1Htitle\u001b[K\u001b[3;1Hrow two\u001b[K\u001b[?2026l');
		// Nothing changed for the diff: the same frame again draws nothing.
		writer.frame('title\n\nrow two\n');
		writer.flush();
		expect(writes).toHaveLength(2);
	});

	it('folds typography to ASCII, one column for one, in ASCII mode', () => {
		const {writes, out} = sink();
		const writer = new ScreenWriter(out, 1000, asciiFold);
		writer.frame('‹ staged › “x” … — ❯ ─── ↑↓ Müller\n');
		writer.flush();
		expect(writes[0]).toContain('< staged > "x" . - > --- ^v Müller');
	});
});

describe('colour and ASCII from the environment', () => {
	it('honours NO_COLOR, and knows chalk draws no colour under any CI unless forced', () => {
		expect(wantsColor({})).toBe(true);
		expect(wantsColor({NO_COLOR: '1'})).toBe(false);
		expect(wantsColor({FORCE_COLOR: '0'})).toBe(false);
		expect(wantsColor({CI: 'true'})).toBe(false);
		expect(wantsColor({CI: 'true', FORCE_COLOR: '1'})).toBe(true);
	});

	it('CI=false and CI=0 mean not CI: colour stays on, and the variable is unset before chalk reads it', () => {
		expect(wantsColor({CI: 'false'})).toBe(true);
		expect(wantsColor({CI: '0'})).toBe(true);
		expect(wantsColor({CONTINUOUS_INTEGRATION: 'false'})).toBe(true);
		const env: NodeJS.ProcessEnv = {CI: 'false', CONTINUOUS_INTEGRATION: '0', TERM: 'xterm-256color'};
		settleEnvironment(env);
		expect(env).toEqual({TERM: 'xterm-256color'});
		const ci: NodeJS.ProcessEnv = {CI: 'true'};
		settleEnvironment(ci);
		expect(ci).toEqual({CI: 'true'});
	});

	it('a monochrome terminal (a DEC VT, a -m or -mono terminfo) gets no colour', () => {
		for (const term of ['vt100', 'vt220', 'xterm-mono', 'linux-m']) {
			expect(wantsColor({TERM: term}), term).toBe(false);
			const env: NodeJS.ProcessEnv = {TERM: term};
			settleEnvironment(env);
			expect(env.FORCE_COLOR, term).toBe('0');
		}
		for (const term of ['xterm-256color', 'screen', 'tmux-256color', 'linux']) expect(wantsColor({TERM: term}), term).toBe(true);
	});

	it('draws ASCII when asked or when the locale is not UTF-8', () => {
		expect(wantsAscii({LANG: 'en_US.UTF-8'}, false)).toBe(false);
		expect(wantsAscii({LANG: 'en_US.UTF-8'}, true)).toBe(true);
		expect(wantsAscii({LANG: 'C'}, false)).toBe(true);
		expect(wantsAscii({LC_ALL: 'de_DE.utf8', LANG: 'C'}, false)).toBe(false);
	});
});
