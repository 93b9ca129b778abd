import type {CliCommand, FlagSpec} from './commands/command.js';
import {exitCodes} from './lib/exit-codes.js';
import {toolVersion} from './lib/version.js';

const environment = [
	['JC_API_KEY', 'JumpCloud API key (never written to disk; asked for, hidden, when missing on a terminal)'],
	['JC_ORG_ID', 'organization id, for multi-tenant admins (flag --org-id wins)'],
	['JC_API_URL', 'JumpCloud base URL (flags --api-url / --region win); default https://console.jumpcloud.com'],
	['JC_IMPORT_HOME', 'where presets and import journals live; default: the per-OS config and data folders'],
	['NO_COLOR', 'no colours'],
];

/** Every code of the exitCodes table, described: a code added there without a line here does not compile. */
const exitDescriptions: Record<keyof typeof exitCodes, string> = {
	ok: 'all well',
	rowsFailed: 'some rows failed',
	usage: 'usage or input error (bad flag, file, key or connection)',
	interrupted: 'interrupted (Ctrl+C, SIGTERM, SIGHUP)',
};

/** Help is laid out for an 80-column terminal; descriptions start at one column everywhere. */
const width = 80;
const column = 28;
/** The three ways to name a target are one choice, shown as one. */
const targetChoice = ['sandbox', 'api-url', 'region'];

/** --help: every command, every flag, every environment variable, the exit codes. */
export function helpText(commands: readonly CliCommand[], only?: CliCommand): string {
	const lines = [`jc-import ${toolVersion}: bulk-create JumpCloud users from a CSV file`, ''];
	const shown = only ? [only] : commands;
	lines.push('Usage:');
	for (const command of shown) lines.push(...usageLines(command));
	if (!only) lines.push('  jc-import --help | --version');
	lines.push('');
	for (const command of shown) {
		lines.push(...fill(`${command.name || 'jc-import [FILE]'}: ${command.summary}`, width).map((line, i) => (i ? `  ${line}` : line)));
		for (const [name, flag] of Object.entries(command.flags)) lines.push(...entry(`--${name}${flag.value ? ` ${flag.value}` : ''}`, flag.description));
		lines.push('');
	}
	lines.push('Environment:');
	for (const [name, text] of environment) lines.push(...entry(name!, text!));
	lines.push('', 'Exit codes:');
	for (const [name, text] of Object.entries(exitDescriptions)) lines.push(...entry(String(exitCodes[name as keyof typeof exitCodes]), text));
	lines.push('');
	return lines.join('\n');
}

/**
 * `jc-import run FILE [--flag VALUE]…`, made from the command's flags so none is left out; the
 * positional part is what the command's own usage names before its first option.
 */
export function usageLines(command: CliCommand): string[] {
	const words = command.usage.split(' ');
	const head = words.slice(0, Math.max(0, words.findIndex((word) => word.startsWith('[-')))).join(' ') || command.usage;
	const flags = Object.entries(command.flags);
	const choice = targetChoice.every((name) => command.flags[name]);
	const parts = choice ? [`[${targetChoice.map((name) => option(name, command.flags[name]!)).join(' | ')}]`] : [];
	for (const [name, flag] of flags) if (!(choice && targetChoice.includes(name))) parts.push(`[${option(name, flag)}]${flag.multiple ? '…' : ''}`);
	const start = `  jc-import ${head}`;
	return wrap(start, parts, ' '.repeat(Math.min(start.length + 1, 24)));
}

function option(name: string, flag: FlagSpec): string {
	return `--${name}${flag.value ? ` ${flag.value}` : ''}`;
}

/** Parts joined by spaces, a new (indented) line before a part that would pass the width. */
function wrap(start: string, parts: readonly string[], indent: string): string[] {
	const lines = [start];
	for (const part of parts) {
		const last = lines.at(-1)!;
		if (last.length + 1 + part.length > width) lines.push(`${indent}${part}`);
		else lines[lines.length - 1] = `${last} ${part}`;
	}
	return lines;
}

/** A name and its description in two columns; a long name takes its own line, long text wraps under the column. */
function entry(name: string, text: string): string[] {
	const left = `  ${name}`;
	const pad = ' '.repeat(column);
	const body = fill(text, width - column);
	if (left.length + 2 > column) return [left, ...body.map((line) => pad + line)];
	return [left.padEnd(column) + body[0], ...body.slice(1).map((line) => pad + line)];
}

/** Words in lines of at most `room` columns (a longer word stays whole). */
function fill(text: string, room: number): string[] {
	const lines = [''];
	for (const word of text.split(' ')) {
		const last = lines.at(-1)!;
		if (last && last.length + 1 + word.length > room) lines.push(word);
		else lines[lines.length - 1] = last ? `${last} ${word}` : word;
	}
	return lines;
}
