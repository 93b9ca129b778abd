import {chmodSync, mkdirSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {isDelimitedText, listFolder, ListFolderError, sniffBytes} from '../../source/lib/list-folder.js';
import {useTempFolders} from '../support/temp-dir.js';
import {tempFolder} from '../support/temp-dir.js';

const table = 'email,first name\nada@example.com,Ada\n';

function folder(): string {
	const dir = tempFolder('jc-import-list-');
	for (const name of ['file10.csv', 'file2.csv', 'People.TSV', 'notes.txt', 'report.pdf', '.hidden.csv', 'Zeta.csv']) writeFileSync(path.join(dir, name), name === 'People.TSV' ? 'email\tfirst name\n' : table);
	for (const name of ['sub10', 'sub2', 'Archive', '.git']) mkdirSync(path.join(dir, name));
	symlinkSync(path.join(dir, 'missing.csv'), path.join(dir, 'broken.csv'));
	symlinkSync(path.join(dir, 'sub2'), path.join(dir, 'linked'));
	return dir;
}

describe('listing a folder', () => {
	it('lists .. first, then folders, then table files, by name with numbers in order; hidden and broken entries left out', () => {
		const dir = folder();
		utimesSync(path.join(dir, 'notes.txt'), new Date('2026-01-02T03:04:05Z'), new Date('2026-01-02T03:04:05Z'));
		const {dir: listed, entries} = listFolder(dir);
		expect(listed).toBe(dir);
		expect(entries.map((entry) => [entry.name, entry.kind])).toEqual([
			['..', 'parent'],
			['Archive', 'folder'],
			['linked', 'folder'],
			['sub2', 'folder'],
			['sub10', 'folder'],
			['file2.csv', 'csv'],
			['file10.csv', 'csv'],
			['notes.txt', 'csv'],
			['People.TSV', 'csv'],
			['Zeta.csv', 'csv'],
		]);
		expect(entries[0]).toEqual({name: '..', path: path.dirname(dir), kind: 'parent'});
		const notes = entries.find((entry) => entry.name === 'notes.txt')!;
		expect(notes).toMatchObject({path: path.join(dir, 'notes.txt'), size: table.length});
		expect(notes.modified?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
		expect(entries.find((entry) => entry.name === 'sub2')!.size).toBeUndefined();
	});

	it('lists other files last when asked', () => {
		const names = listFolder(folder(), '', {otherFiles: true}).entries.map((entry) => entry.name);
		expect(names.at(-1)).toBe('report.pdf');
		expect(names).toHaveLength(11);
	});

	it('filters by name, in any case, keeping ..', () => {
		const dir = folder();
		expect(listFolder(dir, 'FILE').entries.map((entry) => entry.name)).toEqual(['..', 'file2.csv', 'file10.csv']);
		expect(listFolder(path.join(dir, 'sub2'), 'nothing').entries.map((entry) => entry.name)).toEqual(['..']);
	});

	it('has no .. at the root', () => {
		expect(listFolder('/').entries.some((entry) => entry.kind === 'parent')).toBe(false);
	});

	it('says in one line why a folder cannot be listed', () => {
		const dir = folder();
		expect(() => listFolder(path.join(dir, 'nope'))).toThrow(new ListFolderError(`Cannot list ${path.join(dir, 'nope')}: no such folder.`));
		expect(() => listFolder(path.join(dir, 'Zeta.csv'))).toThrow(/not a folder\.$/);
		const locked = path.join(dir, 'locked');
		mkdirSync(locked, {mode: 0o000});
		chmodSync(locked, 0o000);
		// root reads any folder: the refusal is only testable as another user.
		if (process.getuid?.() !== 0) expect(() => listFolder(locked)).toThrow(/permission denied\.$/);
	});
});

describe('which files are CSV', () => {
	const tempFolder = useTempFolders('jc-import-kinds-');
	const utf8 = (text: string) => new TextEncoder().encode(text);

	it('a .csv, .tsv or .txt that reads as a table is CSV; notes, binaries and empty files are files, listed after the CSV files', () => {
		const dir = tempFolder();
		const files: Record<string, string | Buffer> = {
			'staff.csv': 'First Name,Last Name,Email\nAda,Lovelace,ada@example.com\nAlan,Turing,alan@example.com\n',
			'staff-semicolons.TXT': 'sep=;\nFirst;Last;Email\nAda;Lovelace;ada@example.com\n',
			'staff.tsv': 'first\tlast\temail\nAda\tLovelace\tada@example.com\n',
			'header-only.csv': 'Email,First Name\n',
			'utf16.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Email,Name\r\na@example.com,A\r\n', 'utf16le')]),
			'latin1.csv': Buffer.from('Name;City\nJos\xe9;M\xe1laga\n', 'latin1'),
			'notes.txt': '# Meeting notes\n\nWe import the staff on Monday. Alan asked about groups, devices and MFA.\nNothing else.\n',
			// Rows the reader pads or cuts: still a CSV file, named so.
			'ragged.csv': 'Username,First Name,Last Name,Email\njm,J,M\nzoe,Zoe,S,zoe@example.com,extra,more\nada,Ada,L,ada@example.com\nbob,Bob,B,bob@example.com\n,,,,stray\n',
			// The same lines named .txt: prose until the rows say otherwise.
			'ragged.txt': 'Dear team, hello\nthe export is attached, as promised.\nIt has, I think, everyone in it, except Bob.\nRegards\n',
			'one-column.csv': 'email\nada@example.com\nalan@example.com\n',
			'empty.csv': '',
			'workbook.csv': Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64)]),
			'image.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
		};
		for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
		const kinds = Object.fromEntries(listFolder(dir).entries.map((entry) => [entry.name, entry.kind]));
		expect(kinds).toEqual({
			'..': 'parent',
			'header-only.csv': 'csv',
			'latin1.csv': 'csv',
			'staff-semicolons.TXT': 'csv',
			'staff.csv': 'csv',
			'staff.tsv': 'csv',
			'utf16.csv': 'csv',
			'empty.csv': 'file',
			'image.txt': 'file',
			'notes.txt': 'file',
			'one-column.csv': 'file',
			'ragged.csv': 'csv',
			'ragged.txt': 'file',
			'workbook.csv': 'file',
		});
		// Order: the CSV files, then the rest, each by name.
		expect(listFolder(dir).entries.map((entry) => entry.name).slice(1, 9)).toEqual(['header-only.csv', 'latin1.csv', 'ragged.csv', 'staff-semicolons.TXT', 'staff.csv', 'staff.tsv', 'utf16.csv', 'empty.csv']);
	});

	it('only the start of a file is read: a table whose far end is binary is still CSV', () => {
		const dir = tempFolder();
		const rows = Array.from({length: 400}, (_, index) => `user${index},user${index}@example.com,Engineering`).join('\n');
		writeFileSync(path.join(dir, 'big.csv'), Buffer.concat([Buffer.from(`username,email,department\n${rows}\n`), Buffer.alloc(sniffBytes)]));
		expect(listFolder(dir).entries.find((entry) => entry.name === 'big.csv')?.kind).toBe('csv');
	});

	it('tells a table from text with commas here and there', () => {
		expect(isDelimitedText(utf8('Name,Email\nAda,ada@example.com\n'), true)).toBe(true);
		// Rows as wide as the header, a quoted comma and all.
		expect(isDelimitedText(utf8('Name,Title,Email\n"Lovelace, Ada",Countess,ada@example.com\nAlan,Dr,alan@example.com\n'), true)).toBe(true);
		const prose = utf8('Dear team, hello\nthe export is attached, as promised.\nIt has, I think, everyone in it, except Bob.\nRegards\n');
		expect(isDelimitedText(prose, true)).toBe(false);
		// Ragged rows allowed (for a file named .csv): a header of two names is enough.
		expect(isDelimitedText(prose, true, false)).toBe(true);
		expect(isDelimitedText(utf8('Dear team,\nthe export is attached.\n'), true, false)).toBe(false);
		expect(isDelimitedText(utf8('   \n\n'), true)).toBe(false);
		expect(isDelimitedText(utf8('a,b\n1,2\n3\u0000,4\n'), true)).toBe(false);
		// A head cut mid-row: the cut row is left out.
		expect(isDelimitedText(utf8('Name,Email,City\nAda,ada@example.com,London\nAlan,al'), false)).toBe(true);
	});
});
