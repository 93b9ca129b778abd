import type {CsvOverrides} from '../csv/index.js';
import type {FileFingerprint} from '../csv/read-rows.js';
import type {JumpCloudClient} from '../jumpcloud/client.js';
import type {DerivedTarget} from '../mapping/derive.js';
import type {Mapping} from '../mapping/mapping.js';
import type {PresetStore} from '../mapping/preset-store.js';
import type {Preset} from '../mapping/presets.js';
import type {MappingSource} from '../mapping/suggest-mapping.js';
import type {BuiltRow} from '../users/build-user.js';
import type {CellEdit} from '../users/cell-edits.js';
import {inspectFile, type InspectReport} from '../users/inspect-file.js';
import {userDefaults, type ImportOptions} from './options.js';
import {preflight, readDirectory, type DirectorySnapshot, type PlanSummary, type RowPlan} from './preflight.js';

export type PreparedImport = {
	report: InspectReport;
	mapping: Mapping;
	source: MappingSource;
	rows: RowPlan[];
	summary: PlanSummary;
	/** The directory as read for this plan: pass it back to plan again without reading it again. */
	directory: DirectorySnapshot;
	/** The cell edits laid over the rows (none when none were given). */
	edits: readonly CellEdit[];
	/** The exact bytes this plan was made from: a file changed before the start is refused. */
	fingerprint: FileFingerprint;
	/** How the file was read (encoding, delimiter, header line chosen or detected), to read it again the same way. */
	overrides: CsvOverrides;
};

export type PrepareOptions = {
	file: string;
	options: ImportOptions;
	client: JumpCloudClient;
	/** Encoding, delimiter or header line chosen rather than detected. */
	overrides?: CsvOverrides;
	preset?: {preset: Preset; path: string};
	store?: PresetStore;
	/** Used as is instead of a suggested one (the wizard's mapping); preset, store and noDerive are then unused. */
	mapping?: Mapping;
	/** The admin's cell edits; an edit of a password column throws CellEditError. */
	edits?: readonly CellEdit[];
	/** An earlier read of the directory, reused (re-checking after an edit); read afresh when omitted. */
	directory?: DirectorySnapshot;
	/** Hears the users read so far, when the directory is read afresh. */
	onProgress?: (read: number, total: number) => void;
	now?: Date;
	noDerive?: readonly DerivedTarget[];
	/** On resume: users this import created, which are not conflicts. */
	ownUsers?: ReadonlySet<string>;
	/** On resume: rows with creates of unknown outcome, settled by the run rather than planned as conflicts. */
	unsettledRows?: ReadonlySet<number>;
};

/**
 * Everything before the first write: the file read, mapped and checked row by row, then every row
 * checked against the directory (read once). Nothing is created here; `--dry-run` stops after it.
 */
export async function prepareImport(prepare: PrepareOptions): Promise<PreparedImport> {
	const now = prepare.now ?? new Date();
	const directory = prepare.directory ?? (await readDirectory(prepare.client, prepare.onProgress));
	const built: BuiltRow[] = [];
	const edits = prepare.edits ?? [];
	const {report, mapping, source, fingerprint} = await inspectFile(prepare.file, {
		fingerprint: true,
		overrides: prepare.overrides,
		preset: prepare.preset,
		store: prepare.store,
		mapping: prepare.mapping,
		edits,
		noDerive: prepare.noDerive,
		directory: {groups: directory.groups.map((group) => group.name), systems: directory.systems.flatMap((system) => [system.hostname ?? '', system.displayName ?? ''].filter(Boolean))},
		defaults: userDefaults(prepare.options),
		now,
		onRow: (row) => built.push(row),
	});
	const {rows, summary} = preflight(built, directory, prepare.options, now, prepare.ownUsers, prepare.unsettledRows);
	const overrides = {...prepare.overrides, encoding: report.encoding, delimiter: report.delimiter, headerLine: report.headerLine} as CsvOverrides;
	return {report, mapping, source, rows, summary, directory, edits, fingerprint: fingerprint!, overrides};
}
