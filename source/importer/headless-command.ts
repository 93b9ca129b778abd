import type {Delimiter} from '../csv/index.js';
import {regions, type Region} from '../jumpcloud/regions.js';
import {defaultImportOptions, type ImportOptions} from './options.js';

export type HeadlessTarget = {sandbox: boolean; baseUrl?: string; orgId?: string; region?: Region};

export type HeadlessImport = {
	file: string;
	/** A mapping preset file (see writeImportMapping). */
	mappingPath: string;
	options: ImportOptions;
	target: HeadlessTarget;
	/** How the import read the file; said again as flags, so the script reads the same names from the same bytes. */
	reading?: {encoding: string; delimiter: string; headerLine: number};
};

/**
 * The `jc-import run …` command line that repeats an import in a script: flags only where the
 * options differ from the defaults, the target, never the key (JC_API_KEY is read from the
 * environment), and `--yes` last. Words are quoted for a POSIX shell only when they need it.
 * The file's reading is in the mapping file too; it is said as flags as well (any encoding but
 * UTF-8, a delimiter but the comma, a header line but the first), so the line shows it and a
 * mapping file edited since cannot change it. Not expressible, so not repeated: cell edits, and an
 * MFA window without MFA required.
 */
export function headlessCommand(run: HeadlessImport): string {
	const {options, target} = run;
	const words = ['jc-import', 'run', run.file.startsWith('-') ? `./${run.file}` : run.file];
	const flag = (name: string, value?: string | number) => {
		if (value === undefined) words.push(`--${name}`);
		// A value starting with a dash would read as a flag: glue it on.
		else if (String(value).startsWith('-')) words.push(`--${name}=${value}`);
		else words.push(`--${name}`, String(value));
	};
	flag('mapping', run.mappingPath);
	const reading = run.reading;
	if (reading && reading.encoding !== 'utf-8') flag('encoding', reading.encoding);
	if (reading && reading.delimiter !== ',') flag('delimiter', delimiterName(reading.delimiter as Delimiter));
	if (reading && reading.headerLine !== 1) flag('header-line', reading.headerLine);
	if (target.sandbox) flag('sandbox');
	else {
		const region = target.region ?? regionOf(target.baseUrl);
		if (region && region !== 'us') flag('region', region);
		else if (!region && target.baseUrl) flag('api-url', target.baseUrl);
		if (target.orgId) flag('org-id', target.orgId);
	}
	const defaults = defaultImportOptions;
	if (options.state !== defaults.state) flag('state', options.state);
	if (options.email.kind === 'default') flag('email', 'default');
	else if (options.email.kind === 'address') flag('email', options.email.address);
	if (options.requireMfa) {
		if (options.mfaExclusionDays !== defaults.mfaExclusionDays) flag('mfa-exclusion-days', options.mfaExclusionDays);
		else flag('require-mfa');
	}
	for (const group of options.groups) flag('group', group);
	for (const device of options.devices) flag('device', device);
	if (options.existing !== defaults.existing) flag('existing', options.existing);
	if (options.concurrency !== defaults.concurrency) flag('concurrency', options.concurrency);
	flag('yes');
	return words.map(shellQuote).join(' ');
}

/** Tab and pipe by name: a shell keeps the name as it is. */
function delimiterName(delimiter: Delimiter): string {
	return delimiter === '\t' ? 'tab' : delimiter === '|' ? 'pipe' : delimiter;
}

function regionOf(baseUrl: string | undefined): Region | undefined {
	if (baseUrl === undefined) return undefined;
	return (Object.keys(regions) as Region[]).find((region) => regions[region] === baseUrl.replace(/\/+$/, ''));
}

/** A word as a POSIX shell reads it back: bare when plain, else in single quotes. */
export function shellQuote(word: string): string {
	if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
	return `'${word.replace(/'/g, `'\\''`)}'`;
}
