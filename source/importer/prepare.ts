import type {CsvOverrides, CsvRow} from '../csv/index.js';
import type {FileFingerprint} from '../csv/read-rows.js';
import type {JumpCloudClient} from '../jumpcloud/client.js';
import type {DerivedTarget} from '../mapping/derive.js';
import type {Mapping} from '../mapping/mapping.js';
import type {PresetStore} from '../mapping/preset-store.js';
import type {NamedPreset} from '../mapping/presets.js';
import type {MappingSource} from '../mapping/suggest-mapping.js';
import type {BuiltRow} from '../users/build-user.js';
import type {CellEdit} from '../users/cell-edits.js';
import {inspectFile, type InspectReport} from '../users/inspect-file.js';
import {userDefaults, type ImportOptions} from './options.js';
import {readFrame, readUsers, wantedBy, type DirectoryProgress, type DirectorySnapshot, type WantedUsers} from './directory-read.js';
import {preflight} from './preflight.js';
import type {PlanSummary, RowPlan} from './row-plan.js';

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
	preset?: NamedPreset;
	store?: PresetStore;
	/** Used as is instead of a suggested one (the wizard's mapping); preset, store and noDerive are then unused. */
	mapping?: Mapping;
	/** The admin's cell edits; an edit of a password column throws CellEditError. */
	edits?: readonly CellEdit[];
	/** An earlier read of the directory, reused (re-checking after an edit); read afresh when omitted, its users also when it is partial. */
	directory?: DirectorySnapshot;
	/** Hears the users read (or the lookups done) so far, when the directory is read afresh. */
	onProgress?: DirectoryProgress;
	now?: Date;
	noDerive?: readonly DerivedTarget[];
	/** Sees every row as the file holds it, as planning reads it (the wizard keeps the cells for the row detail). */
	onSourceRow?: (row: CsvRow) => void;
	/** On resume: users this import created, which are not conflicts. */
	ownUsers?: ReadonlySet<string>;
	/** On resume: rows with creates of unknown outcome, settled by the run rather than planned as conflicts. */
	unsettledRows?: ReadonlySet<number>;
};

/**
 * Everything before the first write: the file read, mapped and checked row by row, then every row
 * checked against the directory (read once). Read afresh, the directory's groups and devices come
 * first (the mapping's suggestions use their names), its users after the file: every user, or
 * only those holding the file's values when looking them up costs fewer requests (`readUsers`).
 * Nothing is created here; `--dry-run` stops after it.
 */
export async function prepareImport(prepare: PrepareOptions): Promise<PreparedImport> {
	const now = prepare.now ?? new Date();
	const frame = prepare.directory ?? (await readFrame(prepare.client));
	const readAt = prepare.directory?.readAt ?? new Date();
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
		directory: {groups: frame.groups.map((group) => group.name), systems: frame.systems.flatMap((system) => [system.hostname ?? '', system.displayName ?? ''].filter(Boolean))},
		defaults: userDefaults(prepare.options),
		now,
		onRow: (row) => built.push(row),
		...(prepare.onSourceRow ? {onSourceRow: prepare.onSourceRow} : {}),
	});
	const directory = prepare.directory && !prepare.directory.partial ? prepare.directory : await withUsers(prepare, frame, wantedBy(built), readAt);
	const {rows, summary} = preflight(built, directory, prepare.options, now, prepare.ownUsers, prepare.unsettledRows);
	const overrides = {...prepare.overrides, encoding: report.encoding, delimiter: report.delimiter, headerLine: report.headerLine} as CsvOverrides;
	return {report, mapping, source, rows, summary, directory, edits, fingerprint: fingerprint!, overrides};
}

/** The directory's groups, devices and org with the users the file's values need, read now. */
async function withUsers(prepare: PrepareOptions, frame: Omit<DirectorySnapshot, 'users' | 'readAt' | 'partial'>, wanted: WantedUsers, readAt: Date): Promise<DirectorySnapshot> {
	const {users, partial} = await readUsers(prepare.client, wanted, prepare.onProgress);
	const {groups, systems, policy, organization} = frame;
	return {users, groups, systems, policy, organization, readAt, ...(partial ? {partial: true as const} : {})};
}
