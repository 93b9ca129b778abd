const marker = '[REDACTED]';
// Very short "secrets" would redact ordinary words; a real key is long, and passwords meet a policy.
const minLength = 6;

/**
 * Replaces every occurrence of each secret in `text` with a fixed marker, so a key or a password
 * never leaks, also when a server echoes it changed: in another case, base64 (standard or url-safe,
 * on its own or inside a longer encoded string such as a Basic header), URL-encoded or JSON-escaped.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
	let out = text;
	for (const secret of secrets) {
		if (!secret || secret.length < minLength) continue;
		// Longest first, so a form inside another form does not leave the rest of it behind.
		for (const form of [...forms(secret)].sort((a, b) => b.length - a.length)) out = out.replace(pattern(form), marker);
	}
	return out;
}

/** The ways a server or a proxy might write the secret back. */
function forms(secret: string): Set<string> {
	const found = new Set<string>();
	for (const text of [secret, secret.toLowerCase(), secret.toUpperCase()]) {
		found.add(text);
		found.add(encodeURIComponent(text));
		found.add(new URLSearchParams({s: text}).toString().slice(2));
		found.add(JSON.stringify(text).slice(1, -1));
		found.add(JSON.stringify(text).slice(1, -1).replace(/[\u007f-\uffff/]/g, (c) => (c === '/' ? '\\/' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)));
	}
	const bytes = Buffer.from(secret, 'utf8');
	for (const encoding of ['base64', 'base64url'] as const) {
		found.add(bytes.toString(encoding));
		// Inside a longer base64 string the secret starts at any of three byte offsets: the
		// characters that depend on its bytes alone are the same whatever surrounds them.
		for (let offset = 0; offset < 3; offset++) {
			const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(encoding).replace(/=+$/, '');
			const start = offset === 0 ? 0 : Math.ceil((offset * 8) / 6);
			const end = Math.floor(((offset + bytes.length) * 8) / 6);
			const core = encoded.slice(start, end);
			if (core.length >= 8) found.add(core);
		}
	}
	found.delete('');
	return found;
}

function pattern(form: string): RegExp {
	return new RegExp(form.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'gi');
}
