import {EventEmitter} from 'node:events';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {frameStdout, ScreenWriter} from '../../source/ui/terminal/screen-writer.js';
import {asciiFold, wantsAscii, wantsColor} from '../../source/ui/theme.js';

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
		expect(writes.at(-1)).toBe('\u001b[2J');
		stdout.write('a\nb\n');
		writer.flush();
		expect(writes.at(-1)).toContain('\u001b[1;1Ha');
		expect(writes.at(-1)).toContain('\u001b[2;1Hb');
	});

	it('folds typography to ASCII, one column for one, in ASCII mode', () => {
		const {writes, out} = sink();
		const writer = new ScreenWriter(out, 1000, asciiFold);
		writer.frame('‹ staged › “x” … — ❯ ─── ↑↓ Müller\n');
		writer.flush();
		expect(writes[0]).toContain('< staged > "x" ~ - > --- ^v Müller');
	});
});

describe('colour and ASCII from the environment', () => {
	it('honours NO_COLOR, and knows chalk draws no colour under any CI unless forced', () => {
		expect(wantsColor({})).toBe(true);
		expect(wantsColor({NO_COLOR: '1'})).toBe(false);
		expect(wantsColor({FORCE_COLOR: '0'})).toBe(false);
		expect(wantsColor({CI: 'false'})).toBe(false);
		expect(wantsColor({CI: 'false', FORCE_COLOR: '1'})).toBe(true);
	});

	it('draws ASCII when asked or when the locale is not UTF-8', () => {
		expect(wantsAscii({LANG: 'en_US.UTF-8'}, false)).toBe(false);
		expect(wantsAscii({LANG: 'en_US.UTF-8'}, true)).toBe(true);
		expect(wantsAscii({LANG: 'C'}, false)).toBe(true);
		expect(wantsAscii({LC_ALL: 'de_DE.utf8', LANG: 'C'}, false)).toBe(false);
	});
});
