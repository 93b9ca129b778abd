/**
 * LDAP distinguished names as directory exports write them (RFC 4514): Active Directory gives a
 * manager as `CN=Doe\, Jane,OU=Staff,DC=corp,DC=example,DC=com`, not as an email or a username.
 */

/** One attribute of a relative distinguished name, its value unescaped. */
export type DnAttribute = {type: string; value: string};
/** One step of the name, most specific first; several attributes when joined with `+`. */
export type Rdn = DnAttribute[];

/** A type is a name (`CN`, `ou`, `msDS-x`) or an OID (`2.5.4.3`). */
const attributeType = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)$/;

/**
 * The name's RDNs, most specific first, or undefined when the text is not a DN. Values are
 * unescaped (`\,` `\2C` and UTF-8 hex pairs such as `\C3\A9`); a `#` hex value is kept as written;
 * the old forms are read too (a quoted value, `;` between RDNs, spaces around separators).
 */
export function parseDn(text: string): Rdn[] | undefined {
	const rdns: Rdn[] = [];
	let rdn: Rdn = [];
	let at = 0;
	const skipSpaces = () => {
		while (text[at] === ' ') at++;
	};
	skipSpaces();
	if (at === text.length) return undefined;
	while (at < text.length) {
		const equals = text.indexOf('=', at);
		if (equals < 0) return undefined;
		const type = text.slice(at, equals).trim();
		if (!attributeType.test(type)) return undefined;
		at = equals + 1;
		skipSpaces();
		const read = readValue(text, at);
		if (!read) return undefined;
		rdn.push({type, value: read.value});
		at = read.end;
		skipSpaces();
		const separator = text[at];
		if (separator === undefined) break;
		at++;
		skipSpaces();
		if (separator !== ',' && separator !== ';' && separator !== '+') return undefined;
		if (at === text.length) return undefined; // a trailing separator
		if (separator === '+') continue;
		rdns.push(rdn);
		rdn = [];
	}
	rdns.push(rdn);
	return rdns;
}

/** Whether a cell holds a DN: `CN=…,OU=…` or `uid=…,dc=…` (two steps at least, so `a=b` in a note is not one). */
export function isDistinguishedName(value: string): boolean {
	const rdns = parseDn(value);
	return rdns !== undefined && rdns.length >= 2;
}

/** The common name the DN starts with (`Jane Doe` for `CN=Jane Doe,OU=Staff,…`): what a person is called. */
export function cnOf(dn: string): string | undefined {
	return parseDn(dn)?.[0]?.find((attribute) => attribute.type.toLowerCase() === 'cn' || attribute.type === '2.5.4.3')?.value;
}

/** The first value of a type anywhere in the DN (`uid`, `ou`), types compared in any case. */
export function dnValue(dn: string, type: string): string | undefined {
	const wanted = type.toLowerCase();
	for (const rdn of parseDn(dn) ?? []) {
		const found = rdn.find((attribute) => attribute.type.toLowerCase() === wanted);
		if (found) return found.value;
	}
	return undefined;
}

/** The DNS domain of the DN's `DC=` parts (`corp.example.com`), undefined without any. */
export function domainOf(dn: string): string | undefined {
	const parts = (parseDn(dn) ?? []).flatMap((rdn) => rdn.filter((attribute) => attribute.type.toLowerCase() === 'dc').map((attribute) => attribute.value));
	return parts.length > 0 ? parts.join('.') : undefined;
}

/** One value from `at`: quoted, `#` hex, or plain up to an unescaped separator; undefined when malformed. */
function readValue(text: string, at: number): {value: string; end: number} | undefined {
	if (text[at] === '"') {
		const close = findClosingQuote(text, at + 1);
		if (close < 0) return undefined;
		return {value: unescape(text.slice(at + 1, close)), end: close + 1};
	}
	if (text[at] === '#') {
		const hex = /^#(?:[0-9A-Fa-f]{2})+/.exec(text.slice(at));
		if (!hex) return undefined;
		return {value: hex[0], end: at + hex[0].length};
	}
	let end = at;
	while (end < text.length && !',;+'.includes(text[end]!)) {
		if (text[end] === '\\') {
			end += 2;
			continue;
		}
		if (text[end] === '"') return undefined;
		end++;
	}
	if (end > text.length) return undefined; // a lone backslash at the end
	// Spaces before a separator are not part of the value unless escaped.
	let valueEnd = end;
	while (valueEnd > at && text[valueEnd - 1] === ' ' && text[valueEnd - 2] !== '\\') valueEnd--;
	return {value: unescape(text.slice(at, valueEnd)), end};
}

function findClosingQuote(text: string, from: number): number {
	for (let at = from; at < text.length; at++) {
		if (text[at] === '\\') at++;
		else if (text[at] === '"') return at;
	}
	return -1;
}

/** `\,` becomes `,`; runs of `\XX` hex pairs are UTF-8 bytes. */
function unescape(raw: string): string {
	const bytes: number[] = [];
	let out = '';
	const flush = () => {
		if (bytes.length === 0) return;
		out += Buffer.from(bytes).toString('utf8');
		bytes.length = 0;
	};
	for (let at = 0; at < raw.length; at++) {
		if (raw[at] !== '\\') {
			flush();
			out += raw[at];
			continue;
		}
		const pair = raw.slice(at + 1, at + 3);
		if (/^[0-9A-Fa-f]{2}$/.test(pair)) {
			bytes.push(Number.parseInt(pair, 16));
			at += 2;
			continue;
		}
		flush();
		out += raw[at + 1] ?? '';
		at++;
	}
	flush();
	return out;
}
