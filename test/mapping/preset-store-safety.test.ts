import {chmodSync, chownSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempFolders} from '../support/temp-dir.js';
import {UsageError} from '../../source/lib/exit-codes.js';
import {homePaths} from '../../source/lib/paths.js';
import {withDerivations} from '../../source/mapping/mapping.js';
import {PresetStore} from '../../source/mapping/preset-store.js';
import {toPreset} from '../../source/mapping/presets.js';
import {runCli} from '../support/run-cli.js';

const tempFolder = useTempFolders('jc-preset-safety-');
const sampleCsv = path.resolve(import.meta.dirname, '../../fixtures/sample-users.csv');
const preset = toPreset(withDerivations([{index: 0, header: 'Mail', target: 'email', confidence: 1, reason: 'exact'}], []), ['Mail']);

/** A home holding one saved preset, as a user's own run leaves it. */
async function homeWithPreset(): Promise<{env: {JC_IMPORT_HOME: string}; config: string; file: string}> {
	const env = {JC_IMPORT_HOME: tempFolder()};
	const store = await PresetStore.open(env);
	await store.save(preset);
	expect((await PresetStore.open(env)).find(preset.fingerprint)).toEqual(preset);
	return {env, config: homePaths(env).config, file: store.path};
}

async function refusedSave(store: PresetStore): Promise<string> {
	const error = await store.save(preset).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(UsageError);
	return (error as Error).message;
}

describe.skipIf(process.platform === 'win32')('the presets folder', () => {
	it('is 0700 even under umask 000', async () => {
		const env = {JC_IMPORT_HOME: path.join(tempFolder(), 'home')};
		process.umask(0);
		const store = await PresetStore.open(env);
		await store.save(preset);
		expect(statSync(homePaths(env).config).mode & 0o777).toBe(0o700);
		expect(statSync(env.JC_IMPORT_HOME).mode & 0o777).toBe(0o700);
		expect(statSync(store.path).mode & 0o777).toBe(0o600);
	});

	it('is not read when anyone can write to it, and saving there is refused', async () => {
		const {env, config} = await homeWithPreset();
		chmodSync(config, 0o777);
		const store = await PresetStore.open(env);
		expect(store.find(preset.fingerprint)).toBeUndefined();
		expect(store.warnings).toEqual([`Remembered mappings are not used or saved: ${config} can be changed by every user on this computer (mode 0777); run chmod o-w ${config}.`]);
		expect(await refusedSave(store)).toBe(store.warnings[0]);
	});

	it('is not read when JC_IMPORT_HOME above it is world-writable', async () => {
		const {env} = await homeWithPreset();
		chmodSync(env.JC_IMPORT_HOME, 0o777);
		const store = await PresetStore.open(env);
		expect(store.find(preset.fingerprint)).toBeUndefined();
		expect(store.warnings).toHaveLength(1);
		expect(store.warnings[0]).toContain(`JC_IMPORT_HOME (${env.JC_IMPORT_HOME}) can be changed by every user`);
	});

	it("is not read from a presets file of another user's, nor saved over it", async () => {
		const {env, file} = await homeWithPreset();
		chownSync(file, 12345, 12345);
		const store = await PresetStore.open(env);
		expect(store.find(preset.fingerprint)).toBeUndefined();
		expect(store.warnings).toEqual([`Remembered mappings are not used or saved: ${file} belongs to another user (uid 12345).`]);
		expect(await refusedSave(store)).toBe(store.warnings[0]);
		expect(statSync(file).uid).toBe(12345);
	});

	it('is not read from a presets file anyone can write to', async () => {
		const {env, file} = await homeWithPreset();
		chmodSync(file, 0o666);
		const store = await PresetStore.open(env);
		expect(store.find(preset.fingerprint)).toBeUndefined();
		expect(store.warnings).toEqual([`Remembered mappings are not used or saved: ${file} can be changed by every user on this computer; run chmod 600 ${file}.`]);
	});
});

describe.skipIf(process.platform === 'win32')('a JC_IMPORT_HOME that cannot hold presets', () => {
	it('refuses to save in one line when it is a file', async () => {
		const home = path.join(tempFolder(), 'home');
		writeFileSync(home, '');
		const store = await PresetStore.open({JC_IMPORT_HOME: home});
		expect(store.warnings).toEqual([]);
		expect(await refusedSave(store)).toBe(`JC_IMPORT_HOME (${home}) is a file, not a folder: cannot keep mapping presets in ${home}/config.`);
	});

	it('refuses to save in one line when it is a link to nothing', async () => {
		const base = tempFolder();
		const home = path.join(base, 'home');
		symlinkSync(path.join(base, 'gone'), home);
		expect(await refusedSave(await PresetStore.open({JC_IMPORT_HOME: home}))).toBe(
			`JC_IMPORT_HOME (${home}) is a link to ${base}/gone, which does not exist: cannot keep mapping presets in ${home}/config.`,
		);
	});

	it.each([
		['a file', (base: string, home: string) => writeFileSync(home, ''), (base: string, home: string) => `JC_IMPORT_HOME (${home}) is a file, not a folder`],
		['a link to nothing', (base: string, home: string) => symlinkSync(path.join(base, 'gone'), home), (base: string, home: string) => `JC_IMPORT_HOME (${home}) is a link to ${base}/gone, which does not exist`],
	])('inspect --save-mapping exits 2 with one line when it is %s', async (_, make, cause) => {
		const base = tempFolder();
		const home = path.join(base, 'home');
		make(base, home);
		const result = await runCli(['inspect', sampleCsv, '--save-mapping'], {JC_IMPORT_HOME: home});
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(`jc-import: ${cause(base, home)}: cannot keep mapping presets in ${home}/config.\n`);
	});
});
