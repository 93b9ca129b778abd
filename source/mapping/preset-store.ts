import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import type Conf from 'conf';
import {UsageError} from '../lib/exit-codes.js';
import {ensureHomeFolder, homeWarnings, ownedByMe} from '../lib/home-safety.js';
import {homePaths} from '../lib/paths.js';
import type {Preset} from './presets.js';

const configName = 'presets';

/**
 * Confirmed mappings, remembered per header fingerprint in `conf` (atomic writes, 0600 file, 0700
 * folder). conf (with ajv) and zod load only when there is a presets file to read or a preset to
 * save, so `inspect` on a machine without presets starts quickly.
 *
 * A planted preset could send a column where the admin never meant it to go, so presets that
 * someone else could have written (a file not the user's, a folder anyone can write to) are not
 * read: the store is then empty, says why in `warnings`, and refuses to save.
 */
export class PresetStore {
	/** Sentences for the user when the presets are not used; empty when all is well. */
	warnings: string[] = [];
	private store: Conf<Record<string, unknown>> | undefined;
	private parse: ((json: unknown) => Preset | undefined) | undefined;

	private constructor(
		private readonly folder: string,
		private readonly env: NodeJS.ProcessEnv,
	) {}

	static async open(env: NodeJS.ProcessEnv = process.env): Promise<PresetStore> {
		const presets = new PresetStore(homePaths(env).config, env);
		presets.warnings = presets.unsafe();
		if (presets.warnings.length === 0 && existsSync(presets.path)) await presets.load();
		return presets;
	}

	find(fingerprint: string): Preset | undefined {
		if (!this.store || !this.parse) return undefined;
		return this.parse(this.store.get(fingerprint));
	}

	async save(preset: Preset): Promise<void> {
		// Checked again: the folder may have changed since open, and a save would carry a planted file's presets over.
		this.warnings = this.unsafe();
		if (this.warnings.length > 0) throw new UsageError(this.warnings.join(' '));
		await this.load();
		this.store!.set(preset.fingerprint, preset);
	}

	get path(): string {
		return path.join(this.folder, `${configName}.json`);
	}

	/** Why the presets here cannot be trusted, one sentence per reason. */
	private unsafe(): string[] {
		const reasons = homeWarnings(this.folder, this.env);
		if (process.platform !== 'win32' && existsSync(this.path)) {
			if (!ownedByMe(this.path)) reasons.push(`${this.path} belongs to another user (uid ${statSync(this.path).uid}).`);
			else if ((statSync(this.path).mode & 0o002) !== 0) reasons.push(`${this.path} can be changed by every user on this computer; run chmod 600 ${this.path}.`);
		}
		return reasons.map((reason) => `Remembered mappings are not used or saved: ${reason}`);
	}

	private async load(): Promise<void> {
		if (this.store) return;
		// conf would create the folder with the umask's mode; made first, it is the user's alone.
		ensureHomeFolder(this.folder, 'mapping presets', this.env);
		const [{default: ConfClass}, {parsePreset}] = await Promise.all([import('conf'), import('./preset-file.js')]);
		this.parse = parsePreset;
		this.store = new ConfClass<Record<string, unknown>>({projectName: 'jc-import', cwd: this.folder, configName, configFileMode: 0o600});
	}
}
