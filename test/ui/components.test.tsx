import {afterEach, describe, expect, it, vi} from 'vitest';
import {useReducer, useState, type ReactElement} from 'react';
import {Text, useInput} from 'ink';
import stringWidth from 'string-width';
import {cleanupTui, keys, renderTui} from './render-tui.js';
import {createTheme, type Theme} from '../../source/ui/theme.js';
import {ThemeContext} from '../../source/ui/hooks/use-theme.js';
import {Frame, bodySize, minimumSize, useBodySize} from '../../source/ui/components/Frame.js';
import {Table, windowStart, type TableColumn} from '../../source/ui/components/Table.js';
import {SafeText, truncate} from '../../source/ui/components/SafeText.js';
import {count, formatNumber} from '../../source/ui/components/count.js';

// Vitest workers have no TTY, so chalk would draw no colour at all and the NO_COLOR check below
// would pass for the wrong reason. Must run before Ink (and chalk) load.
vi.hoisted(() => {
	process.env.FORCE_COLOR = '1';
});

afterEach(cleanupTui);

const unicode = createTheme({ascii: false, color: true});
const withTheme = (element: ReactElement, theme: Theme = unicode) => <ThemeContext.Provider value={theme}>{element}</ThemeContext.Provider>;
const hints = [
	{keys: '↑↓', label: 'move'},
	{keys: 'Enter', label: 'choose'},
	{keys: 'Esc', label: 'back'},
	{keys: '?', label: 'keys'},
];
const lines = (frame: string) => frame.split('\n');
// ESC and every other control character except the newlines between lines.
const controlExceptNewline = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const sgr = /\u001b\[[\d;]*m/;

function Screen({status}: {status?: string}) {
	const body = useBodySize();
	return (
		<Frame title="Preview rows" target={{label: 'Acme Test Org', sandbox: true}} hints={hints} status={status}>
			<Text>body {body.columns}x{body.rows}</Text>
		</Frame>
	);
}

describe('Frame', () => {
	it('is exactly rows-1 tall with header, target, sandbox word and hints at 80×24', () => {
		const tui = renderTui(withTheme(<Screen status="Reading people.csv" />));
		const frame = lines(tui.lastFrame());
		expect(frame).toHaveLength(23);
		expect(frame[0]).toContain('Preview rows');
		expect(frame[0]).toContain('Acme Test Org');
		expect(frame[0]).toContain('SANDBOX');
		expect(frame[21]).toContain('Reading people.csv');
		expect(frame[22]).toBe(' ↑↓ move  Enter choose  Esc back  ? keys');
		expect(tui.lastFrame()).toContain('body 78x19');
		expect(bodySize({columns: 80, rows: 24})).toEqual({columns: 78, rows: 19});
		expect(Math.max(...frame.map(line => stringWidth(line)))).toBeLessThanOrEqual(80);
	});

	it('marks the sandbox with brackets under NO_COLOR and shows no badge for a live org', () => {
		const plain = createTheme({ascii: true, color: false});
		const sandbox = renderTui(withTheme(<Frame title="T" target={{label: 'Acme', sandbox: true}} hints={hints} />, plain));
		expect(lines(sandbox.lastFrame())[0]).toMatch(/Acme \[SANDBOX\]$/);
		const live = renderTui(withTheme(<Frame title="T" target={{label: 'Acme', sandbox: false}} hints={hints} />, plain));
		expect(live.lastFrame()).not.toContain('SANDBOX');
	});

	it('drops hints that do not fit, whole, and says so', () => {
		const many = Array.from({length: 20}, (_, i) => ({keys: `k${i}`, label: 'action'}));
		const tui = renderTui(withTheme(<Frame title="T" hints={many} />), {columns: 60, rows: 15});
		const footer = lines(tui.lastFrame()).at(-1) ?? '';
		expect(stringWidth(footer)).toBeLessThanOrEqual(60);
		expect(footer).toMatch(/action …$/);
	});

	it('shows only "too small" below the minimum, still rows-1 tall', () => {
		const tui = renderTui(withTheme(<Screen />), {columns: 40, rows: 10});
		expect(lines(tui.lastFrame())).toHaveLength(9);
		expect(tui.lastFrame().replace(/\s+/g, ' ')).toContain('Terminal too small: need 60×15, have 40×10');
		expect(tui.lastFrame()).not.toContain('Preview rows');
		expect(minimumSize).toEqual({columns: 60, rows: 15});
	});

	it('follows resizes: too small and back', async () => {
		const tui = renderTui(withTheme(<Screen />));
		expect(tui.lastFrame()).toContain('Preview rows');
		await tui.resize(50, 12);
		expect(tui.lastFrame()).toContain('too small');
		expect(tui.lastFrame()).toContain('50×12');
		expect(lines(tui.lastFrame())).toHaveLength(11);
		await tui.resize(100, 30);
		expect(tui.lastFrame()).not.toContain('too small');
		expect(tui.lastFrame()).toContain('body 98x25');
		expect(lines(tui.lastFrame())).toHaveLength(29);
	});
});

describe('windowStart', () => {
	it('keeps the selection in view, scrolling only as far as needed', () => {
		expect(windowStart(0, 5, 10)).toBe(0); // everything fits
		expect(windowStart(9, 100, 10)).toBe(0); // last visible row
		expect(windowStart(10, 100, 10)).toBe(1); // one past: scroll by one
		expect(windowStart(10, 100, 10, 5)).toBe(5); // inside the previous window: stay
		expect(windowStart(3, 100, 10, 5)).toBe(3); // above it: scroll up to it
		expect(windowStart(1500, 2000, 10)).toBe(1491);
		expect(windowStart(5000, 2000, 10)).toBe(1990); // clamped to the last row
		expect(windowStart(undefined, 2000, 10, 5000)).toBe(1990); // no selection: previous start, clamped
		expect(windowStart(0, 0, 10, 7)).toBe(0);
	});
});

const people: TableColumn[] = [
	{key: 'row', header: '#', align: 'right'},
	{key: 'name', header: 'Name'},
	{key: 'email', header: 'Email', grow: true},
];

describe('Table', () => {
	it('reads and draws only the visible window of 2,000 rows', () => {
		const read: number[] = [];
		const rowAt = (index: number) => {
			read.push(index);
			return {row: String(index), name: `Person ${index}`, email: `p${index}@example.com`};
		};
		const tui = renderTui(withTheme(<Table columns={people} count={2000} rowAt={rowAt} selected={1500} height={10} width={70} />));
		const frame = lines(tui.lastFrame());
		expect(frame).toHaveLength(12); // header, 10 rows, position line
		expect(frame.find(line => line.startsWith('❯'))).toContain('Person 1500');
		expect(frame.at(-1)).toContain('rows 1,492–1,501 of 2,000');
		expect(new Set(read).size).toBe(10);
		expect(Math.min(...read)).toBe(1491);
	});

	it('says row, not rows, when one row of many is shown, with numbers in one style', () => {
		const rowAt = (index: number) => ({row: String(index), name: `Person ${index}`, email: `p${index}@example.com`});
		const tui = renderTui(withTheme(<Table columns={people} count={2280} rowAt={rowAt} selected={1200} height={1} width={70} />));
		expect(lines(tui.lastFrame()).at(-1)).toMatch(/^ {2}row 1,201 of 2,280$/);
	});

	it('keeps CJK and emoji columns aligned', () => {
		const rows = [
			{row: '1', name: '山田太郎花子', email: 'taro@example.jp'},
			{row: '22', name: 'Zoë 👩‍👩‍👧‍👦 Ng', email: 'zoe@example.com'},
			{row: '333', name: '😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀', email: '김민준@example.kr'},
			{row: '4', name: 'Ann', email: 'ann@example.com'},
		];
		const columns: TableColumn[] = [
			{key: 'name', header: 'Name', width: 8}, // even: cutting wide characters leaves a gap to pad
			{key: 'email', header: 'Email', grow: true},
			{key: 'row', header: 'Row', align: 'right'},
		];
		const tui = renderTui(withTheme(<Table columns={columns} rows={rows} selected={2} height={10} width={50} />));
		const frame = lines(tui.lastFrame());
		expect(frame).toHaveLength(5);
		// The last column is right-aligned, so equal widths mean every column lines up.
		expect(new Set(frame.map(line => stringWidth(line)))).toEqual(new Set([50]));
		expect(frame[1]).toContain('山田太…');
		expect(frame[3]).toContain('😀😀😀…');
	});

	it('draws escape sequences and control characters from cells as plain text', () => {
		const rows = [{row: '1', name: 'Eve\u001B]2;pwned\u0007\u001B[2J\u001B[31mRed\rX', email: 'e@x.io\u001B[0m\t'}];
		const tui = renderTui(withTheme(<Table columns={people} rows={rows} height={5} width={60} />, createTheme({ascii: false, color: false})));
		expect(tui.lastRawFrame()).not.toMatch(controlExceptNewline);
		expect(tui.lastFrame()).toContain('EveRed X');
		expect(tui.lastFrame()).not.toContain('pwned');
	});

	it('marks the selected row with the ASCII pointer and status markers with glyphs', () => {
		const rows = [
			{row: '1', name: 'Ann', email: 'a@x.io'},
			{row: '2', name: 'Bob', email: 'b@x.io'},
		];
		const marker = (index: number) => (index === 0 ? {glyph: '+', color: 'green'} : {glyph: 'x', color: 'red'});
		const ascii = createTheme({ascii: true, color: true});
		const tui = renderTui(withTheme(<Table columns={people} rows={rows} selected={1} height={5} width={60} marker={marker} />, ascii));
		const frame = lines(tui.lastFrame());
		expect(frame[1]).toMatch(/^ {2}\+ +1 {2}Ann/);
		expect(frame[2]).toMatch(/^> x +2 {2}Bob/);
		expect(tui.lastFrame()).not.toContain('❯');
	});

	it('emits no SGR codes with the no-colour theme, and does with colour (control)', () => {
		const rows = Array.from({length: 30}, (_, i) => ({row: String(i), name: `N${i}`, email: `e${i}@x.io`}));
		const screen = (theme: Theme) =>
			withTheme(
				<Frame title="T" target={{label: 'Acme', sandbox: true}} hints={hints} status="ok">
					<Table columns={people} rows={rows} selected={3} height={5} width={70} marker={() => ({glyph: '+', color: 'green'})} />
					<SafeText>{'\u001B[31mred'}</SafeText>
				</Frame>,
				theme,
			);
		const colour = renderTui(screen(unicode));
		expect(colour.lastRawFrame()).toMatch(sgr);
		const plain = renderTui(screen(createTheme({ascii: false, color: false})));
		expect(plain.lastRawFrame()).not.toMatch(sgr);
		expect(plain.lastRawFrame()).not.toContain('\u001B');
		expect(plain.lastFrame()).toContain('[SANDBOX]');
	});
});

describe('count', () => {
	it('writes numbers one way (2,280) and agrees the noun (1 row, 0 rows)', () => {
		expect(count(1, 'row')).toBe('1 row');
		expect(count(0, 'row')).toBe('0 rows');
		expect(count(2280, 'user')).toBe('2,280 users');
		expect(count(1, 'entry', 'entries')).toBe('1 entry');
		expect(count(1500000, 'entry', 'entries')).toBe('1,500,000 entries');
		expect(formatNumber(2280)).toBe('2,280');
	});
});

describe('SafeText', () => {
	it('sanitizes and truncates with the theme ellipsis', () => {
		const tui = renderTui(withTheme(<SafeText width={8}>{['A\u001B]2;x\u0007', 'bcdefghijk\r']}</SafeText>, createTheme({ascii: true, color: false})));
		expect(tui.lastRawFrame()).toBe('Abcde...');
	});

	it('cuts with three dots in ASCII mode (a lone ~ reads as data), giving way in narrow cells', () => {
		expect(truncate('ada.lovelace@example.com', 12, '...')).toBe('ada.lovel...');
		expect(truncate('abcdef', 3, '...')).toBe('a..');
		expect(truncate('abcdef', 2, '...')).toBe('a.');
		expect(truncate('abcdef', 1, '...')).toBe('.');
		expect(truncate('abcdef', 3, '…')).toBe('ab…');
		expect(truncate('abc', 3, '...')).toBe('abc');
	});
});

// A screen-like component: selection in a reducer (dispatch is stable, so fast keys cannot hit a stale closure).
function Picker() {
	const [selected, move] = useReducer((index: number, by: number) => Math.min(99, Math.max(0, index + by)), 0);
	const [typed, setTyped] = useState('');
	useInput((input, key) => {
		if (key.downArrow) move(1);
		else if (key.upArrow) move(-1);
		else if (key.pageDown) move(10);
		else if (key.backspace || key.delete) setTyped(text => text.slice(0, -1));
		else if (!key.ctrl && !key.meta && !key.escape && !key.return) setTyped(text => text + input);
	});
	return (
		<>
			<Text>typed: {typed}</Text>
			<Table columns={people} count={100} rowAt={i => ({row: String(i), name: `P${i}`, email: ''})} selected={selected} height={5} width={60} />
		</>
	);
}

describe('renderTui', () => {
	it('sends keys and waits for each to be drawn', async () => {
		const tui = renderTui(withTheme(<Picker />));
		const pointed = () => lines(tui.lastFrame()).find(line => line.startsWith('❯'));
		await tui.press(keys.down);
		await tui.press(keys.down);
		await tui.press(keys.up);
		expect(pointed()).toMatch(/1 {2}P1\b/);
		await tui.press(keys.pageDown);
		await tui.press(keys.down);
		expect(pointed()).toMatch(/12 {2}P12\b/);
		expect(tui.lastFrame()).toContain('rows 9–13 of 100');
		await tui.type('añ日');
		await tui.press(keys.backspace);
		await tui.waitFor('typed: añ');
		expect(tui.lastFrame()).not.toContain('日');
		await expect(tui.waitFor('never shown', 50)).rejects.toThrow(/timed out/);
	});
});
