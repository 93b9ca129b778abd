import type Conf from 'conf';
import {homePaths} from '../lib/paths.js';
import {parsePreset, type Preset} from './presets.js';

/** Confirmed mappings, remembered per header fingerprint in `conf` (atomic writes, 0600 file). */
export class PresetStore {
	private constructor(private readonly store: Conf<Record<string, unknown>>) {}

	/** conf pulls in ajv; loading it lazily keeps `inspect` and `--help` quick. */
	static async open(env: NodeJS.ProcessEnv = process.env): Promise<PresetStore> {
		const {default: ConfClass} = await import('conf');
		const store = new ConfClass<Record<string, unknown>>({
			projectName: 'jc-import',
			cwd: homePaths(env).config,
			configName: 'presets',
			configFileMode: 0o600,
		});
		return new PresetStore(store);
	}

	find(fingerprint: string): Preset | undefined {
		return parsePreset(this.store.get(fingerprint));
	}

	save(preset: Preset): void {
		this.store.set(preset.fingerprint, preset);
	}

	get path(): string {
		return this.store.path;
	}
}
