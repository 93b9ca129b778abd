import type {JumpCloudClient} from '../jumpcloud/client.js';
import type {DerivedTarget} from '../mapping/derive.js';
import type {Mapping} from '../mapping/mapping.js';
import type {PresetStore} from '../mapping/preset-store.js';
import type {Preset} from '../mapping/presets.js';
import type {MappingSource} from '../mapping/suggest-mapping.js';
import type {BuiltRow} from '../users/build-user.js';
import {inspectFile, type InspectReport} from '../users/inspect-file.js';
import {userDefaults, type ImportOptions} from './options.js';
import {preflight, readDirectory, type PlanSummary, type RowPlan} from './preflight.js';

export type PreparedImport = {
	report: InspectReport;
	mapping: Mapping;
	source: MappingSource;
	rows: RowPlan[];
	summary: PlanSummary;
};

export type PrepareOptions = {
	file: string;
	options: ImportOptions;
	client: JumpCloudClient;
	preset?: {preset: Preset; path: string};
	store?: PresetStore;
	now?: Date;
	noDerive?: readonly DerivedTarget[];
	/** On resume: users this import created, which are not conflicts. */
	ownUsers?: ReadonlySet<string>;
};

/**
 * Everything before the first write: the file read, mapped and checked row by row, then every row
 * checked against the directory (read once). Nothing is created here; `--dry-run` stops after it.
 */
export async function prepareImport(prepare: PrepareOptions): Promise<PreparedImport> {
	const now = prepare.now ?? new Date();
	const directory = await readDirectory(prepare.client);
	const built: BuiltRow[] = [];
	const {report, mapping, source} = await inspectFile(prepare.file, {
		preset: prepare.preset,
		store: prepare.store,
		noDerive: prepare.noDerive,
		directory: {groups: directory.groups.map((group) => group.name), systems: directory.systems.flatMap((system) => [system.hostname ?? '', system.displayName ?? ''].filter(Boolean))},
		defaults: userDefaults(prepare.options),
		now,
		onRow: (row) => built.push(row),
	});
	const {rows, summary} = preflight(built, directory, prepare.options, now, prepare.ownUsers);
	return {report, mapping, source, rows, summary};
}
