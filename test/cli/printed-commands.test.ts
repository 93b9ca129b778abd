import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import type {CliCommand} from '../../source/commands/command.js';
import {loadCommands} from '../../source/main.js';
import {projectRoot} from '../support/shared.js';

let commands: CliCommand[];
beforeAll(async () => {
	commands = await loadCommands();
});

/** Every file of source/ and the README: where commands are written for people to type. */
function texts(): Array<[file: string, text: string]> {
	const files = readdirSync(path.join(projectRoot, 'source'), {recursive: true, encoding: 'utf8'})
		.filter((file) => /\.tsx?$/.test(file))
		.map((file) => path.join('source', file));
	return [...files, 'README.md'].map((file) => [file, readFileSync(path.join(projectRoot, file), 'utf8')]);
}

/** `jc-import NAME …` as written: the command and the options that follow it on the same line. */
function printedCommands(text: string, names: readonly string[]): Array<{name: string; options: string[]; line: string}> {
	const found = [];
	const pattern = new RegExp(`jc-import (${names.join('|')})((?: (?:\\$\\{[^}]*\\}|[^\\s'"\`]+))*)`, 'g');
	for (const match of text.matchAll(pattern)) {
		const options = [...match[2]!.matchAll(/ --([a-z][a-z-]*)/g)].map((option) => option[1]!);
		found.push({name: match[1]!, options, line: match[0]});
	}
	return found;
}

describe('every jc-import command written in the source and the README names a real command and its real options', () => {
	it('options after a command are that command options', () => {
		const names = commands.map((command) => command.name).filter(Boolean);
		let seen = 0;
		for (const [file, text] of texts()) {
			for (const printed of printedCommands(text, names)) {
				seen++;
				const flags = Object.keys(commands.find((command) => command.name === printed.name)!.flags);
				for (const option of printed.options) if (option !== 'help') expect(flags, `${file}: ${printed.line}`).toContain(option);
			}
		}
		// The scan finds what it should: resume, rollback and run hints at least.
		expect(seen).toBeGreaterThan(10);
	});
});
