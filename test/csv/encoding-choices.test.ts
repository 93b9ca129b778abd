import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {encodingChoices} from '../../source/csv/encoding-choices.js';
import {openCsv} from '../../source/csv/index.js';
import {tempFolder} from '../support/temp-dir.js';

function writeCsv(bytes: Buffer): string {
	const file = path.join(tempFolder('jc-import-enc-'), 'users.csv');
	writeFileSync(file, bytes);
	return file;
}

/** ASCII text with `{xx}` standing for one raw byte. */
const bytes = (text: string) => Buffer.from(text.replace(/\{([0-9a-f]{2})\}/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');

describe('encoding choices', () => {
	it('shows the same non-ASCII cells under each candidate, names first', async () => {
		// Windows-1250: Ž 8E, ž 9E, ř F8, á E1, ü FC, é E9.
		const file = writeCsv(
			bytes(
				[
					'Pr{e9}nom;Nom;E-Mail;Notes',
					'Slavoj;{8e}i{9e}ek;slavoj.zizek@example.com;Philosoph und Kulturkritiker aus Ljubljana, {9e}ije v Sloveniji',
					'Anton{ed}n;Dvo{f8}{e1}k;antonin@example.com;x',
					'J{fc}rgen;M{fc}ller;j{fc}rgen.m{fc}ller@example.com;',
					'Slavoj;{8e}i{9e}ek;slavoj2@example.com;',
				].join('\r\n'),
			),
		);
		const choices = await encodingChoices(file);
		expect(choices.map((choice) => choice.encoding)).toEqual(['windows-1252', 'windows-1250', 'macintosh', 'utf-8']);
		const of = (encoding: string) => choices.find((choice) => choice.encoding === encoding)!.samples;
		// Five distinct cells: short names (shortest first, then in file order) before the longer
		// name, the address and the long note; Žižek once.
		expect(of('windows-1250')).toEqual(['Žižek', 'Prénom', 'Dvořák', 'Jürgen', 'Müller']);
		expect(of('windows-1252')).toEqual(['Žižek', 'Prénom', 'Dvoøák', 'Jürgen', 'Müller']);
		expect(of('macintosh')).toEqual(['éiûek', 'PrÈnom', 'Dvo¯·k', 'J¸rgen', 'M¸ller']);
		for (const sample of of('utf-8')) expect(sample).toContain('\ufffd');
		// The chosen one reads the file.
		const csv = await openCsv(file, {encoding: 'windows-1250'});
		expect((await csv.sample(2))[1]!.cells.slice(0, 2)).toEqual(['Antonín', 'Dvořák']);
		const mac = await openCsv(file, {encoding: 'macintosh'});
		expect(mac.layout.headers[0]).toBe('PrÈnom');
	});

	it('cuts a long cell around its first accent', async () => {
		const note = `${'a'.repeat(30)}Caf{e9} ${'b'.repeat(60)}`;
		const file = writeCsv(bytes(`Name,Note\nAda,${note}\n`));
		const [first] = await encodingChoices(file);
		// 40 bytes from 10 before the accent.
		expect(first!.samples).toEqual([`…${'a'.repeat(7)}Café ${'b'.repeat(28)}…`]);
	});

	it('offers nothing for UTF-8, a BOM or UTF-16', async () => {
		expect(await encodingChoices(writeCsv(Buffer.from('Name,Email\nMüller,m@example.com\n', 'utf8')))).toEqual([]);
		expect(await encodingChoices(writeCsv(Buffer.from('\ufeffName,Email\nMüller,m@example.com\n', 'utf8')))).toEqual([]);
		expect(await encodingChoices(writeCsv(Buffer.from('\ufeffName,Email\nMüller,m@example.com\n', 'utf16le')))).toEqual([]);
		expect(await encodingChoices(writeCsv(Buffer.from('Name,Email\nAda,a@example.com\n')))).toEqual([]);
	});

	it('finds an accent far down the file', async () => {
		const lines = ['Name,Email', ...Array.from({length: 20_000}, (_, index) => `user${index},user${index}@example.com`), 'Ren{e9},rene@example.com'];
		const [first] = await encodingChoices(writeCsv(bytes(`${lines.join('\n')}\n`)));
		expect(first).toEqual({encoding: 'windows-1252', samples: ['René']});
	});
});
