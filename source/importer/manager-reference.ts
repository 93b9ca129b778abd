/*
 * How a manager cell names someone, as HR exports give it: a username, an email, a JumpCloud user
 * id, a display name ("Marie Curie"), or an LDAP distinguished name ("CN=Marie Curie,OU=Staff,...").
 * JumpCloud keeps no DN for its users, so a DN is matched by its CN, as a username or a display name.
 */

export type ManagerReference = {
	/** The cell as the file gives it (what warnings quote). */
	cell: string;
	/** Lowercased: compared with usernames, emails and ids. */
	key: string;
	/** Compared with display names (see `nameKey`). */
	name: string;
	/** The CN when the cell is a DN: what is looked up. */
	lookedUp: string;
};

export function managerReference(cell: string): ManagerReference {
	const named = cnOf(cell) ?? cell;
	return {cell, key: named.toLowerCase(), name: nameKey(named), lookedUp: named};
}

/**
 * A display name as it is compared: case folded, nothing else, so a lookup of the directory (an
 * anchored case-insensitive search) and a listing of it give the same answers.
 */
export function nameKey(name: string): string {
	return name.trim().toLowerCase();
}

/**
 * The CN of a DN (`CN=Doe\, Jane,OU=Staff,DC=example,DC=com` → `Doe, Jane`), RFC 4514 escapes
 * undone; undefined when the cell is not a DN led by its CN. Minimal on purpose: the shared DN parser
 * (source/users/distinguished-name.ts) was not there when this was written.
 */
export function cnOf(cell: string): string | undefined {
	const lead = /^\s*cn\s*=\s*/i.exec(cell);
	if (!lead) return undefined;
	let value = '';
	/** Hex escapes are UTF-8 bytes (`\C3\A9` is é): decoded together. */
	let bytes: number[] = [];
	const flush = () => {
		if (bytes.length > 0) value += Buffer.from(bytes).toString('utf8');
		bytes = [];
	};
	for (let at = lead[0].length; at < cell.length; at++) {
		const char = cell[at]!;
		if (char === ',' || char === '+') break;
		const hex = char === '\\' ? /^[0-9a-f]{2}/i.exec(cell.slice(at + 1, at + 3)) : null;
		if (hex) {
			bytes.push(Number.parseInt(hex[0], 16));
			at += 2;
			continue;
		}
		flush();
		if (char !== '\\') value += char;
		else if (at + 1 < cell.length) value += cell[++at];
	}
	flush();
	const cn = value.trim();
	return cn === '' ? undefined : cn;
}
