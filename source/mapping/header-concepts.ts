import {foldText, headerTokens, isCjk, spelledOut} from './header-tokens.js';
import type {Concept, Lexicon} from './lexicon/concepts.js';
import {lexicons, type LanguageCode} from './lexicon/index.js';

/** What a header's words say: the concepts found, the words no lexicon knows, and the language read. */
export type HeaderReading = {
	concepts: Concept[];
	/** Words that carry meaning but are in no lexicon (`hire`, `Geburtsdatum`): they weaken a match. */
	unknown: string[];
	language: LanguageCode | undefined;
	/** The words matched, as `term → concepts`, for the column's evidence. */
	terms: string[];
};

type Term = {tokens: string[]; concepts: readonly Concept[]};
type Dictionary = {phrases: Map<string, Term[]>; words: Map<string, readonly Concept[]>; cjk: Array<[string, readonly Concept[]]>; longestWord: number};

const languages = Object.keys(lexicons) as LanguageCode[];
/** Compiled on the first header read, not at load: a resume, which runs its recorded mapping, reads none. */
let dictionaries: Map<LanguageCode, Dictionary> | undefined;

function dictionary(language: LanguageCode): Dictionary {
	dictionaries ??= new Map(languages.map((each) => [each, compile(lexicons[each])]));
	return dictionaries.get(language)!;
}

/** Phrases by their first word, longest first; single words; CJK terms longest first. */
function compile(lexicon: Lexicon): Dictionary {
	const phrases = new Map<string, Term[]>();
	const words = new Map<string, readonly Concept[]>();
	const cjkTerms: Array<[string, readonly Concept[]]> = [];
	let longestWord = 0;
	for (const [term, meaning] of Object.entries(lexicon)) {
		const concepts: readonly Concept[] = typeof meaning === 'string' ? [meaning] : meaning;
		if (isCjk(term) && !/\s/.test(term)) {
			// Folded as headers are (foldText drops the sound marks: パスワード is read as ハスワート).
			cjkTerms.push([foldText(term.normalize('NFKC')), concepts]);
			continue;
		}
		const tokens = headerTokens(term);
		if (tokens.length === 0) continue;
		if (tokens.length === 1) {
			words.set(tokens[0]!, concepts);
			longestWord = Math.max(longestWord, tokens[0]!.length);
			continue;
		}
		const list = phrases.get(tokens[0]!) ?? [];
		list.push({tokens, concepts});
		phrases.set(tokens[0]!, list);
	}
	for (const list of phrases.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
	cjkTerms.sort((a, b) => b[0].length - a[0].length);
	return {phrases, words, cjk: cjkTerms, longestWord};
}

const cache = new Map<string, HeaderReading>();

/**
 * Reads a header in the language that explains most of its words; a word that language does not
 * know is looked up in the others (an English `ID` in a Dutch export). Phrases win over their words.
 */
export function readHeader(header: string): HeaderReading {
	const cached = cache.get(header);
	if (cached) return cached;
	let reading: HeaderReading;
	const tokens = headerTokens(header);
	let best: (HeaderReading & {known: number}) | undefined;
	for (const language of languages) {
		const read = readIn(tokens, dictionary(language));
		const known = tokens.length - read.unknown.length;
		if (!best || known > best.known) best = {...read, language, known};
	}
	reading = {concepts: [], unknown: [], language: undefined, terms: []};
	if (best && best.known > 0) {
		type Rest = {token: string; read: ReturnType<typeof readIn> | undefined};
		const rest = best.unknown.map((token): Rest => {
			for (const language of languages) {
				const read = readIn([token], dictionary(language));
				if (read.unknown.length === 0) return {token, read};
			}
			return {token, read: undefined};
		});
		reading = {
			concepts: [...best.concepts, ...rest.flatMap(({read}) => read?.concepts ?? [])],
			unknown: rest.filter(({read}) => !read).map(({token}) => token),
			language: best.language,
			terms: [...best.terms, ...rest.flatMap(({read}) => read?.terms ?? [])],
		};
	} else if (tokens.length > 0) {
		reading = {concepts: [], unknown: tokens.filter((token) => !/^\d+$/.test(token)), language: undefined, terms: []};
	}
	if (cache.size > 5000) cache.clear();
	cache.set(header, reading);
	return reading;
}

function readIn(tokens: readonly string[], dictionary: Dictionary): {concepts: Concept[]; unknown: string[]; terms: string[]} {
	const concepts: Concept[] = [];
	const unknown: string[] = [];
	const terms: string[] = [];
	const found = (term: string, meaning: readonly Concept[]) => {
		concepts.push(...meaning);
		terms.push(`${term} → ${meaning.join(' + ')}`);
	};
	for (let at = 0; at < tokens.length; ) {
		const token = tokens[at]!;
		if (/^\d+$/.test(token)) {
			at++;
			continue;
		}
		const phrase = dictionary.phrases.get(token)?.find((term) => term.tokens.every((word, offset) => tokens[at + offset] === word));
		if (phrase) {
			found(phrase.tokens.join(' '), phrase.concepts);
			at += phrase.tokens.length;
			continue;
		}
		const word = dictionary.words.get(token);
		if (word) found(token, word);
		else if (isCjk(token)) readCjk(token, dictionary, found, unknown);
		else {
			const parts = splitCompound(token, dictionary);
			if (parts) for (const part of parts) found(part, dictionary.words.get(spelledOut(part))!);
			else unknown.push(token);
		}
		at++;
	}
	return {concepts, unknown, terms};
}

/** The longest known terms inside a CJK run, left to right (`社員姓` → 社員 + 姓); a run with none is unknown. */
function readCjk(run: string, dictionary: Dictionary, found: (term: string, meaning: readonly Concept[]) => void, unknown: string[]) {
	let matched = 0;
	for (let at = 0; at < run.length; ) {
		const term = dictionary.cjk.find(([text]) => run.startsWith(text, at));
		if (term) {
			found(term[0], term[1]);
			matched += term[0].length;
			at += term[0].length;
		} else at++;
	}
	if (matched === 0) unknown.push(run);
}

/**
 * A compound read as known words that make it up whole: German and Dutch (`privattelefon` →
 * privat + telefon, `mitarbeiternummer`), with a linking s (`geschäftsadresse`), and run-together
 * keys (`empid`, `bizphone`, `hiredate`). Only the last part may be two letters (`id`, `nr`).
 */
function splitCompound(token: string, dictionary: Dictionary): string[] | undefined {
	if (token.length < 5) return undefined;
	const known = (part: string) => dictionary.words.has(spelledOut(part));
	const split = (from: number): string[] | undefined => {
		if (from === token.length) return [];
		for (let end = Math.min(token.length, from + dictionary.longestWord); end - from >= 2; end--) {
			const part = token.slice(from, end);
			if ((part.length < 3 && end !== token.length) || !known(part)) continue;
			const rest = split(end) ?? (token[end] === 's' ? split(end + 1) : undefined);
			if (rest) return [part, ...rest];
		}
		return undefined;
	};
	const parts = split(0);
	return parts && parts.length > 1 ? parts : undefined;
}
