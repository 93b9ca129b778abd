import path from 'node:path';
import envPaths from 'env-paths';

export type HomePaths = {
	/** Small preferences and mapping presets. */
	config: string;
	/** One folder per import: manifest and journal. */
	imports: string;
};

/** `JC_IMPORT_HOME` when set, else the per-OS config and data folders (XDG on Linux). */
export function homePaths(env: NodeJS.ProcessEnv = process.env): HomePaths {
	const home = env.JC_IMPORT_HOME?.trim();
	if (home) {
		const root = path.resolve(home);
		return {config: path.join(root, 'config'), imports: path.join(root, 'imports')};
	}
	const paths = envPaths('jc-import', {suffix: ''});
	return {config: paths.config, imports: path.join(paths.data, 'imports')};
}
