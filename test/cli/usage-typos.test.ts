import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {unknownCommand} from '../../source/argv-check.js';
import {exitCodes} from '../../source/lib/exit-codes.js';
import {runCli} from '../support/run-cli.js';
import {tempFolder} from '../support/temp-dir.js';

const commands = ['inspect', 'run', 'resume', 'imports', 'rollback', 'check', 'sandbox'];

describe('a mistyped command or option: one plain line, exit as a usage error', () => {
	const cases: Array<[string, string[], RegExp]> = [
		['a command one letter off', ['rollbak'], /^jc-import: Unknown command 'rollbak' — did you mean rollback\?/],
		['a mistyped command after a wizard option', ['--sandbox', 'rollbak'], /^jc-import: Unknown command 'rollbak' — did you mean rollback\?/],
		['a mistyped command with its own options', ['rollbak', 'ID', '--yes'], /^jc-import: Unknown command 'rollbak' — did you mean rollback\?/],
		['a command with two letters swapped', ['chekc', '--json'], /did you mean check\?/],
		['a bare word near no command', ['frobnicate'], /^jc-import: Unknown command 'frobnicate', and no file of that name\. Commands: inspect, run/],
		['a file path keeps the file error', ['rollbak.csv'], /^jc-import: No such file: rollbak\.csv$/],
		['a path in a folder keeps the file error', ['data/users'], /^jc-import: No such file: data\/users$/],
		['an unknown option, with the one meant', ['run', 'x.csv', '--yse'], /^jc-import: Unknown option '--yse' for jc-import run — did you mean --yes\? See jc-import run --help\.$/],
		['a short option for the only flag with that letter', ['rollback', 'ID', '-y'], /Unknown option '-y' for jc-import rollback — did you mean --yes\?/],
		['an option of the wizard', ['--sanbox'], /^jc-import: Unknown option '--sanbox' for jc-import — did you mean --sandbox\?/],
		['an option another command has', ['imports', '--yes'], /^jc-import: Unknown option '--yes' for jc-import imports\. See jc-import imports --help\.$/],
		['an option without its value', ['sandbox', '--port'], /^jc-import: --port needs a value \(N\)\. See jc-import sandbox --help\.$/],
		['an option followed by another option', ['sandbox', '--port', '--seed', '1'], /^jc-import: --port needs a value \(N\)\./],
		['a switch given a value', ['imports', '--json=yes'], /^jc-import: --json takes no value\. See jc-import imports --help\.$/],
	];
	for (const [name, args, message] of cases) {
		it(name, async () => {
			const {code, stderr, stdout} = await runCli(args);
			expect(code).toBe(exitCodes.usage);
			expect(stderr.trim().split('\n')).toHaveLength(1);
			expect(stderr.trim()).toMatch(message);
			// Never Node's own parseArgs wording.
			expect(stderr).not.toMatch(/positional argument|argument missing|ERR_PARSE_ARGS/);
			expect(stdout).toBe('');
		});
	}

	it('an unknown command name is sanitized before it is printed', async () => {
		const {stderr} = await runCli(['rollbak\u001b[2J']);
		expect(stderr).not.toContain('\u001b');
	});
});

describe('a first word that names an existing file is the wizard file, not a typo', () => {
	const before = process.cwd();
	afterEach(() => process.chdir(before));

	it('rollbak as a file in the current folder', () => {
		const folder = tempFolder('jc-import-typo-');
		writeFileSync(path.join(folder, 'rollbak'), 'email\na@example.com\n');
		process.chdir(folder);
		expect(unknownCommand('rollbak', commands)).toBeUndefined();
		expect(unknownCommand('chekc', commands)?.message).toMatch(/did you mean check\?/);
	});
});
