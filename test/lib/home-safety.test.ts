import {chmodSync, chownSync, mkdirSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {UsageError} from '../../source/lib/exit-codes.js';
import {ensureHomeFolder, homeWarnings, ownedByMe} from '../../source/lib/home-safety.js';
import {homePaths} from '../../source/lib/paths.js';

const tempFolder = useTempFolders('jc-home-');
const modeOf = (file: string) => statSync(file).mode & 0o777;
const stranger = 12345;

/** What ensureHomeFolder threw: a UsageError whose message is one line. */
function refusal(run: () => void): string {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(UsageError);
		expect((error as Error).message).not.toContain('\n');
		return (error as Error).message;
	}
	throw new Error('not refused');
}

describe.skipIf(process.platform === 'win32')('ensureHomeFolder', () => {
	it.each([
		['000', 0o000],
		['022', 0o022],
		['277', 0o277],
	])('creates the home 0700 under umask %s, every folder it made', (_, mask) => {
		const env = {JC_IMPORT_HOME: path.join(tempFolder(), 'home')};
		const {config} = homePaths(env);
		process.umask(mask);
		ensureHomeFolder(config, 'mapping presets', env);
		expect(modeOf(config)).toBe(0o700);
		expect(modeOf(env.JC_IMPORT_HOME)).toBe(0o700);
	});

	it("leaves the mode of the user's own existing folder alone", () => {
		const folder = path.join(tempFolder(), 'config');
		mkdirSync(folder);
		chmodSync(folder, 0o750);
		ensureHomeFolder(folder, 'mapping presets', {});
		expect(modeOf(folder)).toBe(0o750);
	});

	it('names JC_IMPORT_HOME when it is a file', () => {
		const home = path.join(tempFolder(), 'home');
		writeFileSync(home, '');
		const env = {JC_IMPORT_HOME: home};
		expect(refusal(() => ensureHomeFolder(homePaths(env).config, 'mapping presets', env))).toBe(
			`JC_IMPORT_HOME (${home}) is a file, not a folder: cannot keep mapping presets in ${home}/config.`,
		);
	});

	it('names the folder itself when it is a file', () => {
		const folder = path.join(tempFolder(), 'imports');
		writeFileSync(folder, '');
		expect(refusal(() => ensureHomeFolder(folder, 'import journals', {}))).toBe(`${folder} is a file, not a folder: cannot keep import journals in ${folder}.`);
	});

	it('says where a dangling link points', () => {
		const base = tempFolder();
		const home = path.join(base, 'home');
		symlinkSync(path.join(base, 'gone'), home);
		const env = {JC_IMPORT_HOME: home};
		expect(refusal(() => ensureHomeFolder(homePaths(env).imports, 'import journals', env))).toBe(
			`JC_IMPORT_HOME (${home}) is a link to ${base}/gone, which does not exist: cannot keep import journals in ${home}/imports.`,
		);
	});

	it('follows a link to a folder', () => {
		const base = tempFolder();
		mkdirSync(path.join(base, 'real'));
		symlinkSync(path.join(base, 'real'), path.join(base, 'home'));
		ensureHomeFolder(path.join(base, 'home', 'config'), 'mapping presets', {});
		expect(modeOf(path.join(base, 'real', 'config'))).toBe(0o700);
	});

	it.skipIf(process.platform !== 'linux')('names the path and the reason when the system refuses', () => {
		// /proc cannot hold folders, for root too: a refusal no permission bit can cause.
		const folder = '/proc/jc-import-test/config';
		expect(refusal(() => ensureHomeFolder(folder, 'mapping presets', {}))).toMatch(/^\/proc\/jc-import-test cannot be created[:( ].*: cannot keep mapping presets in \/proc\/jc-import-test\/config\.$/);
	});
});

describe.skipIf(process.platform === 'win32')('homeWarnings', () => {
	it('is quiet for a private home, and for folders not made yet', () => {
		const env = {JC_IMPORT_HOME: tempFolder()};
		expect(homeWarnings(homePaths(env).config, env)).toEqual([]);
		ensureHomeFolder(homePaths(env).config, 'mapping presets', env);
		expect(homeWarnings(homePaths(env).config, env)).toEqual([]);
	});

	it('warns about a world-writable folder, up to JC_IMPORT_HOME, but not with the sticky bit', () => {
		const env = {JC_IMPORT_HOME: tempFolder()};
		const {config} = homePaths(env);
		ensureHomeFolder(config, 'mapping presets', env);
		chmodSync(config, 0o777);
		expect(homeWarnings(config, env)).toEqual([`${config} can be changed by every user on this computer (mode 0777); run chmod o-w ${config}.`]);
		chmodSync(config, 0o1777);
		expect(homeWarnings(config, env)).toEqual([]);
		chmodSync(config, 0o700);
		chmodSync(env.JC_IMPORT_HOME, 0o777);
		expect(homeWarnings(config, env)).toEqual([`JC_IMPORT_HOME (${env.JC_IMPORT_HOME}) can be changed by every user on this computer (mode 0777); run chmod o-w ${env.JC_IMPORT_HOME}.`]);
	});

	it("warns about a folder of another user's, and not about root's", () => {
		const env = {JC_IMPORT_HOME: tempFolder()};
		const {config} = homePaths(env);
		ensureHomeFolder(config, 'mapping presets', env);
		chownSync(config, stranger, stranger);
		expect(homeWarnings(config, env)).toEqual([`${config} belongs to another user (uid ${stranger}), not to you (uid ${process.getuid!()}).`]);
		chownSync(config, 0, 0);
		expect(homeWarnings(config, env)).toEqual([]);
	});

	it('does not climb above the home root', () => {
		const outside = tempFolder();
		chmodSync(outside, 0o777);
		const env = {JC_IMPORT_HOME: path.join(outside, 'home')};
		ensureHomeFolder(homePaths(env).config, 'mapping presets', env);
		expect(homeWarnings(homePaths(env).config, env)).toEqual([]);
	});
});

describe.skipIf(process.platform === 'win32')('ownedByMe', () => {
	it("tells the user's files from another user's", () => {
		const file = path.join(tempFolder(), 'manifest.json');
		writeFileSync(file, '{}');
		expect(ownedByMe(file)).toBe(true);
		chownSync(file, stranger, stranger);
		expect(ownedByMe(file)).toBe(false);
	});
});
