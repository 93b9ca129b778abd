import {existsSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {distance} from 'fastest-levenshtein';
import type {CliCommand} from './commands/command.js';
import {UsageError} from './lib/exit-codes.js';
import {sanitize} from './lib/sanitize.js';

/** The name a typo most likely meant: a unique prefix, else the nearest within one edit (two for longer words). */
export function nearest(word: string, names: readonly string[]): string | undefined {
	const prefixed = names.filter((name) => word.length >= 2 && name.startsWith(word));
	if (prefixed.length === 1) return prefixed[0];
	const reach = word.length >= 5 ? 2 : 1;
	const ranked = names.map((name) => ({name, away: swapped(word, name) ? 1 : distance(word, name)})).filter(({away}) => away <= reach);
	ranked.sort((a, b) => a.away - b.away);
	return ranked[0]?.name;
}

/** Two neighbouring letters typed the wrong way round (`yse`): one slip, not two edits. */
function swapped(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	const at = [...a].findIndex((letter, i) => letter !== b[i]);
	return at >= 0 && a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2);
}

/**
 * A first word that is neither a command nor an existing file: said as an unknown command when it
 * is a bare word. Anything that looks like a path (a dot or a slash) keeps the wizard's file error.
 */
export function unknownCommand(word: string, names: readonly string[]): UsageError | undefined {
	if (word.startsWith('-') || existsSync(word) || /[./\\]/.test(word)) return undefined;
	const meant = nearest(word, names);
	if (meant) return new UsageError(`Unknown command '${sanitize(word)}' — did you mean ${meant}? See jc-import --help.`);
	if (!/^[a-z][a-z-]*$/i.test(word)) return undefined;
	return new UsageError(`Unknown command '${sanitize(word)}', and no file of that name. Commands: ${names.join(', ')}; see jc-import --help.`);
}

/**
 * Unknown options and missing or unwanted values, in one plain line of our own (Node's parseArgs
 * messages name its internals and suggest `--` quoting a person never needs).
 */
export function checkOptions(args: string[], command: CliCommand): void {
	const label = command.name ? `jc-import ${command.name}` : 'jc-import';
	const {tokens} = parseArgs({args, options: parseOptions(command), strict: false, allowPositionals: true, tokens: true});
	for (const token of tokens) {
		if (token.kind !== 'option') continue;
		const raw = sanitize(token.rawName);
		const flag = command.flags[token.name];
		if (!flag) {
			const meant = token.rawName.startsWith('--') ? nearest(token.name, Object.keys(command.flags)) : uniqueInitial(token.name, Object.keys(command.flags));
			throw new UsageError(`Unknown option '${raw}' for ${label}${meant ? ` — did you mean --${meant}?` : '.'} See ${label} --help.`);
		}
		const missing = token.value === undefined || (token.inlineValue !== true && token.value.startsWith('-'));
		if (flag.type === 'string' && missing) throw new UsageError(`${raw} needs a value (${flag.value ?? 'a value'}). See ${label} --help.`);
		if (flag.type === 'boolean' && token.inlineValue) throw new UsageError(`${raw} takes no value. See ${label} --help.`);
	}
}

/** The first argument that is not an option or an option's value. */
export function firstPositional(args: string[], command: CliCommand): string | undefined {
	const {tokens} = parseArgs({args, options: parseOptions(command), strict: false, allowPositionals: true, tokens: true});
	return tokens.find((token) => token.kind === 'positional')?.value;
}

/** The command's flags as parseArgs takes them. */
export function parseOptions(command: CliCommand) {
	return Object.fromEntries(Object.entries(command.flags).map(([name, flag]) => [name, {type: flag.type, multiple: flag.multiple === true}]));
}

/** `-y` for `--yes`: only when one flag starts with that letter. */
function uniqueInitial(letter: string, names: readonly string[]): string | undefined {
	const starting = names.filter((name) => name.startsWith(letter));
	return letter.length === 1 && starting.length === 1 ? starting[0] : undefined;
}
