import {isEmail, isObjectId} from '../lib/value-shapes.js';
import {isMultiple, type Target} from './catalog.js';
import {readHeader} from './header-concepts.js';
import {readHeaderGuesses, type Guess, type MatchReason} from './header-guesses.js';
import {fullNamesOf, namesPeople, relationToRows, type Identities} from './row-relations.js';
import {isFullName, settleGeneric, share, valueFit} from './value-evidence.js';

export type {MatchReason};

/** `label`: a second name for the column, from a label row under the header (SAP SuccessFactors). */
export type ColumnSample = {index: number; header: string; samples: readonly string[]; label?: string};

/** Names that exist in the directory, so columns of group names or hostnames are recognised by value. */
export type DirectoryNames = {groups: readonly string[]; systems: readonly string[]};

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

type Candidate = Guess & {index: number; notes: string[]};

/** Below this a guess is not worth making: the column stays unmapped for the user to decide. */
const minimumConfidence = 0.4;

/**
 * Suggests a target for every column. The header speaks first (its key, a known name, an LDAP
 * attribute, then its words read as concepts in any supported language, then its spelling); the
 * values confirm, veto or settle it (a region is not "Active"; a generic `ID` of unique codes is the
 * employee ID); and columns that name the people on OTHER rows are managers. Single-valued
 * targets go to the most confident column; the others fall back to their next candidate.
 */
export function matchColumns(columns: readonly ColumnSample[], directory?: DirectoryNames): ColumnMatch[] {
	const read = columns.map((column) => ({column, ...columnCandidates(column, directory)}));
	relateToRows(read);
	wholeNamesAsDisplayName(read);
	addressesFollowHome(read);
	const candidates = read.flatMap((each) => each.candidates);
	candidates.sort((a, b) => b.confidence - a.confidence || a.index - b.index);

	const chosen = new Map<number, Candidate>();
	const taken = new Set<Target>();
	for (const candidate of candidates) {
		if (candidate.confidence < minimumConfidence || chosen.has(candidate.index)) continue;
		if (taken.has(candidate.target) && !isMultiple(candidate.target)) continue;
		chosen.set(candidate.index, candidate);
		taken.add(candidate.target);
	}
	return read.map(({column: {index, header}, notes}) => {
		const match = chosen.get(index);
		const lost = match ? [] : candidates.filter((candidate) => candidate.index === index && candidate.confidence >= minimumConfidence).slice(0, 1);
		const evidence = match
			? [match.evidence, ...match.notes]
			: [...notes, ...lost.map((candidate) => `${candidate.target} went to a column that fits it better (${candidate.evidence})`)];
		return {index, header, target: match?.target ?? null, confidence: round(match?.confidence ?? 0), reason: match?.reason ?? null, evidence};
	});
}

type Read = {column: ColumnSample; candidates: Candidate[]; notes: string[]; values: string[]};

function columnCandidates(column: ColumnSample, directory: DirectoryNames | undefined): Omit<Read, 'column'> {
	const values = column.samples.map((value) => value.trim()).filter((value) => value !== '');
	const byHeader = readHeaderGuesses(column.header);
	// A system key the words cannot read (`CUSTOM03`) is read by its label (`Cost Center`) instead.
	const byLabel = column.label && byHeader.guesses.length === 0 && !byHeader.generic && !byHeader.none ? readHeaderGuesses(column.label) : undefined;
	const header = byLabel && (byLabel.guesses.length > 0 || byLabel.generic || byLabel.none) ? {...byLabel, guesses: byLabel.guesses.map((guess) => ({...guess, evidence: `the label "${column.label}": ${guess.evidence}`}))} : byHeader;
	const notes: string[] = [];
	if (header.none) notes.push(`not mapped: ${header.none}`);
	const candidates: Candidate[] = header.guesses.map((guess) => {
		const {fit, note} = valueFit(guess.target, values);
		return {...guess, index: column.index, confidence: guess.confidence * fit, notes: note ? [`values: ${note}`] : []};
	});
	for (const candidate of candidates) {
		if (candidate.confidence < minimumConfidence && candidate.notes.length > 0) notes.push(`${candidate.target} vetoed by the values: ${candidate.notes[0]!.slice('values: '.length)}`);
	}
	if (header.generic) {
		const settled = settleGeneric(header.generic.options, values, header.language);
		if (settled) candidates.push({target: settled.target, confidence: settled.confidence, reason: 'values', evidence: header.generic.evidence, notes: [`values: ${settled.note}`], index: column.index});
		else notes.push(`${header.generic.evidence}; the values settle nothing`);
	}
	// Values speak alone only when the header said nothing, or said username over a column of addresses.
	const emailsAsUsernames = candidates.some((guess) => guess.target === 'username' && guess.confidence < minimumConfidence);
	if (emailsAsUsernames) candidates.push(valueCandidate(column.index, 'email', 0.7, 'a username column of email addresses is the email'));
	// … or guessed only from some of its words or its spelling: values naming the directory's groups win then.
	else if (!header.generic && !header.none && header.guesses.every((guess) => guess.confidence < 0.75)) candidates.push(...valueCandidates(column.index, values, directory));
	return {candidates, notes, values};
}

/** The column's most confident candidate so far. */
function topOf(each: Read): Candidate | undefined {
	return each.candidates.reduce<Candidate | undefined>((best, candidate) => (!best || candidate.confidence > best.confidence ? candidate : best), undefined);
}

function valueCandidate(index: number, target: Target, confidence: number, evidence: string): Candidate {
	return {index, target, confidence, reason: 'values', evidence: `values: ${evidence}`, notes: []};
}

/** Guesses from the values alone, for headers that said nothing useful. */
function valueCandidates(index: number, values: readonly string[], directory: DirectoryNames | undefined): Candidate[] {
	if (values.length === 0) return [];
	const guesses: Candidate[] = [];
	if (share(values, isEmail) >= 0.8) guesses.push(valueCandidate(index, 'email', 0.6, 'email addresses'), valueCandidate(index, 'alternateEmail', 0.45, 'email addresses'));
	if (directory) {
		const groups = new Set(directory.groups.map((name) => name.toLowerCase()));
		const systems = new Set(directory.systems.map((name) => name.toLowerCase()));
		const parts = values.flatMap((value) => value.split(/[;|]/).map((part) => part.trim().toLowerCase()).filter(Boolean));
		const partShare = (names: Set<string>) => (parts.length === 0 ? 0 : parts.filter((part) => names.has(part)).length / parts.length);
		if (groups.size > 0 && partShare(groups) >= 0.6) guesses.push(valueCandidate(index, 'group', 0.75, "the directory's group names"));
		if (systems.size > 0 && (partShare(systems) >= 0.6 || share(values, isObjectId) >= 0.8)) guesses.push(valueCandidate(index, 'system', 0.7, "the directory's device names or ids"));
	}
	return guesses;
}

/** Targets that name the row's own person: what a relation column is compared with. */
const identityTargets = new Set<Target>(['email', 'username', 'displayname', 'firstname', 'lastname']);
/** Targets a column of other rows' people is mistaken for. */
const relationLookalikes = new Set<Target>(['alternateEmail', 'recoveryEmail', 'email', 'displayname', 'username']);

/**
 * A column whose values name the person on another row is a relation (the manager), never the
 * row's own alternate email; a "manager" column whose values are the row's own person is not one.
 */
function relateToRows(read: Read[]): void {
	const cellsOf = (target: Target) => read.filter((each) => topOf(each)?.target === target && (topOf(each)?.confidence ?? 0) >= minimumConfidence).map((each) => each.column.samples);
	const firsts = cellsOf('firstname');
	const lasts = cellsOf('lastname');
	const identities: Identities = {
		emails: cellsOf('email'),
		usernames: cellsOf('username'),
		fullNames: [...cellsOf('displayname'), ...fullNamesOf(firsts[0], lasts[0])],
	};
	if (identities.emails.length + identities.usernames.length + identities.fullNames.length === 0) return;
	for (const each of read) {
		const top = topOf(each);
		const isIdentity = top !== undefined && identityTargets.has(top.target) && top.confidence >= minimumConfidence && top.reason !== 'values';
		const mayRelate = top === undefined || top.target === 'manager' || relationLookalikes.has(top.target);
		if (!mayRelate || !namesPeople(each.column.samples)) continue;
		// The identity columns themselves are left out of the comparison they are part of.
		const others: Identities = {
			emails: identities.emails.filter((cells) => cells !== each.column.samples),
			usernames: identities.usernames.filter((cells) => cells !== each.column.samples),
			fullNames: identities.fullNames.filter((cells) => cells !== each.column.samples),
		};
		const relation = relationToRows(each.column.samples, others);
		if (relation.compared < 3) continue;
		const percent = (part: number) => `${Math.round(part * 100)}%`;
		if (relation.others >= 0.3 && relation.own < 0.2) {
			for (const candidate of each.candidates) if (candidate.target !== 'manager') candidate.confidence *= 0.4;
			const manager = each.candidates.find((candidate) => candidate.target === 'manager');
			const note = `values: ${percent(relation.others)} name the person on another row: a manager`;
			if (manager) {
				manager.confidence = Math.max(manager.confidence, 0.9);
				manager.notes.push(note);
			} else each.candidates.push({...valueCandidate(each.column.index, 'manager', 0.85, `${percent(relation.others)} name the person on another row: a manager`)});
		} else if (top?.target === 'manager' && relation.own >= 0.5 && !isIdentity) {
			top.confidence *= 0.2;
			each.notes.push(`manager vetoed by the values: ${percent(relation.own)} name the row's own person`);
			if (share(each.values, (value) => /\s/.test(value)) >= 0.6 && identities.fullNames.length === 0) {
				each.candidates.push(valueCandidate(each.column.index, 'displayname', 0.7, "the row's own full name"));
			}
		}
	}
}

/**
 * A first-name header over whole names, with no last-name column beside it, is the full name
 * (Brazil's `Nome` holds `Maria Clara Souza`): the display name, from which first and last are derived.
 */
function wholeNamesAsDisplayName(read: Read[]): void {
	const tops = read.map((each) => ({each, top: topOf(each)}));
	if (tops.some(({top}) => top && top.confidence >= minimumConfidence && (top.target === 'lastname' || top.target === 'displayname'))) return;
	for (const {each, top} of tops) {
		if (top?.target !== 'firstname' || share(each.values, isFullName) < 0.8) continue;
		top.confidence *= 0.5;
		each.candidates.push(valueCandidate(each.column.index, 'displayname', 0.88, 'whole names (two or more words) under a first-name header, and no last-name column: the full name'));
	}
}

const addressPart = /^work_(streetAddress|poBox|city|state|postalCode|country)$/;

/**
 * An address part that does not say whose is the office's, unless the file's other address parts
 * say home and none says work: `Straat`, `Postcode` beside `Woonplaats` (home town) are one home address.
 */
function addressesFollowHome(read: Read[]): void {
	const saysWork = (each: Read) => readHeader(each.column.header).concepts.includes('work');
	const parts = read.flatMap((each) => each.candidates.filter((candidate) => candidate.confidence >= minimumConfidence && /^(?:home|work)_(?:streetAddress|poBox|city|state|postalCode|country)$/.test(candidate.target)).map((candidate) => ({each, candidate})));
	if (!parts.some(({candidate}) => candidate.target.startsWith('home_')) || parts.some(({each, candidate}) => candidate.target.startsWith('work_') && saysWork(each))) return;
	for (const {candidate} of parts) {
		const part = addressPart.exec(candidate.target)?.[1];
		if (!part) continue;
		candidate.target = `home_${part}`;
		candidate.notes.push('the file\'s other address parts are the home address, and none says work');
	}
}

const round = (value: number) => Math.round(value * 100) / 100;
