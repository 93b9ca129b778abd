import {mkdirSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {disposeAll, keys, startTerminal, type PtyTerminal} from './pty-terminal.js';

const tempFolder = useTempFolders('jc-e2e-picker-');

// The file picker in a real pty at 80x24: the built CLI with its in-process sandbox, started in a
// folder of its own. Nothing is timed: every wait is for the screen to become something.

const stepMs = 30_000;

afterEach(disposeAll);

const lineWith = (screen: string, text: string) => screen.split('\n').find((line) => line.includes(text)) ?? '';
/** The names in the table, top to bottom. */
const order = (screen: string, names: readonly string[]) => names.filter((name) => screen.includes(` ${name} `)).sort((a, b) => screen.indexOf(` ${a} `) - screen.indexOf(` ${b} `));

const thisYear = new Date().getFullYear();
function dated(file: string, date: Date): void {
	utimesSync(file, date, date);
}

/** A folder with tables in three names, text that is no table, a workbook named .csv, a header with no rows and a subfolder. */
function folderOfFiles(): string {
	const dir = tempFolder();
	const write = (name: string, content: string | Buffer, date: Date) => {
		writeFileSync(path.join(dir, name), content);
		dated(path.join(dir, name), date);
	};
	write('a-staff.tsv', 'Email\tFirst Name\tLast Name\nada@example.com\tAda\tLovelace\ngrace@example.com\tGrace\tHopper\n', new Date(2024, 5, 1, 12, 0));
	write('b-export.txt', 'Email;First Name;Last Name\nalan@example.com;Alan;Turing\nhedy@example.com;Hedy;Lamarr\n', new Date(2025, 2, 3, 9, 5));
	write('c-people.csv', 'Email,First Name,Last Name\r\n', new Date(thisYear, 0, 2, 14, 5));
	write('notes.txt', 'Import the staff on Monday, then the contractors.\nAsk Alan about groups.\nThe VPN group, the wiki and the printers wait until March.\n', new Date(2025, 6, 4, 17, 45));
	// A spreadsheet saved with a .csv name: a zip, not text.
	write('workbook.csv', Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000'), Buffer.alloc(200, 7)]), new Date(2025, 6, 5, 8, 0));
	mkdirSync(path.join(dir, 'archive'));
	writeFileSync(path.join(dir, 'archive', 'old.csv'), 'Email,First Name\nold@example.com,Old\n');
	return dir;
}

async function pickerIn(dir: string): Promise<PtyTerminal> {
	const terminal = startTerminal({args: ['--sandbox'], cwd: dir, env: {JC_IMPORT_HOME: tempFolder(), CI: 'false'}});
	await terminal.waitForText('Choose a CSV file', stepMs);
	await terminal.waitForText('c-people.csv', stepMs);
	return terminal;
}

/** The entry the pointer is on, when the table shows exactly one (not the filter field's pointer). */
function pointer(screen: string): string | undefined {
	const lines = screen.split('\n').filter((line) => line.startsWith(' ❯ ') && !line.includes('Filter:'));
	return lines.length === 1 ? lines[0]!.slice(3).split(/\s+/)[0] : undefined;
}

/** ↓ (or ↑) one entry at a time, each time waiting for the pointer to have moved, until it is on `name`. */
async function moveTo(terminal: PtyTerminal, name: string, key: string = keys.down): Promise<void> {
	for (let step = 0; step < 12 && pointer(terminal.screen()) !== name; step++) {
		const before = pointer(terminal.screen());
		terminal.press(key);
		await terminal.waitFor('the pointer moved', (screen) => pointer(screen) !== undefined && pointer(screen) !== before, stepMs);
	}
	expect(pointer(terminal.screen())).toBe(name);
}

describe('the file picker, in a real terminal', () => {
	it(
		'only tables are CSV (.csv, .tsv, .txt that parse), each with its date; Tab sorts newest first and back; Esc clears the filter, as offered',
		async () => {
			const terminal = await pickerIn(folderOfFiles());
			const screen = terminal.screen();
			expect(lineWith(screen, 'Name')).toMatch(/Name +Kind +Size +Modified$/);
			expect(lineWith(screen, 'a-staff.tsv')).toMatch(/a-staff\.tsv +CSV +[\d.]+ (B|KB) +1 Jun 2024$/);
			expect(lineWith(screen, 'b-export.txt')).toMatch(/b-export\.txt +CSV +.* 3 Mar 2025$/);
			expect(lineWith(screen, 'c-people.csv')).toMatch(/c-people\.csv +CSV +.* 2 Jan 14:05$/);
			expect(lineWith(screen, 'notes.txt')).toMatch(/notes\.txt +file +.* 4 Jul 2025$/);
			expect(lineWith(screen, 'workbook.csv')).toMatch(/workbook\.csv +file /);
			expect(lineWith(screen, 'archive/')).toMatch(/archive\/ +folder /);
			// Folders, then CSV files, then other files; by name.
			expect(order(screen, ['archive/', 'a-staff.tsv', 'b-export.txt', 'c-people.csv', 'notes.txt', 'workbook.csv'])).toEqual(['archive/', 'a-staff.tsv', 'b-export.txt', 'c-people.csv', 'notes.txt', 'workbook.csv']);

			terminal.press(keys.tab);
			await terminal.waitFor('the newest first', (shown) => lineWith(shown, 'Name').includes('Newest first'), stepMs);
			// Each group newest first: the CSV files turned round, workbook.csv (5 Jul) before notes.txt (4 Jul).
			expect(order(terminal.screen(), ['c-people.csv', 'b-export.txt', 'a-staff.tsv', 'workbook.csv', 'notes.txt'])).toEqual(['c-people.csv', 'b-export.txt', 'a-staff.tsv', 'workbook.csv', 'notes.txt']);
			terminal.press(keys.tab);
			await terminal.waitFor('by name again', (shown) => lineWith(shown, 'Name').includes('Modified'), stepMs);
			expect(order(terminal.screen(), ['a-staff.tsv', 'b-export.txt', 'c-people.csv'])).toEqual(['a-staff.tsv', 'b-export.txt', 'c-people.csv']);

			// Esc is offered for what it does here: it clears the filter (there is no screen before this one).
			const hints = () => terminal.screen().trimEnd().split('\n').at(-1) ?? '';
			expect(hints()).toContain('Esc clear filter');
			await terminal.type('staff');
			await terminal.waitFor('the filter applied', (shown) => !shown.includes('c-people.csv') && shown.includes('a-staff.tsv'), stepMs);
			terminal.press(keys.escape);
			await terminal.waitFor('the filter cleared', (shown) => shown.includes('c-people.csv'), stepMs);
			expect(terminal.line(0)).toMatch(/^ Choose a CSV file/);
		},
		120_000,
	);

	it(
		'a CSV file with a header and no rows says so and stays; going up from a folder keeps the pointer on it',
		async () => {
			const dir = folderOfFiles();
			const terminal = await pickerIn(dir);
			await moveTo(terminal, 'c-people.csv');
			terminal.press(keys.enter);
			await terminal.waitForText('no data rows', stepMs);
			expect(terminal.text().replace(/\s+/g, ' ')).toContain('✖ c-people.csv has a header row but no data rows.');
			expect(terminal.line(0)).toMatch(/^ Choose a CSV file/);

			await moveTo(terminal, 'archive/', keys.up);
			terminal.press(keys.enter);
			await terminal.waitForText('old.csv', stepMs);
			expect(terminal.screen()).toContain(path.join(dir, 'archive'));
			terminal.press(keys.left);
			await terminal.waitForText('c-people.csv', stepMs);
			await terminal.waitFor('the pointer on the folder left', (screen) => pointer(screen) === 'archive/', stepMs);

			// Enter on .. does the same.
			terminal.press(keys.enter);
			await terminal.waitForText('old.csv', stepMs);
			terminal.press(keys.up);
			await terminal.waitFor('the pointer on ..', (screen) => pointer(screen) === '..', stepMs);
			terminal.press(keys.enter);
			await terminal.waitForText('c-people.csv', stepMs);
			await terminal.waitFor('the pointer on the folder left', (screen) => pointer(screen) === 'archive/', stepMs);
		},
		120_000,
	);
});
