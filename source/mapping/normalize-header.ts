/**
 * The key two headers are compared by: `First Name [Required]`, `firstName`, `first_name`,
 * ` FIRST-NAME ` and `Fírst name` all become `first name`.
 *
 * Bracketed hints (`[Required]`, `(Yes/No)`, `[UPLOAD ONLY]`) and a trailing `Required` are dropped, camelCase is split,
 * accents are folded (ß → ss), every run of non-alphanumerics is one space.
 */
export function normalizeHeader(header: string): string {
	return header
		.replace(/\[[^\]]*\]|\([^)]*\)/g, ' ')
		.replace(/([a-z\d])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.replace(/ß/g, 'ss')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()
		.replace(/ (?:required|optional)$/, '');
}

/** The same key with the spaces gone, for matching `e mail` against `email`. */
export function compactHeader(header: string): string {
	return normalizeHeader(header).replace(/ /g, '');
}

/** The hint inside brackets, e.g. `userPrincipalName` from `User name [userPrincipalName] Required`. */
export function bracketHints(header: string): string[] {
	return [...header.matchAll(/\[([^\]]+)\]/g)].map((match) => match[1]!.trim()).filter((hint) => hint !== '');
}
