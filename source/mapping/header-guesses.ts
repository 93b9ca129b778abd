import {distance} from 'fastest-levenshtein';
import {catalog, type Target} from './catalog.js';
import {composeTarget} from './compose-target.js';
import {readHeader} from './header-concepts.js';
import {fillingNotes} from './header-tokens.js';
import {ldapAttributes, ldapSecondary} from './ldap-attributes.js';
import {bracketHints, compactHeader} from './normalize-header.js';
import {synonyms} from './synonyms.js';

export type MatchReason = 'exact' | 'hint' | 'synonym' | 'ldap' | 'concepts' | 'pattern' | 'fuzzy' | 'values';

/** One reading of a header: a target with a confidence, how it was found, and why in words. */
export type Guess = {target: Target; confidence: number; reason: MatchReason; evidence: string};

/**
 * What a header says on its own:
 * - `guesses`: targets it names, best first;
 * - `generic`: it names a kind of value several targets hold (`Name`, `ID`): the values choose;
 * - `none`: its words say it is none of ours (`Hire date`, `Emergency contact phone`), so no
 *   spelling likeness or value sniffing may map it either.
 */
export type HeaderReading = {guesses: Guess[]; generic?: {options: Target[]; evidence: string}; none?: string; language?: string};

/** compact spelling → target, from the catalog keys (exact) and the synonym dictionary. */
const exactKeys = new Map(catalog.map((entry) => [compactHeader(entry.key), entry.key]));
const synonymKeys = new Map<string, Target>();
for (const [target, spellings] of Object.entries(synonyms)) {
	for (const spelling of spellings) synonymKeys.set(compactHeader(spelling), target);
}
const fuzzyPool = [...exactKeys, ...synonymKeys].filter(([spelling]) => spelling.length >= 5);

/** Words that make a header about another person or a record's bookkeeping, never the user's own attribute. */
const otherPerson = /^(?:emergency|contact|spouse|partner|parent|beneficiary|dependent|dependant|relative|kin|guardian|notfall|notfallkontakt|angehoriger|urgence|emergencia|contacto|nood|noodcontact|emergenza|contato|awaryjny|kontakt|緊急連絡先|緊急)$/;

export function readHeaderGuesses(header: string): HeaderReading {
	// What parentheses hold is part of the name (`Phone (mobile)`), unless it says how to fill it in (`(Yes/No)`).
	const compact = compactHeader(header.replace(/\(([^)]*)\)/g, (whole, inside: string) => (fillingNotes.test(inside.trim()) ? whole : ` ${inside} `)));
	if (compact === '') return {guesses: []};
	const guess = (target: Target, confidence: number, reason: MatchReason, evidence: string): Guess => ({target, confidence, reason, evidence});

	const pair = /^(?:custom)?attribute(\d{1,3})(name|value)$/.exec(compact);
	if (pair) return {guesses: [guess(`attribute:{${pair[2]}:${Number(pair[1])}}`, 1, 'pattern', 'a PowerShell AttributeN name/value column')]};
	const custom = /^(?:custom ?attribute|attribute|attr)[ :_-]+([A-Za-z0-9]{1,31})$/i.exec(header.trim());
	if (custom) return {guesses: [guess(`attribute:${custom[1]}`, 0.95, 'pattern', 'names a custom attribute')]};

	const guesses: Guess[] = [];
	const exact = exactKeys.get(compact);
	if (exact) guesses.push(guess(exact, 1, 'exact', 'the header is the attribute key'));
	const ldap = ldapAttributes.get(header.trim().toLowerCase());
	if (ldap === null && !exact) return {guesses: [], none: `${header.trim()} is an LDAP/AD attribute with no JumpCloud counterpart`};
	// A secondary attribute (`c` beside `co`, the UPN beside `mail`) yields to the better one when both are columns.
	if (ldap && !exact) guesses.push(guess(ldap, ldapSecondary.has(header.trim().toLowerCase()) ? 0.88 : 0.92, 'ldap', `the LDAP/AD attribute ${header.trim()}`));
	const synonym = synonymKeys.get(compact);
	if (synonym) guesses.push(guess(synonym, 0.92, 'synonym', 'a known name for it'));
	// A hint in brackets (Entra's `[givenName]`) speaks when the words before it do not; when both
	// speak, the words win: `State or province [state]` is a region, not the account state.
	const hintConfidence = exact || synonym ? 0.9 : 0.97;
	for (const hint of bracketHints(header)) {
		const hinted = exactKeys.get(compactHeader(hint)) ?? synonymKeys.get(compactHeader(hint)) ?? ldapAttributes.get(hint.toLowerCase());
		if (hinted) guesses.push(guess(hinted, hintConfidence, 'hint', `the hint [${hint}]`));
	}
	// A bare `State` is the account state only when its values are states; otherwise a region.
	if (guesses.some(({target}) => target === 'state')) guesses.push(guess('work_state', 0.6, 'synonym', '"state" may be a region'));
	if (/^(?:user)?(?:group|gruppe|groupe|grupo)s?\d+$/.test(compact)) guesses.push(guess('group', 0.95, 'pattern', 'a numbered group column'));
	if (guesses.length > 0) return {guesses};

	const reading = readHeader(header);
	if (reading.unknown.some((word) => otherPerson.test(word)) || reading.terms.some((term) => otherPerson.test(term.split(' → ')[0]!))) {
		return {guesses: [], none: 'about another person (emergency contact, relative)'};
	}
	const composed = composeTarget(reading.concepts);
	const words = reading.terms.join(', ');
	const unknown = reading.unknown.length > 0 ? `; unknown: ${reading.unknown.join(', ')}` : '';
	if (composed?.kind === 'none') return {guesses: [], none: `header words (${words}): ${composed.rule}`};
	if (composed?.kind === 'generic') return {guesses: [], generic: {options: composed.options, evidence: `header words (${words}): ${composed.rule}${unknown}`}, language: reading.language};
	if (composed?.kind === 'target') {
		// Each word no lexicon knows may change the meaning (`Emergency phone`): less sure, and with
		// two such words, not sure enough to map at all.
		const confidence = Math.max(0, 0.86 - 0.25 * reading.unknown.length);
		return {guesses: [guess(composed.target, confidence, 'concepts', `header words (${words}) → ${composed.rule}${unknown}`)], language: reading.language};
	}
	if (reading.concepts.length > 0) return {guesses: [], language: reading.language};
	return {guesses: fuzzyGuesses(compact)};
}

/** Misspellings and near forms: `Fristname`, `E-Mail-Addresse`. Confidence falls with the distance. */
function fuzzyGuesses(compact: string): Guess[] {
	if (compact.length < 5) return [];
	let best: {target: Target; similarity: number; spelling: string} | undefined;
	for (const [spelling, target] of fuzzyPool) {
		if (Math.abs(spelling.length - compact.length) > 3) continue;
		const similarity = 1 - distance(spelling, compact) / Math.max(spelling.length, compact.length);
		if (!best || similarity > best.similarity) best = {target, similarity, spelling};
	}
	// 0.75 lets one swapped pair of letters through in a 9-letter word (`Fristname`).
	if (!best || best.similarity < 0.75) return [];
	// 0.75 similar → 0.45, identical → 0.85: always below any exact or synonym match.
	return [{target: best.target, confidence: 0.45 + (best.similarity - 0.75) * 1.6, reason: 'fuzzy', evidence: `spelt like "${best.spelling}"`}];
}
