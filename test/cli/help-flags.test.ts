import {readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import type {CliCommand} from '../../source/commands/command.js';
import {loadCommands} from '../../source/main.js';
import {projectRoot} from '../support/shared.js';
import {runCli} from '../support/run-cli.js';

// Every flag is read from the commands' own definitions, so a flag added later is checked too.
let commands: CliCommand[];
beforeAll(async () => {
	commands = await loadCommands();
});

const named = (flag: string) => new RegExp(`(?<![\\w-])--${flag}(?![\\w-])`);

/** The usage lines of one command: its `jc-import NAME` line and the lines that continue it. */
function usageOf(help: string, command: CliCommand): string {
	const block = help.split('\nUsage:\n')[1]!.split('\n\n')[0]!.split('\n');
	const start = block.findIndex((line) => (command.name ? line.startsWith(`  jc-import ${command.name} `) || line === `  jc-import ${command.name}` : line.startsWith('  jc-import [FILE]')));
	expect(start, `usage line of ${command.name || 'the wizard'}`).toBeGreaterThanOrEqual(0);
	const end = block.findIndex((line, i) => i > start && line.startsWith('  jc-import '));
	return block.slice(start, end < 0 ? undefined : end).join('\n');
}

/** The option lines of one command's section of the help. */
function optionsOf(help: string, command: CliCommand): string {
	const title = `${command.name || 'jc-import [FILE]'}: `;
	const section = help.split('\n\n').find((part) => part.startsWith(title));
	expect(section, `section of ${command.name || 'the wizard'}`).toBeDefined();
	return section!;
}

describe('--help lists every flag of every command', () => {
	it('in the global help: each command usage line and its options', async () => {
		const {code, stdout} = await runCli(['--help']);
		expect(code).toBe(0);
		for (const command of commands) {
			const usage = usageOf(stdout, command);
			const options = optionsOf(stdout, command);
			for (const flag of Object.keys(command.flags)) {
				expect(usage, `${command.name || 'wizard'} usage`).toMatch(named(flag));
				expect(options, `${command.name || 'wizard'} options`).toMatch(new RegExp(`^  --${flag}(?: |$)`, 'm'));
			}
		}
	});

	it('in each command help: jc-import COMMAND --help', async () => {
		for (const command of commands.filter((each) => each.name)) {
			const {code, stdout} = await runCli([command.name, '--help']);
			expect(code).toBe(0);
			const usage = usageOf(stdout, command);
			for (const flag of Object.keys(command.flags)) expect(usage, command.name).toMatch(named(flag));
		}
	});

	it('the README commands table names every flag of each command', () => {
		const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
		for (const command of commands) {
			const row = readme.split('\n').find((line) => line.startsWith(`| \`jc-import ${command.name ? `${command.name} ` : '[FILE]'}`) || line === `| \`jc-import ${command.name}\``);
			expect(row, `README row of ${command.name || 'the wizard'}`).toBeDefined();
			for (const flag of Object.keys(command.flags)) expect(row, command.name || 'wizard').toMatch(named(flag));
		}
	});

	it('descriptions start in one column, and lines fit 80 columns', async () => {
		const {stdout} = await runCli(['--help']);
		const body = stdout.split('\n\n').slice(2).join('\n\n');
		const starts = new Set<number>();
		for (const line of body.split('\n')) {
			const entry = /^( {2}\S+(?: \S+)? {2,})\S/.exec(line);
			if (entry) starts.add(entry[1]!.length);
			const continued = /^( {3,})\S/.exec(line);
			if (continued) starts.add(continued[1]!.length);
		}
		expect([...starts]).toHaveLength(1);
		// Only a word too long to break (an example --faults value) may pass the edge.
		for (const line of stdout.split('\n')) if (line.trim().includes(' ')) expect([...line].length, line).toBeLessThanOrEqual(80);
	});
});
