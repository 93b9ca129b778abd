import {parseArgs} from 'node:util';
import {describe, expect, it} from 'vitest';
import {importOptionsFrom} from '../../source/commands/import-flow.js';
import {runCommand} from '../../source/commands/run.js';
import {headlessCommand, shellQuote, type HeadlessTarget} from '../../source/importer/headless-command.js';
import {defaultImportOptions, type ImportOptions} from '../../source/importer/options.js';
import {resolveSettings} from '../../source/lib/settings.js';

/** Splits a command line into words as a POSIX shell does (quotes and backslashes; nothing is expanded). */
function shellWords(line: string): string[] {
	const words: string[] = [];
	let word: string | undefined;
	for (let at = 0; at < line.length; at++) {
		const char = line[at]!;
		if (char === ' ') {
			if (word !== undefined) words.push(word);
			word = undefined;
		} else if (char === "'") {
			const end = line.indexOf("'", at + 1);
			word = (word ?? '') + line.slice(at + 1, end);
			at = end;
		} else if (char === '\\') {
			word = (word ?? '') + line[++at];
		} else if (char === '"' || char === '$' || char === '`') {
			throw new Error(`unquoted ${char} in ${line}`);
		} else word = (word ?? '') + char;
	}
	if (word !== undefined) words.push(word);
	return words;
}

/** The command line read back as `jc-import run` reads it. */
function parse(line: string) {
	const [program, command, ...args] = shellWords(line);
	expect([program, command]).toEqual(['jc-import', 'run']);
	const options = Object.fromEntries(Object.entries(runCommand.flags).map(([name, flag]) => [name, {type: flag.type, multiple: flag.multiple === true}]));
	const {values, positionals} = parseArgs({args, options, allowPositionals: true, strict: true});
	return {values, positionals, options: importOptionsFrom(values), settings: resolveSettings(values as never, {})};
}

const sandbox: HeadlessTarget = {sandbox: true};

describe('the headless command', () => {
	it('is short for the defaults', () => {
		expect(headlessCommand({file: '/data/users.csv', mappingPath: '/home/a/imports/x/mapping.json', options: defaultImportOptions, target: {sandbox: false, baseUrl: 'https://console.jumpcloud.com'}})).toBe(
			'jc-import run /data/users.csv --mapping /home/a/imports/x/mapping.json --yes',
		);
	});

	it('reads back as the same options, file, mapping and target', () => {
		const options: ImportOptions = {
			state: 'ACTIVATED',
			email: {kind: 'address', address: "it.o'brien@example.com"},
			requireMfa: true,
			mfaExclusionDays: 7,
			groups: ['Engineering', 'Sales & Marketing', "O'Brien's team", '$HOME', '-dash'],
			devices: ['mac-01', 'Ada’s MacBook Pro'],
			existing: 'fail',
			concurrency: 4,
		};
		const file = '/Users/ada/My Documents/new hires (2026).csv';
		const line = headlessCommand({file, mappingPath: '/tmp/imp ort/mapping.json', options, target: {sandbox: false, baseUrl: 'https://jc.example.com/api', orgId: 'a'.repeat(24)}});
		expect(line.endsWith(' --yes')).toBe(true);
		expect(line).not.toMatch(/api-key|JC_API_KEY/i);
		const back = parse(line);
		expect(back.options).toEqual(options);
		expect(back.positionals).toEqual([file]);
		expect(back.values.mapping).toBe('/tmp/imp ort/mapping.json');
		expect(back.settings.connection).toMatchObject({kind: 'jumpcloud', baseUrl: 'https://jc.example.com/api', orgId: 'a'.repeat(24)});
	});

	it('repeats every variation of the options', () => {
		const variations: Array<Partial<ImportOptions>> = [
			{},
			{state: 'ACTIVATED', email: {kind: 'default'}},
			{requireMfa: true},
			{requireMfa: true, mfaExclusionDays: 0},
			{existing: 'fail'},
			{concurrency: 64},
			{groups: ['a b'], devices: ['c']},
		];
		for (const variation of variations) {
			const options = {...defaultImportOptions, ...variation};
			const line = headlessCommand({file: 'users.csv', mappingPath: 'mapping.json', options, target: sandbox});
			expect(parse(line).options, line).toEqual(options);
			expect(parse(line).settings.connection).toEqual({kind: 'sandbox'});
		}
	});

	it('names a region rather than its URL, and leaves the default out', () => {
		const eu = headlessCommand({file: 'u.csv', mappingPath: 'm.json', options: defaultImportOptions, target: {sandbox: false, baseUrl: 'https://console.eu.jumpcloud.com'}});
		expect(eu).toBe('jc-import run u.csv --mapping m.json --region eu --yes');
		expect(parse(eu).settings.connection).toMatchObject({baseUrl: 'https://console.eu.jumpcloud.com', region: 'eu'});
		expect(headlessCommand({file: 'u.csv', mappingPath: 'm.json', options: defaultImportOptions, target: {sandbox: false, region: 'in'}})).toContain('--region in');
		expect(headlessCommand({file: '-u.csv', mappingPath: 'm.json', options: defaultImportOptions, target: {sandbox: false}})).toBe('jc-import run ./-u.csv --mapping m.json --yes');
	});

	it('quotes only what a shell would change', () => {
		expect(shellQuote('/plain/path-1_2.csv')).toBe('/plain/path-1_2.csv');
		expect(shellQuote('ada@example.com')).toBe('ada@example.com');
		expect(shellQuote('two words')).toBe("'two words'");
		expect(shellQuote("it's")).toBe("'it'\\''s'");
		expect(shellQuote('$HOME')).toBe("'$HOME'");
		expect(shellQuote('"q"')).toBe('\'"q"\'');
		expect(shellQuote('~/x')).toBe("'~/x'");
		expect(shellQuote('')).toBe("''");
	});
});
