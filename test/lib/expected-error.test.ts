import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeEach, describe, expect, it, vi} from 'vitest';
import type {CliCommand, CommandContext} from '../../source/commands/command.js';
import {CsvError} from '../../source/csv/errors.js';
import {DamagedImportError, ImportNotFoundError} from '../../source/importer/import-store.js';
import {JournalError} from '../../source/importer/journal.js';
import {ImportLockedError} from '../../source/importer/lock.js';
import {FileChangedError} from '../../source/importer/plan-check.js';
import {NotResumableError} from '../../source/importer/resume.js';
import {JumpCloudError} from '../../source/jumpcloud/errors.js';
import {ExpectedError, exitCodes, importRunExitCode, InterruptedError, rollbackExitCode, UsageError} from '../../source/lib/exit-codes.js';
import {ListFolderError} from '../../source/lib/list-folder.js';
import {main} from '../../source/main.js';
import {PresetFileError} from '../../source/mapping/preset-file.js';
import {CellEditError} from '../../source/users/cell-edits.js';
import {StaleMappingError} from '../../source/users/inspect-file.js';
import {tempFolder} from '../support/temp-dir.js';

/** What the stand-in `sandbox` command throws: main's report of a failure, without a real command's work. */
const failing = vi.hoisted(() => ({error: undefined as unknown}));

vi.mock('../../source/commands/sandbox.js', () => ({
	sandboxCommand: {
		name: 'sandbox',
		usage: 'sandbox',
		summary: 'stand-in that throws the error the test gives it',
		flags: {},
		maxPositionals: 0,
		async run() {
			throw failing.error;
		},
	} satisfies CliCommand,
}));

/** A context whose streams keep what is written, for main() called in this process. */
function fakeContext(env: NodeJS.ProcessEnv = {}) {
	const out: string[] = [];
	const err: string[] = [];
	const stream = (sink: string[]) => ({write: (text: string) => sink.push(text) > 0, isTTY: false}) as unknown as NodeJS.WriteStream;
	const context: CommandContext = {env, stdout: stream(out), stderr: stream(err), stdin: {isTTY: false} as NodeJS.ReadStream};
	return {context, stdout: () => out.join(''), stderr: () => err.join('')};
}

async function reportOf(error: unknown) {
	failing.error = error;
	const {context, stdout, stderr} = fakeContext();
	const code = await main(['sandbox'], context);
	return {code, stdout: stdout(), stderr: stderr()};
}

const jumpCloudError = () => new JumpCloudError({kind: 'unauthorized', message: 'JumpCloud rejected the API key (401).', method: 'GET', path: '/api/organizations'});

/** Every error meant for users, with the name code may still show and the exit code it ends a command with. */
const family: Array<[name: string, make: () => ExpectedError, exitCode: number]> = [
	['UsageError', () => new UsageError('Give either --api-url or --region, not both.'), exitCodes.usage],
	['CsvError', () => new CsvError('missing', 'users.csv', 'users.csv: no such file.'), exitCodes.usage],
	['PresetFileError', () => new PresetFileError('Mapping m.json is not JSON.'), exitCodes.usage],
	['ListFolderError', () => new ListFolderError('Cannot list /nowhere: no such folder.'), exitCodes.usage],
	['CellEditError', () => new CellEditError('Row 2: the file has no column 9 to edit.'), exitCodes.usage],
	['StaleMappingError', () => new StaleMappingError("The mapping was made for other columns than this file's (3); map the columns again."), exitCodes.usage],
	['ImportLockedError', () => new ImportLockedError('Import abc is in use by process 42 on this computer.'), exitCodes.usage],
	['ImportNotFoundError', () => new ImportNotFoundError('There is no import abc. See jc-import imports.'), exitCodes.usage],
	['DamagedImportError', () => new DamagedImportError('Import abc is damaged: its manifest is empty.'), exitCodes.usage],
	['NotResumableError', () => new NotResumableError('Import abc has finished; there is nothing to resume.'), exitCodes.usage],
	['FileChangedError', () => new FileChangedError('users.csv changed since the plan.'), exitCodes.usage],
	['JournalError', () => new JournalError('Cannot write the journal: the disk is full.', 'ENOSPC'), exitCodes.usage],
	['JumpCloudError', jumpCloudError, exitCodes.usage],
	['InterruptedError', () => new InterruptedError(), exitCodes.interrupted],
];

describe('the family of errors meant for users', () => {
	for (const [name, make, exitCode] of family) {
		it(`${name} is an ExpectedError that exits ${exitCode}`, () => {
			const error = make();
			expect(error).toBeInstanceOf(ExpectedError);
			expect(error).toBeInstanceOf(Error);
			expect(error.name).toBe(name);
			expect(error.exitCode).toBe(exitCode);
		});
	}

	it('keeps the kinds code switches on', () => {
		expect(new CsvError('binary', 'book.xlsx', 'book.xlsx is an Excel workbook.').kind).toBe('binary');
		expect(jumpCloudError().kind).toBe('unauthorized');
	});

	it('has no hint unless one is given, and keeps the error it wraps as its cause', () => {
		const plain = new UsageError('No API key.');
		expect('hint' in plain).toBe(false);
		expect('cause' in plain).toBe(false);
		const cause = Object.assign(new Error('EACCES: permission denied'), {code: 'EACCES'});
		const wrapped = new ExpectedError('Cannot list /root: permission denied.', {hint: 'Pick another folder.', cause});
		expect(wrapped.hint).toBe('Pick another folder.');
		expect(wrapped.cause).toBe(cause);
		expect(wrapped.exitCode).toBe(exitCodes.usage);
	});

	it('says a stop as "interrupted." unless told otherwise', () => {
		expect(new InterruptedError().message).toBe('interrupted.');
		expect(new InterruptedError('stopped before the import began; nothing was created.').exitCode).toBe(exitCodes.interrupted);
	});
});

describe('main reports an error meant for users as one line and its exit code', () => {
	beforeEach(() => {
		failing.error = undefined;
	});

	for (const [name, make, exitCode] of family) {
		it(`${name}: its message alone, exit ${exitCode}`, async () => {
			const error = make();
			const {code, stdout, stderr} = await reportOf(error);
			expect(code).toBe(exitCode);
			expect(stderr).toBe(`jc-import: ${error.message}\n`);
			expect(stdout).toBe('');
		});
	}

	it('prints the hint on a line of its own', async () => {
		const {code, stderr} = await reportOf(new ExpectedError('Import abc is in use.', {hint: 'Wait for it to end, or see jc-import imports.'}));
		expect(code).toBe(exitCodes.usage);
		expect(stderr).toBe('jc-import: Import abc is in use.\n  Wait for it to end, or see jc-import imports.\n');
	});

	it('cleans control characters out of the message', async () => {
		const {stderr} = await reportOf(new UsageError('No such file: evil\u001b]0;title\u0007.csv'));
		expect(stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
		expect(stderr.trim().split('\n')).toHaveLength(1);
	});

	it('an InterruptedError (Ctrl+C or no at a question) is said as interrupted, exit 130', async () => {
		const {code, stderr} = await reportOf(new InterruptedError());
		expect(code).toBe(exitCodes.interrupted);
		expect(stderr).toBe('jc-import: interrupted.\n');
	});

	it('anything else is a bug: said as unexpected, with its stack folded into the line, exit 1', async () => {
		const {code, stderr} = await reportOf(new TypeError('x is undefined'));
		expect(code).toBe(exitCodes.rowsFailed);
		expect(stderr).toMatch(/^jc-import: unexpected error: TypeError: x is undefined\s+at /);
		expect(stderr.trim().split('\n')).toHaveLength(1);
	});

	it('a real command: inspect of a missing file says the CsvError, exit 2', async () => {
		const {context, stdout, stderr} = fakeContext();
		const missing = path.join(tempFolder('jc-expected-error-'), 'missing.csv');
		expect(await main(['inspect', missing], context)).toBe(exitCodes.usage);
		expect(stderr()).toBe(`jc-import: ${missing}: no such file.\n`);
		expect(stdout()).toBe('');
	});

	it('a real command: inspect with a preset that is not JSON says the PresetFileError, exit 2', async () => {
		const folder = tempFolder('jc-expected-error-');
		const file = path.join(folder, 'users.csv');
		const preset = path.join(folder, 'mapping.json');
		writeFileSync(file, 'email,firstname\na@example.com,Ann\n');
		writeFileSync(preset, 'not json');
		const {context, stderr} = fakeContext({JC_IMPORT_HOME: path.join(folder, 'home')});
		expect(await main(['inspect', file, '--mapping', preset], context)).toBe(exitCodes.usage);
		expect(stderr()).toBe(`jc-import: Mapping ${preset} is not JSON.\n`);
	});

	it('a real command: run of a missing file says the CsvError, exit 2', async () => {
		const folder = tempFolder('jc-expected-error-');
		const missing = path.join(folder, 'missing.csv');
		const {context, stderr} = fakeContext({JC_IMPORT_HOME: path.join(folder, 'home')});
		expect(await main(['run', missing, '--sandbox', '--dry-run'], context)).toBe(exitCodes.usage);
		expect(stderr()).toBe(`jc-import: ${missing}: no such file.\n`);
	});

	it('a real command: check without an API key says so, exit 2', async () => {
		const {context, stderr} = fakeContext();
		expect(await main(['check'], context)).toBe(exitCodes.usage);
		expect(stderr()).toMatch(/^jc-import: No API key: set JC_API_KEY/);
	});
});

describe('--help', () => {
	it('describes every exit code of the table, in its order', async () => {
		const {context, stdout} = fakeContext();
		expect(await main(['--help'], context)).toBe(exitCodes.ok);
		expect(stdout().slice(stdout().indexOf('Exit codes:'))).toBe(
			[
				'Exit codes:',
				'  0                         all well',
				'  1                         some rows failed',
				'  2                         usage or input error (bad flag, file, key or',
				'                            connection)',
				'  130                       interrupted (Ctrl+C, SIGTERM, SIGHUP)',
				'',
			].join('\n'),
		);
	});
});

describe('the exit code of a finished import or rollback', () => {
	it('an import: 130 when stopped, 1 when a row failed or was invalid, else 0', () => {
		expect(importRunExitCode({stopped: false, failed: 0, invalid: 0})).toBe(exitCodes.ok);
		expect(importRunExitCode({stopped: false, failed: 1, invalid: 0})).toBe(exitCodes.rowsFailed);
		expect(importRunExitCode({stopped: false, failed: 0, invalid: 3})).toBe(exitCodes.rowsFailed);
		expect(importRunExitCode({stopped: true, failed: 2, invalid: 1})).toBe(exitCodes.interrupted);
		expect(importRunExitCode({stopped: true, failed: 0, invalid: 0})).toBe(exitCodes.interrupted);
	});

	it('a rollback: 130 when stopped with users left, 1 when a delete failed, else 0', () => {
		expect(rollbackExitCode({stopped: false, left: 0, failed: 0})).toBe(exitCodes.ok);
		expect(rollbackExitCode({stopped: false, left: 0, failed: 2})).toBe(exitCodes.rowsFailed);
		expect(rollbackExitCode({stopped: true, left: 5, failed: 2})).toBe(exitCodes.interrupted);
		// Stopped once nothing was left: the rollback finished.
		expect(rollbackExitCode({stopped: true, left: 0, failed: 0})).toBe(exitCodes.ok);
		expect(rollbackExitCode({stopped: true, left: 0, failed: 1})).toBe(exitCodes.rowsFailed);
	});
});
