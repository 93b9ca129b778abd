import {serverText, type FieldViolation, type JumpCloudError, type JumpCloudErrorKind} from './errors.js';

/**
 * Reading what a server answered, trusting it only so far: bodies read up to a cap, a 2xx that is
 * not JSON told apart from one that is, redirects named (never followed), error bodies turned into
 * one short line, and "already exists" told from the body's own words.
 */

export const isRedirect = (status: number) => status >= 300 && status < 400;

/** The body, or undefined once it runs past `cap` bytes (the rest is not read). */
export async function readCapped(response: Response, cap: number): Promise<Uint8Array | undefined> {
	if (Number(response.headers.get('content-length')) > cap) {
		await response.body?.cancel().catch(() => {});
		return undefined;
	}
	if (!response.body) return new Uint8Array();
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const {done, value} = await reader.read();
		if (done) return Buffer.concat(chunks);
		size += value.byteLength;
		if (size > cap) {
			await reader.cancel().catch(() => {});
			return undefined;
		}
		chunks.push(value);
	}
}

/**
 * A 2xx answer: empty (an activation, a 204), or JSON. A captive portal's page or a broken proxy's
 * text is refused here, named by its content type and a short hint, rather than failing later as data.
 */
export function readSuccess(
	text: string,
	contentType: string | null,
	route: string,
	refuse: (problem: string) => JumpCloudError,
	shown: (raw: string, max: number) => string,
): unknown {
	if (text.trim() === '') return undefined;
	const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
	const json = type === '' || type === 'application/json' || type.endsWith('+json');
	const named = type === '' ? 'an answer' : serverText(type, 60);
	if (!json) throw refuse(`got ${named} for ${route}, not JSON: ${hint(text, shown)}`);
	try {
		return JSON.parse(text);
	} catch {
		throw refuse(`got ${named} for ${route} that does not parse as JSON: ${hint(text, shown)}`);
	}
}

/** A few words that tell a person what answered: a page's title, else how the answer starts. */
export function hint(text: string, shown: (raw: string, max: number) => string): string {
	const title = /<title[^>]*>([^<]*)</i.exec(text.slice(0, 65_536))?.[1];
	const titled = title === undefined ? '' : shown(title, 60);
	if (titled) return `a page titled "${titled}"`;
	const start = shown(text, 60);
	return start ? `it starts "${start}"` : 'nothing readable';
}

export function redirectTarget(location: string | null, url: string): string {
	if (!location) return 'without saying where to';
	try {
		const target = new URL(location, url);
		return `to ${serverText(`${target.protocol}//${target.host}`, 100)}`;
	} catch {
		return 'to an address that does not parse';
	}
}

export function parseLenient(text: string): unknown {
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * "Already exists" is a 400 on creates and (likely) a 409 on graph edges, told by the body: a
 * `message` or `error` saying so, or the status word ALREADY_EXISTS. Any other 409 is a conflict,
 * and a delete is never refused because something exists (JumpCloud's 409 there means "still a manager").
 */
export function classify(status: number, data: unknown, method: string): JumpCloudErrorKind {
	if ((status === 400 || status === 409) && method !== 'DELETE' && saysAlreadyExists(data)) return 'already-exists';
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not-found';
	if (status === 409) return 'conflict';
	if (status === 429) return 'rate-limited';
	if (status >= 500) return 'server';
	return 'validation';
}

export function saysAlreadyExists(data: unknown): boolean {
	if (typeof data !== 'object' || data === null) return false;
	const body = data as {message?: unknown; error?: unknown; status?: unknown};
	if (body.status === 'ALREADY_EXISTS') return true;
	return [body.message, body.error].some((text) => typeof text === 'string' && /already (exist|been registered)/i.test(text));
}

export function readErrorBody(data: unknown, text: string, shown: (raw: string, max: number) => string): {serverMessage?: string; fieldViolations: FieldViolation[]} {
	if (typeof data !== 'object' || data === null) {
		// An HTML error page from a proxy is not worth showing, let alone whole.
		if (text.trimStart().startsWith('<')) return {fieldViolations: []};
		return {serverMessage: shown(text, 200) || undefined, fieldViolations: []};
	}
	const body = data as {message?: unknown; error?: unknown; details?: unknown};
	const raw = typeof body.message === 'string' ? body.message : typeof body.error === 'string' ? body.error : undefined;
	const serverMessage = raw === undefined ? undefined : shown(raw, 300) || undefined;
	const fieldViolations: FieldViolation[] = [];
	if (Array.isArray(body.details)) {
		for (const detail of body.details as unknown[]) {
			if (typeof detail !== 'object' || detail === null) continue;
			const {fieldViolationsList, fieldViolations: alternative} = detail as {fieldViolationsList?: unknown; fieldViolations?: unknown};
			const list = fieldViolationsList ?? alternative;
			if (!Array.isArray(list)) continue;
			for (const v of list as unknown[]) {
				if (typeof v !== 'object' || v === null || fieldViolations.length >= 20) continue;
				const {field, description} = v as {field?: unknown; description?: unknown};
				fieldViolations.push({field: shown(String(field ?? ''), 100), description: shown(String(description ?? ''), 300)});
			}
		}
	}
	return {serverMessage, fieldViolations};
}

export function urlPart(url: string, part: 'origin' | 'host'): string {
	try {
		return new URL(url)[part];
	} catch {
		return url;
	}
}

/** 300 ms, 1.5 s, 30 s. */
export function duration(ms: number): string {
	return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** 16 MB, 0.5 MB. */
export function megabytes(bytes: number): string {
	return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
