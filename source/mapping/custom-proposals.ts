import {isObjectId, isStructuredValue} from '../lib/value-shapes.js';
import {catalog, parseTarget, type Target} from './catalog.js';
import {isSecretHeader} from './secret-columns.js';

/** What a proposal needs to know of a column: its header and whether something already takes it. */
export type ProposalColumn = {index: number; header: string; target: Target | null};

/** A column's sample values, by column index (the matcher's `ColumnSample` fits). */
export type ProposalSamples = ReadonlyArray<{index: number; samples: readonly string[]}>;

/** JumpCloud's limit: a custom attribute name is letters and digits, under 32 characters. */
const maxNameLength = 31;

/** Structured cells in at least this share of the filled ones: an object no single attribute can hold. */
const structuredShare = 0.2;
/** Ids, GUIDs, DNs or hashes in at least this share: the directory's own bookkeeping, not a person's. */
const internalShare = 0.5;

const catalogNames = new Set(catalog.map((entry) => entry.key.replace(/_/g, '').toLowerCase()));

/**
 * A custom attribute for each unmapped column that holds something about each person (its values
 * vary from row to row) and is not bookkeeping: not empty or one constant, not structured cells
 * (JSON, `@{…}`), not when a record was created or changed, not an internal id, GUID, DN,
 * objectClass, password or hash. The name comes from the header in camelCase (`Shirt size` →
 * `shirtSize`), unique, never a catalog key's. Only offered: nothing here changes a mapping.
 */
export function proposeCustomAttributes(columns: readonly ProposalColumn[], samples: ProposalSamples): Map<number, Target> {
	const valuesOf = new Map(samples.map((column) => [column.index, column.samples]));
	// Names already in use: the catalog's, and custom attributes other columns feed.
	const taken = new Set(catalogNames);
	for (const column of columns) {
		const parsed = column.target === null ? undefined : parseTarget(column.target);
		if (parsed?.type === 'attribute') taken.add(parsed.name.toLowerCase());
	}
	const proposals = new Map<number, Target>();
	for (const column of columns) {
		if (column.target !== null) continue;
		const values = (valuesOf.get(column.index) ?? []).map((value) => value.trim()).filter((value) => value !== '');
		if (!perPerson(column.header, values)) continue;
		const base = attributeName(column.header);
		if (base === '') continue;
		const name = unique(base, taken);
		taken.add(name.toLowerCase());
		proposals.set(column.index, `attribute:${name}`);
	}
	return proposals;
}

/** The columns with `proposal` set where one is offered and none was given (by the matcher). */
export function withProposals<T extends ProposalColumn & {proposal?: Target}>(columns: readonly T[], samples: ProposalSamples): T[] {
	const proposals = proposeCustomAttributes(columns, samples);
	return columns.map((column) => {
		const proposal = proposals.get(column.index);
		return proposal === undefined || column.proposal !== undefined ? column : {...column, proposal};
	});
}

/**
 * A header as a JumpCloud attribute name: its words in camelCase, accents folded, letters and
 * digits only, at most 31 characters; '' when nothing of it is Latin letters or digits.
 */
export function attributeName(header: string): string {
	const words = header
		.replace(/ß/g, 'ss')
		.replace(/[æÆ]/g, 'ae')
		.replace(/[øØ]/g, 'o')
		.replace(/[łŁ]/g, 'l')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		// camelCase and ACRONYMWord become words of their own before the case is folded.
		.replace(/([a-z\d])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
	const name = words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
	return name.slice(0, maxNameLength);
}

/** `name`, or `name2`, `name3` … (cut to stay within 31) when it is taken, compared without case. */
function unique(name: string, taken: ReadonlySet<string>): string {
	if (!taken.has(name.toLowerCase())) return name;
	for (let n = 2; ; n++) {
		const suffix = String(n);
		const candidate = name.slice(0, maxNameLength - suffix.length) + suffix;
		if (!taken.has(candidate.toLowerCase())) return candidate;
	}
}

/** Whether a column holds something about each person rather than bookkeeping or nothing. */
function perPerson(header: string, values: readonly string[]): boolean {
	if (new Set(values).size < 2) return false;
	if (isSecretHeader(header, values) || bookkeepingHeader(header)) return false;
	const share = (test: (value: string) => boolean) => values.filter(test).length / values.length;
	if (share(isStructuredValue) >= structuredShare) return false;
	return share(internalValue) < internalShare;
}

/** The header's words, folded: `whenCreated` → `when created`, `Date_Modifiée` → `date modifiee`. */
function headerWords(header: string): string {
	return header
		.replace(/([a-z\d])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

// When a record was created or last changed, in the languages the matcher reads; logons too.
// (`\b` knows only ASCII word characters: the Japanese words stand outside it.)
const recordDates =
	/\b(?:created?|creation|modified|modification|modify|updated?|changed?|timestamp|last (?:logon|login|log on|sign in|seen)|pwd last set|erstellt|angelegt|geandert|aktualisiert|cree|creee|modifie|modifiee|creado|creada|modificado|modificada|aangemaakt|gewijzigd|bijgewerkt|creato|creata|modificato|criado|alterado|atualizado|utworzon\w*|zmodyfikowan\w*)\b|作成|更新/;
// Directory bookkeeping: ids, GUIDs, SIDs, DNs, object classes, hashes, replication counters.
const internalWords =
	/\b(?:guid|uuid|sid|dn|distinguished name|object (?:class|category|guid|sid|id)|usn (?:created|changed)|instance type|hash|salt|checksum|etag|revision)\b/;
const internalIds = /^(?:id|oid|key|pk|(?:internal|system|sys|object|record|row|db|database|unique|entry|immutable|source|external|ldap|ad|jc|jumpcloud) ?id)$/;

function bookkeepingHeader(header: string): boolean {
	const words = headerWords(header);
	return recordDates.test(words) || internalWords.test(words) || internalIds.test(words) || /^_/.test(header.trim());
}

const guid = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const distinguishedName = /^(?:cn|ou|dc|uid|o)=[^,]+,\s*(?:cn|ou|dc|uid|o|l|st|c)=/i;
// A hex digest (MD5 and longer), a crypt(3) or LDAP scheme hash, or a long base64 blob (an objectSid).
const hashed = /^(?:[0-9a-f]{32,}|\$(?:2[aby]?|argon2\w*|[1356]|y)\$\S+|\{[A-Z0-9-]{2,12}\}\S+|[A-Za-z0-9+/]{40,}={0,2})$/i;

function internalValue(value: string): boolean {
	return guid.test(value) || isObjectId(value) || distinguishedName.test(value) || hashed.test(value);
}
