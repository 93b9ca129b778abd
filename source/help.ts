import type {Command} from './commands/command.js';
import {toolVersion} from './lib/version.js';

const environment = [
	['JC_API_KEY', 'JumpCloud API key (never written to disk; asked for, hidden, when missing on a terminal)'],
	['JC_ORG_ID', 'organization id, for multi-tenant admins (flag --org-id wins)'],
	['JC_API_URL', 'JumpCloud base URL (flags --api-url / --region win); default https://console.jumpcloud.com'],
	['JC_IMPORT_HOME', 'where presets and import journals live; default: the per-OS config and data folders'],
	['NO_COLOR', 'no colours'],
];

const exits = [
	['0', 'all well'],
	['1', 'some rows failed'],
	['2', 'usage or input error (bad flag, file, key or connection)'],
	['130', 'interrupted (Ctrl+C, SIGTERM, SIGHUP)'],
];

/** --help: every command, every flag, every environment variable, the exit codes. */
export function helpText(commands: readonly Command[], only?: Command): string {
	const lines = [`jc-import ${toolVersion}: bulk-create JumpCloud users from a CSV file`, ''];
	const shown = only ? [only] : commands;
	lines.push('Usage:');
	for (const command of shown) lines.push(`  jc-import ${command.usage}`);
	if (!only) lines.push('  jc-import --help | --version');
	lines.push('');
	for (const command of shown) {
		lines.push(`${command.name || 'jc-import [FILE]'}: ${command.summary}`);
		for (const [name, flag] of Object.entries(command.flags)) {
			const left = `  --${name}${flag.value ? ` ${flag.value}` : ''}`;
			lines.push(`${left.padEnd(24)} ${flag.description}`);
		}
		lines.push('');
	}
	lines.push('Environment:');
	for (const [name, text] of environment) lines.push(`  ${name!.padEnd(22)} ${text}`);
	lines.push('', 'Exit codes:');
	for (const [code, text] of exits) lines.push(`  ${code!.padEnd(22)} ${text}`);
	lines.push('');
	return lines.join('\n');
}
