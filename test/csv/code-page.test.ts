import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {CodePageSample, guessCodePage} from '../../source/csv/code-page.js';
import type {EncodingLabel} from '../../source/csv/encoding.js';
import {openCsv} from '../../source/csv/open-csv.js';
import {useTempFolders} from '../support/temp-dir.js';
import {csvText, internationalStaff, texts} from './code-page-texts.js';
import {legacyBytes} from './legacy-bytes.js';

const scratch = useTempFolders('jc-code-page-');

function guess(bytes: Buffer) {
	const sample = new CodePageSample();
	sample.push(bytes);
	return guessCodePage(sample.bytes());
}

describe('the code-page guess', () => {
	it.each<[keyof typeof texts, EncodingLabel]>([
		['polish', 'windows-1250'],
		['polish', 'iso-8859-2'],
		['czech', 'windows-1250'],
		['czech', 'iso-8859-2'],
		['german', 'windows-1252'],
		['german', 'macintosh'],
		['french', 'windows-1252'],
		['french', 'macintosh'],
		['japanese', 'shift_jis'],
	])('reads %s written in %s', (language, encoding) => {
		const result = guess(legacyBytes(csvText(texts[language]), encoding));
		expect(result.encoding).toBe(encoding);
		expect(result.runnerUp?.encoding).not.toBe(encoding);
		expect(result.confidence).toBeGreaterThan(result.runnerUp?.confidence ?? 0);
	});

	it.each<[string, EncodingLabel, string]>([
		['Hungarian', 'windows-1250', 'Vezetéknév;Keresztnév;Város\nKovács;Ödön;Győr\nSzőke;Béla;Pécs\nTűz;Réka;Debrecen\nNagy;Ágnes;Székesfehérvár\n'],
		['Slovak', 'windows-1250', 'Priezvisko;Meno;Mesto\nĽupták;Ľubomír;Žilina\nŠťastný;Ján;Košice\nPálffy;Ľudmila;Poprad\n'],
		['Romanian', 'windows-1250', 'Nume;Prenume;Oras\nPopescu;Ştefan;Brăila\nIonescu;Ioana;Timişoara\nDumitrescu;Ţuţu;Constanţa\n'],
		['Spanish', 'windows-1252', 'Nombre;Apellidos;Ciudad\nJosé;Muñoz Peña;Málaga\nMaría;Ibáñez;León\nÁngel;Núñez;Córdoba\n'],
		['Swedish', 'windows-1252', 'Förnamn;Efternamn;Ort\nÅsa;Björk;Göteborg\nLars;Öberg;Malmö\nKarin;Åkesson;Västerås\n'],
		['Portuguese', 'windows-1252', 'Nome;Sobrenome;Cidade\nJoão;Conceição;São Paulo\nAntônio;Araújo;Maceió\n'],
		['Danish', 'windows-1252', 'Fornavn;Efternavn;By\nSøren;Kierkegaard;København\nÆrø;Ødegaard;Århus\n'],
		['Spanish from an old Mac', 'macintosh', 'Nombre;Apellidos;Ciudad\nJosé;Muñoz Peña;Málaga\nMaría;Ibáñez;León\n'],
		['Czech from a Unix tool', 'iso-8859-2', 'Příjmení;Jméno\nŠťastná;Zuzana\nŽák;Šimon\nNováková;Šárka\n'],
	])('reads a %s list written in %s', (_, encoding, text) => {
		expect(guess(legacyBytes(text, encoding)).encoding).toBe(encoding);
	});

	it('is sure of a Polish file whose names break in every other code page, and says which came next', () => {
		const result = guess(legacyBytes(csvText(texts.polish), 'windows-1250'));
		expect(result.confidence).toBeGreaterThanOrEqual(0.9);
		expect(result.runnerUp?.encoding).toBe('iso-8859-2');
	});

	it('keeps a Western staff list of many languages in Windows-1252, though Czech spells a few of its words', () => {
		const result = guess(legacyBytes(csvText(internationalStaff), 'windows-1252'));
		expect(result.encoding).toBe('windows-1252');
		expect(result.runnerUp?.encoding).toBe('windows-1250');
	});

	it('is unsure when a single word tells the code pages apart', () => {
		const result = guess(legacyBytes('Name;Ort\r\nAda;Köln\r\n', 'windows-1252'));
		expect(result.encoding).toBe('windows-1252');
		expect(result.confidence).toBeLessThan(0.9);
	});

	it('keeps every Windows-1252 fixture in Windows-1252', async () => {
		for (const fixture of ['fixtures/layouts/personio-de.csv', 'fixtures/layouts/csvde-ad.csv', 'fixtures/csv/windows-1252.csv']) {
			const csv = await openCsv(fixture);
			expect(csv.layout.encoding, fixture).toBe('windows-1252');
			expect(guess(readFileSync(fixture)).encoding, fixture).toBe('windows-1252');
		}
	});

	it('reads the Comarch Polish export fixture as Windows-1250', async () => {
		const csv = await openCsv('fixtures/layouts/comarch-pl.csv');
		expect(csv.layout.encoding).toBe('windows-1250');
		expect(csv.layout.headers).toContain('Imię');
	});

	it('reads the first Polish name on line 30,000 of a file as Windows-1250', async () => {
		const filler = Array.from({length: 30_000}, (_, index) => `Anna;Nowak${index};anna${index}@example.pl;Analityk;Opole`);
		const lines = [texts.polish[0]!.replace('Imię', 'Imie').replace('Miejscowość', 'Miasto'), ...filler, ...texts.polish.slice(1)];
		const file = `${scratch()}/late.csv`;
		writeFileSync(file, legacyBytes(csvText(lines), 'windows-1250'));
		const csv = await openCsv(file);
		expect(csv.layout.encoding).toBe('windows-1250');
		expect(csv.encodingCertainty.confidence).toBeGreaterThan(0.8);
	});

	it('is certain of what the bytes announce or the admin told', async () => {
		const file = `${scratch()}/told.csv`;
		writeFileSync(file, legacyBytes(csvText(texts.polish), 'windows-1250'));
		const told = await openCsv(file, {encoding: 'windows-1252'});
		expect(told.layout.encoding).toBe('windows-1252');
		expect(told.encodingCertainty).toEqual({confidence: 1});
		expect(told.layout.headers[4]).toBe('Miejscowoœæ');
	});
});
