import {existsSync} from 'node:fs';
import path from 'node:path';
import type Conf from 'conf';
import {homePaths} from '../lib/paths.js';
import type {Preset} from './presets.js';

const configName = 'presets';

/**
 * Confirmed mappings, remembered per header fingerprint in `conf` (atomic writes, 0600 file).
 * conf (with ajv) and zod load only when there is a presets file to read or a preset to save, so
 * `inspect` on a machine without presets starts quickly.
 */
export class PresetStore {
	private store: Conf<Record<string, unknown>> | undefined;
	private parse: ((json: unknown) => Preset | undefined) | undefined;

	private constructor(private readonly folder: string) {}

	static async open(env: NodeJS.ProcessEnv = process.env): Promise<PresetStore> {
		const presets = new PresetStore(homePaths(env).config);
		if (existsSync(presets.path)) await presets.load();
		return presets;
	}

	find(fingerprint: string): Preset | undefined {
		if (!this.store || !this.parse) return undefined;
		return this.parse(this.store.get(fingerprint));
	}

	async save(preset: Preset): Promise<void> {
		await this.load();
		this.store!.set(preset.fingerprint, preset);
	}

	get path(): string {
		return path.join(this.folder, `${configName}.json`);
	}

	private async load(): Promise<void> {
		if (this.store) return;
		const [{default: ConfClass}, {parsePreset}] = await Promise.all([import('conf'), import('./preset-file.js')]);
		this.parse = parsePreset;
		this.store = new ConfClass<Record<string, unknown>>({projectName: 'jc-import', cwd: this.folder, configName, configFileMode: 0o600});
	}
}
