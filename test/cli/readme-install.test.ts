import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {projectRoot} from '../support/shared.js';
import {useTempFolders} from '../support/temp-dir.js';

const run = promisify(execFile);
const tempFolder = useTempFolders('jc-import-install-');

/** The commands of the README's Quick start, comments and blank lines left out. */
function quickStart(): string[] {
	const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
	const section = readme.split('\n## Quick start\n')[1]!.split('\n## ')[0]!;
	const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
	return block.split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
}

describe('the commands jc-import prints run as printed after the README install', () => {
	it('the Quick start puts jc-import on PATH, then starts it by that name', () => {
		const [install, link, start] = quickStart();
		expect(install).toBe('npm install');
		expect(link).toBe('npm install -g .');
		expect(start?.split(' ')[0]).toBe('jc-import');
	});

	it('after its global install, jc-import runs by name from any folder', {timeout: 120_000}, async () => {
		const prefix = tempFolder();
		const link = quickStart()[1]!.split(' ');
		// The README's line, into a scratch prefix instead of the machine's global folder; a link needs no download.
		await run('npm', [...link.slice(1), '--prefix', prefix, '--offline', '--no-audit', '--no-fund'], {cwd: projectRoot});
		const elsewhere = tempFolder();
		const env = {PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}`, HOME: process.env.HOME, JC_IMPORT_HOME: tempFolder()};
		const version = await run('jc-import', ['--version'], {cwd: elsewhere, env});
		expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		const imports = await run('jc-import', ['imports'], {cwd: elsewhere, env});
		expect(imports.stdout).toBe('No imports yet.\n');
	});
});
