import {utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {homePaths} from '../../source/lib/paths.js';
import {formatModified} from '../../source/ui/screens/FileScreen.js';
import {initialState} from '../../source/ui/state/wizard-reducer.js';
import type {FolderEntry, WizardState} from '../../source/ui/state/wizard-state.js';
import {WizardTaskRunner} from '../../source/ui/wizard-tasks.js';
import {useTempFolders} from '../support/temp-dir.js';
import {cleanupTui, keys, type Tui} from './render-tui.js';
import {apply, atFile, baseArgs, directory, expectFits, fakeTasks, flat, mountApp, sandboxTarget, taken, type Dispatch} from './wizard-fixtures.js';

/* The file picker: which files are CSV, a file with no rows, going up, dates and newest first. */

const tempFolder = useTempFolders('jc-import-picker-');
let real: WizardTaskRunner | undefined;
afterEach(async () => {
	cleanupTui();
	await real?.close();
	real = undefined;
});

const sizes = [
	{columns: 80, rows: 24},
	{columns: 60, rows: 15},
] as const;

const lines = (frame: string) => frame.split('\n');
const lineWith = (frame: string, text: string) => lines(frame).find((line) => line.includes(text)) ?? '';
const pointedAt = (text: string) => (frame: string) => lineWith(frame, text).startsWith(' ❯ ');
/** The names in the table, top to bottom, in the order drawn (those scrolled out of a small terminal left out). */
const order = (frame: string, names: readonly string[]) =>
	names.filter((name) => frame.includes(` ${name}`)).sort((a, b) => frame.indexOf(` ${a}`) - frame.indexOf(` ${b}`));
/** The table shows `expected` in that order, as far as it fits. */
function expectOrder(frame: string, expected: readonly string[]): void {
	const drawn = order(frame, expected);
	expect(drawn.length).toBeGreaterThanOrEqual(5);
	expect(drawn).toEqual(expected.slice(0, drawn.length));
}

// Local dates, so the column reads the same in every time zone; one of them in the current year.
const thisYear = new Date().getFullYear();
const dated: FolderEntry[] = [
	{name: '..', path: '/', kind: 'parent'},
	{name: 'archive', path: '/data/archive', kind: 'folder', modified: new Date(2025, 2, 3, 9, 5)},
	{name: 'in', path: '/data/in', kind: 'folder', modified: new Date(thisYear, 0, 15, 8, 30)},
	{name: 'a-old.csv', path: '/data/a-old.csv', kind: 'csv', size: 2048, modified: new Date(2024, 5, 1, 12, 0)},
	{name: 'b-new.csv', path: '/data/b-new.csv', kind: 'csv', size: 10, modified: new Date(thisYear, 0, 2, 14, 5)},
	{name: 'c-mid.csv', path: '/data/c-mid.csv', kind: 'csv', size: 10, modified: new Date(2025, 6, 4, 17, 45)},
	{name: 'notes.txt', path: '/data/notes.txt', kind: 'file', size: 12, modified: new Date(thisYear, 0, 20, 10, 0)},
];

async function shown(state: WizardState, size: {columns: number; rows: number}, tasks = fakeTasks()) {
	const app = mountApp(state, {...size, tasks});
	await app.tui.waitFor((frame) => frame.includes('Choose a CSV file'));
	return app;
}

describe('the modified date, and newest first', () => {
	it('dates are short: the time this year, the year before that', () => {
		const now = new Date(2026, 10, 30, 12, 0);
		expect(formatModified(new Date(2026, 10, 30, 14, 5), now)).toBe('30 Nov 14:05');
		expect(formatModified(new Date(2026, 0, 2, 8, 0), now)).toBe('2 Jan 08:00');
		expect(formatModified(new Date(2025, 2, 3, 9, 5), now)).toBe('3 Mar 2025');
	});

	for (const size of sizes) {
		it(`a Modified column; Tab sorts each group newest first and back, the cursor staying on its file, at ${size.columns}×${size.rows}`, async () => {
			const {tui} = await shown(apply(atFile(), {type: 'folder-listed', dir: '/data', entries: dated}), size);
			let frame = tui.lastFrame();
			expectFits(frame, size.columns, size.rows);
			expect(lineWith(frame, 'Name')).toContain('Modified');
			expect(lineWith(frame, 'archive/')).toMatch(/3 Mar 2025$/);
			expect(lineWith(frame, 'b-new.csv')).toMatch(/2 Jan 14:05$/);
			expect(lineWith(frame, 'a-old.csv')).toMatch(/2\.0 KB +1 Jun 2024$/);
			expectOrder(frame, ['archive/', 'in/', 'a-old.csv', 'b-new.csv', 'c-mid.csv', 'notes.txt']);
			expect(lineWith(frame, 'Enter open')).toContain('Tab sort order');

			// On a-old.csv, the oldest CSV file.
			for (let step = 0; step < 3; step++) await tui.press(keys.down);
			await tui.waitFor(pointedAt('a-old.csv'));
			await tui.press(keys.tab);
			await tui.waitFor('Newest first');
			frame = tui.lastFrame();
			expectFits(frame, size.columns, size.rows);
			// Folders, then CSV files, then the rest, each newest first; `..` stays on top.
			expectOrder(frame, ['in/', 'archive/', 'b-new.csv', 'c-mid.csv', 'a-old.csv', 'notes.txt']);
			expect(lineWith(frame, '..')).toMatch(/^ {3}\.\./);
			expect(pointedAt('a-old.csv')(frame)).toBe(true);
			// Tab is not typed into the filter.
			expect(lineWith(frame, 'Filter:')).toContain('type to filter');

			await tui.press(keys.tab);
			await tui.waitFor((shownFrame) => !shownFrame.includes('Newest first'));
			frame = tui.lastFrame();
			expectOrder(frame, ['archive/', 'in/', 'a-old.csv', 'b-new.csv', 'c-mid.csv', 'notes.txt']);
			expect(pointedAt('a-old.csv')(frame)).toBe(true);
		});
	}

	it('newest first holds while filtering and in the next folder', () => {
		let state = apply(atFile(), {type: 'folder-listed', dir: '/data', entries: dated}, {type: 'command', command: 'sortOrder'});
		state = apply(state, {type: 'text', value: '.csv'});
		expect(state.file.cursor).toBe(1);
		state = apply(state, {type: 'folder-listed', dir: '/data/in', entries: [{name: '..', path: '/data', kind: 'parent'}]});
		expect(state.file.newestFirst).toBe(true);
	});
});

describe('going up', () => {
	const inside: FolderEntry[] = [
		{name: '..', path: '/data', kind: 'parent'},
		{name: 'deeper', path: '/data/in/deeper', kind: 'folder'},
		{name: 'x.csv', path: '/data/in/x.csv', kind: 'csv', size: 10},
	];
	/** Lists /data and /data/in from the tables above, as the real task runner would. */
	const listing = fakeTasks((task, dispatch: Dispatch) => {
		if (task.kind !== 'list-folder') return;
		dispatch({type: 'folder-listed', dir: task.dir, entries: task.dir === '/data' ? dated : inside});
	});
	const atIn = () => apply(atFile(), {type: 'folder-listed', dir: '/data/in', entries: inside});

	for (const size of sizes) {
		it(`← lands on the folder just left, at ${size.columns}×${size.rows}`, async () => {
			const tasks = listing;
			tasks.recorded.length = 0;
			const {tui} = await shown(atIn(), size, tasks);
			await tui.press(keys.left);
			await tui.waitFor('archive/');
			expect(tasks.recorded).toEqual([{kind: 'list-folder', dir: '/data'}]);
			expect(pointedAt('in/')(tui.lastFrame())).toBe(true);
			expectFits(tui.lastFrame(), size.columns, size.rows);
		});
	}

	it('Enter on .. does the same, and with newest first the cursor finds the folder where it is now', async () => {
		const {tui} = await shown(atIn(), sizes[0], listing);
		expect(pointedAt('..')(tui.lastFrame())).toBe(true);
		await tui.press(keys.tab);
		await tui.press(keys.enter);
		await tui.waitFor('archive/');
		const frame = tui.lastFrame();
		expect(order(frame, ['archive/', 'in/'])).toEqual(['in/', 'archive/']);
		expect(pointedAt('in/')(frame)).toBe(true);
	});

	it('going into a folder starts at the top', () => {
		const state = apply(atFile(), {type: 'folder-listed', dir: '/data', entries: dated}, {type: 'folder-listed', dir: '/data/archive', entries: [{name: '..', path: '/data', kind: 'parent'}, {name: 'in', path: '/data/archive/in', kind: 'folder'}]});
		expect(state.file.cursor).toBe(0);
	});
});

describe('a real folder', () => {
	/** The wizard at the file step in `dir`, its folder listed and its files opened for real. */
	async function inFolder(dir: string, size: {columns: number; rows: number}): Promise<Tui> {
		const env = {JC_IMPORT_HOME: path.join(tempFolder(), 'home')};
		const runner = new WizardTaskRunner(homePaths(env), env);
		real = runner;
		const tasks = fakeTasks((task, dispatch) => void runner.run(task, dispatch));
		const state = apply(taken(initialState({...baseArgs, cwd: dir})), {type: 'connected', target: sandboxTarget, directory});
		const {tui} = await shown(state, size, tasks);
		await tui.waitFor('people.csv');
		return tui;
	}

	for (const size of sizes) {
		it(`a file with a header and no rows says so on the file screen, at ${size.columns}×${size.rows}`, async () => {
			const dir = tempFolder();
			writeFileSync(path.join(dir, 'people.csv'), 'Email,First Name,Last Name\r\n');
			writeFileSync(path.join(dir, 'notes.txt'), 'Import the staff on Monday, then the contractors.\nAsk Alan about groups.\n');
			const when = new Date(2025, 2, 3, 9, 5);
			utimesSync(path.join(dir, 'people.csv'), when, when);
			const tui = await inFolder(dir, size);
			let frame = tui.lastFrame();
			expect(lineWith(frame, 'people.csv')).toMatch(/people\.csv +CSV +28 B +3 Mar 2025$/);
			expect(lineWith(frame, 'notes.txt')).toMatch(/notes\.txt +file /);
			await tui.press(keys.down);
			await tui.waitFor(pointedAt('people.csv'));
			await tui.press(keys.enter);
			await tui.waitFor('no data rows');
			frame = tui.lastFrame();
			expect(flat(frame)).toContain('✖ people.csv has a header row but no data rows.');
			expect(frame).toContain('Choose a CSV file');
			expect(frame).not.toContain('Map columns');
			expectFits(frame, size.columns, size.rows);
		});
	}

	it('the name in that message is drawn inert', async () => {
		const dir = tempFolder();
		const evil = 'people\u001B]0;owned\u0007\u001B[2J.csv';
		writeFileSync(path.join(dir, evil), 'Email,First Name\n');
		const tui = await inFolder(dir, sizes[0]);
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.waitFor('no data rows');
		const raw = tui.rawFrames.join('\n').replace(/\u001B\[[0-9;]*m/g, '');
		expect(raw).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F]/);
		expect(tui.lastFrame()).not.toContain('owned');
	});

	it('a file with rows opens on the mapping', async () => {
		const dir = tempFolder();
		writeFileSync(path.join(dir, 'people.csv'), 'Email,First Name\nada@example.com,Ada\n');
		const tui = await inFolder(dir, sizes[0]);
		await tui.press(keys.down);
		await tui.press(keys.enter);
		await tui.waitFor('Map columns');
		await vi.waitFor(() => expect(tui.lastFrame()).toContain('ada@example.com'));
	});
});
