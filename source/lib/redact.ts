/** Replaces every occurrence of each secret in `text` with a fixed marker, so a key never leaks. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
	let out = text;
	for (const secret of secrets) {
		// Very short "secrets" would redact ordinary words; a real key is long.
		if (secret && secret.length >= 6) out = out.split(secret).join('[REDACTED]');
	}
	return out;
}
