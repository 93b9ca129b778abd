import {existsSync, readFileSync, statSync} from 'node:fs';
import {replaceFileAtomically} from '../lib/durable-file.js';
import path from 'node:path';
import {ensureHomeFolder, homeWarnings, ownedByMe} from '../lib/home-safety.js';
import {homePaths} from '../lib/paths.js';
import type {LearnedRate} from './pacer.js';

/** Where requests go: the API URL and the organization asked for (none when the key reaches one). */
export type RateTarget = {baseUrl: string; orgId?: string | undefined};

type Entry = LearnedRate & {at: string};

const fileName = 'learned-rates.json';
/** Targets remembered at most; the oldest are dropped. */
const maxEntries = 50;

/**
 * The request rate the last import to a target learned (JumpCloud's limit after a 429, or the most
 * it ran at), kept in `learned-rates.json` beside the presets (0600, folder 0700) so the next import
 * there starts just under it instead of finding it again. Only URLs (without any user or password),
 * organization IDs and numbers are written: never a key. A file that cannot be read, is not JSON of
 * this shape, or that someone else could have written is ignored (a planted rate could only make
 * imports slow or noisy, but it is not trusted either); remembering never fails an import.
 */
export function loadLearnedRate(target: RateTarget, env: NodeJS.ProcessEnv = process.env): LearnedRate | undefined {
	const file = learnedRatesPath(env);
	if (!trusted(file, env)) return undefined;
	const entry = readEntries(file)?.[targetKey(target)];
	return entry ? {rate: entry.rate, limited: entry.limited} : undefined;
}

/** Remembers `learned` for `target`; does nothing where the file or its folder are not the user's alone. Throws only when the folder or file cannot be written. */
export function saveLearnedRate(target: RateTarget, learned: LearnedRate, env: NodeJS.ProcessEnv = process.env): void {
	if (!validRate(learned.rate)) return;
	const file = learnedRatesPath(env);
	if (!trusted(file, env)) return;
	ensureHomeFolder(path.dirname(file), 'learned request rates', env);
	// A damaged file is replaced: it held nothing that could be used.
	const entries = readEntries(file) ?? {};
	entries[targetKey(target)] = {rate: learned.rate, limited: learned.limited, at: new Date().toISOString()};
	const kept = Object.entries(entries)
		.sort(([, a], [, b]) => b.at.localeCompare(a.at))
		.slice(0, maxEntries);
	replaceFileAtomically(file, `${JSON.stringify({version: 1, rates: Object.fromEntries(kept)}, null, '\t')}\n`);
}

export function learnedRatesPath(env: NodeJS.ProcessEnv = process.env): string {
	return path.join(homePaths(env).config, fileName);
}

/** One key per API URL and organization: the URL's origin and path (no user, password, query), lower-case host. */
export function targetKey(target: RateTarget): string {
	let url: string;
	try {
		const parsed = new URL(target.baseUrl);
		url = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
	} catch {
		url = target.baseUrl.replace(/\/+$/, '');
	}
	return `${url} org:${target.orgId?.trim() || '-'}`;
}

/** Whether the folder and the file (when there) are the user's alone. */
function trusted(file: string, env: NodeJS.ProcessEnv): boolean {
	if (homeWarnings(path.dirname(file), env).length > 0) return false;
	if (process.platform === 'win32' || !existsSync(file)) return true;
	try {
		const info = statSync(file);
		return info.isFile() && ownedByMe(file) && (info.mode & 0o022) === 0;
	} catch {
		return false;
	}
}

/** The entries of a readable file of the right shape (bad entries left out), or undefined. */
function readEntries(file: string): Record<string, Entry> | undefined {
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
	if (!isRecord(json) || json.version !== 1 || !isRecord(json.rates)) return undefined;
	const entries: Record<string, Entry> = {};
	for (const [key, value] of Object.entries(json.rates)) {
		if (!isRecord(value) || !validRate(value.rate) || typeof value.limited !== 'boolean' || typeof value.at !== 'string') continue;
		entries[key] = {rate: value.rate, limited: value.limited, at: value.at};
	}
	return entries;
}

const validRate = (rate: unknown): rate is number => typeof rate === 'number' && Number.isFinite(rate) && rate >= 1 && rate <= 100_000;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
