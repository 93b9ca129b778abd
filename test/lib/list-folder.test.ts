import {chmodSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {listFolder, ListFolderError} from '../../source/lib/list-folder.js';

function folder(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'jc-import-list-'));
	for (const name of ['file10.csv', 'file2.csv', 'People.TSV', 'notes.txt', 'report.pdf', '.hidden.csv', 'Zeta.csv']) writeFileSync(path.join(dir, name), 'abc');
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
		expect(notes).toMatchObject({path: path.join(dir, 'notes.txt'), size: 3});
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
