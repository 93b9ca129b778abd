import {isAscii} from 'node:buffer';
import {decodeBytes, type EncodingLabel} from './encoding.js';
import {bestLanguages, letterLanguages} from './code-page-letters.js';

/*
 * Which legacy code page a file that is not UTF-8 was written in. Excel saves "CSV" in the
 * machine's ANSI code page: Windows-1252 in Western Europe and the Americas, Windows-1250 in
 * Central Europe, ISO-8859-2 from older Unix tools, Mac Roman from old Mac Excel, Shift_JIS in Japan.
 * The same bytes read under each; the reading whose words are words of one or two languages, with
 * no symbol inside a word (`£ukasz`, `Ma³gorzata`) and no capital inside one (`MŸller`), wins.
 */

/** The single- and double-byte code pages told apart, in the order a tie goes to. */
export const codePages = ['windows-1252', 'windows-1250', 'iso-8859-2', 'macintosh', 'shift_jis'] as const satisfies readonly EncodingLabel[];
export type CodePage = (typeof codePages)[number];

export type CodePageGuess = {encoding: CodePage; confidence: number; runnerUp?: {encoding: CodePage; confidence: number}};

/**
 * A lean towards the more common code page, so only evidence moves the answer off it: a staff list
 * of many Western languages read as Windows-1250 spells a few words as Czech (Søren as Sřren), which
 * must not outweigh Western Excel being the far more common source.
 */
const prior: Record<CodePage, number> = {'windows-1252': 0.1, 'windows-1250': 0.04, 'iso-8859-2': 0.02, macintosh: 0, shift_jis: 0};

/** Bytes of evidence kept: a few thousand names, so a 100k-row file costs no more than a small one. */
const budget = 64 * 1024;
/** Bytes of non-ASCII chunks looked through at most: a big file of the same few names repeated stops here. */
const scanBudget = 4 * 1024 * 1024;
/** Bytes kept around a non-ASCII byte, at most, each way (to the cell's edge when nearer). */
const reach = 48;

/**
 * Collects, from chunks streamed past it, the stretches of text around non-ASCII bytes (to the
 * edges of their cells), distinct and up to a budget; ASCII-only chunks cost one native check.
 */
export class CodePageSample {
	private readonly seen = new Set<string>();
	private size = 0;
	private scanned = 0;

	get full(): boolean {
		return this.size >= budget || this.scanned >= scanBudget;
	}

	push(chunk: Uint8Array): void {
		if (this.full || isAscii(chunk)) return;
		for (let at = 0; at < chunk.length && !this.full; at++) {
			if (chunk[at]! < 0x80) continue;
			let start = at;
			while (start > 0 && at - start < reach && !isCellEdge(chunk[start - 1]!)) start--;
			let end = at + 1;
			// Stretches run on over further non-ASCII bytes of the same cell.
			for (let last = at; end < chunk.length && end - last <= reach && !isCellEdge(chunk[end]!); end++) if (chunk[end]! >= 0x80) last = end;
			this.keep(chunk.subarray(start, end));
			at = end;
		}
		this.scanned += chunk.length;
	}

	/** The stretches kept, one a line. */
	bytes(): Buffer {
		return Buffer.from([...this.seen].join('\n'), 'latin1');
	}

	private keep(stretch: Uint8Array): void {
		const key = Buffer.from(stretch).toString('latin1');
		if (this.seen.has(key)) return;
		this.seen.add(key);
		this.size += stretch.length + 1;
	}
}

/** Line breaks, delimiters and quotes: the same bytes in every candidate (Shift_JIS trail bytes start at 0x40). */
function isCellEdge(byte: number): boolean {
	return byte === 0x0a || byte === 0x0d || byte === 0x2c || byte === 0x3b || byte === 0x09 || byte === 0x22;
}

/** The code page the sample reads best in, how sure that is (0–1), and the next best reading that differs. */
export function guessCodePage(sample: Uint8Array): CodePageGuess {
	const texts = codePages.map((encoding) => ({encoding, text: decodeBytes(sample, encoding)}));
	// Code pages that read the sample the same are one reading: the tie goes to the earlier one.
	const distinct = texts.filter((reading, index) => texts.findIndex((other) => other.text === reading.text) === index);
	const readings = distinct.map(({encoding, text}) => {
		const reading = readWords(text);
		return {encoding, reading, score: fitness(reading, [...reading.words.keys()]) + prior[encoding]};
	});
	readings.sort((a, b) => b.score - a.score || codePages.indexOf(a.encoding) - codePages.indexOf(b.encoding));
	const [best, next] = readings;
	if (!best || best.reading.words.size === 0) return {encoding: 'windows-1252', confidence: 0.5};
	const sound = 1 - best.reading.broken;
	if (!next) return {encoding: best.encoding, confidence: round(sound)};
	// The words the two readings spell differently are the evidence between them.
	const ours = [...best.reading.words.keys()].filter((word) => !next.reading.words.has(word));
	const theirs = [...next.reading.words.keys()].filter((word) => !best.reading.words.has(word));
	const margin = Math.min(1, Math.max(0, fitness(best.reading, ours) - fitness(next.reading, theirs)) / 0.5);
	const confidence = (0.5 + 0.5 * margin) * (ours.length / (ours.length + 0.5)) * sound;
	return {encoding: best.encoding, confidence: round(confidence), runnerUp: {encoding: next.encoding, confidence: round((1 - confidence) * (1 - next.reading.broken))}};
}

const round = (value: number) => Math.round(value * 100) / 100;

/** How well a reading spells these of its words: a broken word costs more than a word of a second language. */
function fitness(reading: Reading, words: readonly string[]): number {
	if (words.length === 0) return 0;
	let total = 0;
	for (const word of words) {
		const mask = reading.words.get(word);
		if (mask === undefined) total -= 1.5;
		else total += 0.5 * Number((mask & reading.language) !== 0) + 0.5 * Number((mask & reading.languages) !== 0);
	}
	return total / words.length;
}

type Reading = {
	/** Distinct words holding a non-ASCII letter, each with the languages (bits) whose alphabet has all its letters; undefined for a damaged word. */
	words: Map<string, number | undefined>;
	/** The share of words damaged: a symbol or a capital inside, or Latin beside kanji. */
	broken: number;
	/** The one language (a bit), and the two languages, that spell the most of the words. */
	language: number;
	languages: number;
};

const separators = /[\s\u00a0,;|"'`()[\]{}<>=:/\\@0-9_+.!?*#&%$^~-]+/u;
const letter = /\p{L}/u;
const upper = /\p{Lu}/u;
const lower = /\p{Ll}/u;
/** Kanji and half-width katakana: never inside a Latin word, which is what Western bytes read as Shift_JIS give. */
const kanjiOrHalfKana = /[\p{Script=Han}\uff61-\uff9f]/u;
const kana = /[\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
/** Apostrophes and dashes typeset inside names (O’Neil, D´Angelo, Jean–Paul): punctuation, not damage. */
const wordPunctuation = new Set(['\u2019', '\u2018', '\u00b4', '\u2013', '\u2014', '\u00b7']);

function readWords(text: string): Reading {
	const words = new Map<string, number | undefined>();
	for (const word of text.split(separators)) {
		if (/[^\x00-\x7f]/.test(word) && letter.test(word) && !words.has(word)) words.set(word, wordLanguages(word));
	}
	const masks = [...words.values()].filter((mask) => mask !== undefined);
	const broken = words.size === 0 ? 0 : (words.size - masks.length) / words.size;
	return {words, broken, ...bestLanguages(masks)};
}

/** The languages (a bit each) that spell every non-ASCII letter of the word; undefined when no reading of it is a word. */
function wordLanguages(word: string): number | undefined {
	const chars = [...word];
	const japanese = chars.some((char) => kanjiOrHalfKana.test(char) || kana.test(char));
	if (japanese) {
		const latin = chars.some((char) => /[A-Za-z\u00c0-\u024f]/.test(char));
		if (latin && chars.some((char) => kanjiOrHalfKana.test(char))) return undefined;
		return chars.every((char) => char < '\x80' || letter.test(char) || char === '\u30fc' || char === '\u3005') ? letterLanguages('日') : undefined;
	}
	let mask = -1;
	for (let index = 0; index < chars.length; index++) {
		const char = chars[index]!;
		const previous = chars[index - 1];
		if (char < '\x80') {
			// A capital right after a non-ASCII small letter: `OíNeil`, Western apostrophes read as Mac Roman.
			if (previous !== undefined && previous >= '\x80' && upper.test(char) && lower.test(previous)) return undefined;
			continue;
		}
		if (wordPunctuation.has(char)) continue;
		if (!letter.test(char)) return undefined;
		// A capital inside a small-letter word: `MŸller`, Mac Roman's ü read as Windows-1252.
		if (upper.test(char) && previous !== undefined && lower.test(previous)) return undefined;
		mask &= letterLanguages(char.toLowerCase());
	}
	return mask;
}
