import {distance} from 'fastest-levenshtein';
import {isEmail, isInteger, isObjectId, isPhone, looksLikeDate, parseBoolean} from '../lib/value-shapes.js';
import {catalog, catalogEntry, isMultiple, type Target} from './catalog.js';
import {bracketHints, compactHeader} from './normalize-header.js';
import {synonyms} from './synonyms.js';

export type ColumnSample = {index: number; header: string; samples: readonly string[]};

/** Names that exist in the directory, so columns of group names or hostnames are recognised by value. */
export type DirectoryNames = {groups: readonly string[]; systems: readonly string[]};

export type MatchReason = 'exact' | 'hint' | 'synonym' | 'pattern' | 'fuzzy' | 'values';

export type ColumnMatch = {
	index: number;
	header: string;
	target: Target | null;
	confidence: number;
	reason: MatchReason | null;
	/** Why, in plain words, one line each: what the header's words said, what the values showed, what vetoed what. */
	evidence: string[];
	/** A custom attribute name offered for a per-user column no attribute fits; never applied on its own. */
	proposal?: Target;
};

type Candidate = {index: number; target: Target; confidence: number; reason: MatchReason};

/** Below this a guess is not worth making: the column stays unmapped for the user to decide. */
const minimumConfidence = 0.4;

/** compact spelling → target, from the catalog keys (exact) and the synonym dictionary. */
const exactKeys = new Map(catalog.map((entry) => [compactHeader(entry.key), entry.key]));
const synonymKeys = new Map<string, Target>();
for (const [target, spellings] of Object.entries(synonyms)) {
	for (const spelling of spellings) synonymKeys.set(compactHeader(spelling), target);
}
const fuzzyPool = [...exactKeys, ...synonymKeys].filter(([spelling]) => spelling.length >= 5);

/**
 * Suggests a target for every column: normalised exact match, then bracket hints and synonyms, then
 * fuzzy spelling, then what the values look like. Single-valued targets go to the most confident
 * column; the others fall back to their next candidate or stay unmapped.
 */
export function matchColumns(columns: readonly ColumnSample[], directory?: DirectoryNames): ColumnMatch[] {
	const candidates = columns.flatMap((column) => columnCandidates(column, directory));
	candidates.sort((a, b) => b.confidence - a.confidence || a.index - b.index);

	const chosen = new Map<number, Candidate>();
	const taken = new Set<Target>();
	for (const candidate of candidates) {
		if (candidate.confidence < minimumConfidence || chosen.has(candidate.index)) continue;
		if (taken.has(candidate.target) && !isMultiple(candidate.target)) continue;
		chosen.set(candidate.index, candidate);
		taken.add(candidate.target);
	}
	return columns.map(({index, header}) => {
		const match = chosen.get(index);
		return {index, header, target: match?.target ?? null, confidence: round(match?.confidence ?? 0), reason: match?.reason ?? null, evidence: []};
	});
}

function columnCandidates(column: ColumnSample, directory: DirectoryNames | undefined): Candidate[] {
	const values = column.samples.map((value) => value.trim()).filter((value) => value !== '');
	const byHeader = headerCandidates(column.header).map(([target, confidence, reason]) => ({
		index: column.index,
		target,
		confidence: confidence * valueFit(target, values),
		reason,
	}));
	// Values speak only when the header said nothing, or said username over a column of addresses.
	const emailsAsUsernames = byHeader.some((guess) => guess.target === 'username' && guess.confidence < minimumConfidence);
	const byValues: Array<[Target, number]> = emailsAsUsernames
		? [['email', 0.7]]
		: byHeader.length === 0
			? valueCandidates(values, directory)
			: [];
	return [...byHeader, ...byValues.map(([target, confidence]) => ({index: column.index, target, confidence, reason: 'values' as const}))];
}

type Guess = [Target, number, MatchReason];

function headerCandidates(header: string): Guess[] {
	const compact = compactHeader(header);
	if (compact === '') return [];

	const pair = /^(?:custom)?attribute(\d{1,3})(name|value)$/.exec(compact);
	if (pair) return [[`attribute:{${pair[2]}:${Number(pair[1])}}`, 1, 'pattern']];
	const custom = /^(?:custom ?attribute|attribute|attr)[ :_-]+([A-Za-z0-9]{1,31})$/i.exec(header.trim());
	if (custom) return [[`attribute:${custom[1]}`, 0.95, 'pattern']];

	const guesses: Guess[] = [];
	const exact = exactKeys.get(compact);
	if (exact) guesses.push([exact, 1, 'exact']);
	const synonym = synonymKeys.get(compact);
	if (synonym) guesses.push([synonym, 0.92, 'synonym']);
	// A hint in brackets (Entra's `[givenName]`) speaks when the words before it do not; when both
	// speak, the words win: `State or province [state]` is a region, not the account state.
	const hintConfidence = exact || synonym ? 0.9 : 0.97;
	for (const hint of bracketHints(header)) {
		const hinted = exactKeys.get(compactHeader(hint)) ?? synonymKeys.get(compactHeader(hint));
		if (hinted) guesses.push([hinted, hintConfidence, 'hint']);
	}
	// A bare `State` is the account state only when its values are states; otherwise a region.
	if (guesses.some(([target]) => target === 'state')) guesses.push(['work_state', 0.6, 'synonym']);
	if (/^(?:user)?(?:group|gruppe|groupe|grupo)s?\d+$/.test(compact)) guesses.push(['group', 0.95, 'pattern']);
	if (guesses.length === 0) guesses.push(...fuzzyCandidates(compact));
	return guesses;
}

/** Misspellings and near forms: `Fristname`, `E-Mail-Addresse`. Confidence falls with the distance. */
function fuzzyCandidates(compact: string): Guess[] {
	if (compact.length < 5) return [];
	let best: {target: Target; similarity: number} | undefined;
	for (const [spelling, target] of fuzzyPool) {
		if (Math.abs(spelling.length - compact.length) > 3) continue;
		const similarity = 1 - distance(spelling, compact) / Math.max(spelling.length, compact.length);
		if (!best || similarity > best.similarity) best = {target, similarity};
	}
	// 0.75 lets one swapped pair of letters through in a 9-letter word (`Fristname`).
	if (!best || best.similarity < 0.75) return [];
	// 0.75 similar → 0.45, identical → 0.85: always below any exact or synonym match.
	return [[best.target, 0.45 + (best.similarity - 0.75) * 1.6, 'fuzzy']];
}

/**
 * How well the samples fit a target the header suggested: 1 when they fit or there are none, less
 * when they plainly do not (a "Username" column full of email addresses is an email column).
 */
function valueFit(target: Target, values: readonly string[]): number {
	if (values.length === 0) return 1;
	const share = (test: (value: string) => boolean) => values.filter(test).length / values.length;
	const kind = catalogEntry(target)?.kind;
	if (target === 'username') return share(isEmail) >= 0.5 ? 0.3 : 1;
	if (kind === 'email') return share(isEmail) >= 0.5 ? 1 : 0.4;
	if (kind === 'integer') return share(isInteger) >= 0.8 ? 1 : 0.5;
	if (kind === 'boolean') return share((value) => parseBoolean(value) !== undefined) >= 0.8 ? 1 : 0.5;
	if (kind === 'state') return share((value) => /^(?:staged|activated|active|suspended)$/i.test(value)) >= 0.8 ? 1 : 0.3;
	if (kind === 'days') return share((value) => isInteger(value) || looksLikeDate(value)) >= 0.8 ? 1 : 0.5;
	if (kind === 'phone') return share((value) => isPhone(value) || /E\+/i.test(value)) >= 0.5 ? 1 : 0.6;
	return 1;
}

/** Guesses from the values alone, for headers that said nothing useful. */
function valueCandidates(values: readonly string[], directory: DirectoryNames | undefined): Array<[Target, number]> {
	if (values.length === 0) return [];
	const share = (test: (value: string) => boolean) => values.filter(test).length / values.length;
	const guesses: Array<[Target, number]> = [];
	if (share(isEmail) >= 0.8) guesses.push(['email', 0.6], ['alternateEmail', 0.45]);
	if (directory) {
		const groups = new Set(directory.groups.map((name) => name.toLowerCase()));
		const systems = new Set(directory.systems.map((name) => name.toLowerCase()));
		const parts = values.flatMap((value) => value.split(/[;|]/).map((part) => part.trim().toLowerCase()).filter(Boolean));
		const partShare = (names: Set<string>) => (parts.length === 0 ? 0 : parts.filter((part) => names.has(part)).length / parts.length);
		if (groups.size > 0 && partShare(groups) >= 0.6) guesses.push(['group', 0.75]);
		if (systems.size > 0 && (partShare(systems) >= 0.6 || share(isObjectId) >= 0.8)) guesses.push(['system', 0.7]);
	}
	return guesses;
}

const round = (value: number) => Math.round(value * 100) / 100;
