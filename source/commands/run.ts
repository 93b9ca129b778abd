import type {Connected} from '../lib/connect.js';
import {exitCodes, UsageError} from '../lib/exit-codes.js';
import type {DirectoryProgress} from '../importer/directory-read.js';
import type {ImportOptions} from '../importer/options.js';
import type {Pacer} from '../importer/pacer.js';
import type {DerivedTarget} from '../mapping/derive.js';
import type {PresetStore} from '../mapping/preset-store.js';
import type {Preset} from '../mapping/presets.js';
import {resolveSettings, type Connection, type ConnectionFlags} from '../lib/settings.js';
import {sanitize} from '../lib/sanitize.js';
import {prepareImport, type PrepareOptions} from '../importer/prepare.js';
import {importTarget, startNewImport} from '../importer/start-import.js';
import {directoryForStreaming, scanForStreaming, startStreamedImport} from '../importer/streamed-start.js';
import {targetBusy} from '../importer/target-lock.js';
import {connectionFlags, warn, type CliCommand} from './command.js';
import {askToGoOnWithFreshPlan, importOptionsFrom, prepareHome, runToEnd} from './import-flow.js';
import {resumeOrRetry} from './resume.js';
import {connectPaced} from '../importer/connect-paced.js';
import {stopEarlyOnSignal} from './stop-early.js';
import {noDeriveFlag, noDeriveFrom} from './derive-flag.js';
import {readingFlags, readingFrom} from './reading-flags.js';
import type {CsvOverrides} from '../csv/index.js';
import {createReporter, directoryProgress, type Reporter} from './import-reporter.js';
import {homePaths} from '../lib/paths.js';

export const runCommand: CliCommand = {
	name: 'run',
	usage:
		'run FILE [--mapping preset.json] [--encoding NAME] [--delimiter C] [--header-line N] [--sandbox | --api-url URL] [--org-id ID] [--yes] [--dry-run] [--concurrency N] [--state STAGED|ACTIVATED] [--email none|default|ADDRESS] [--require-mfa] [--mfa-exclusion-days N] [--group NAME]… [--device NAME]… [--existing skip|fail] [--json]',
	summary: 'import a CSV headless: check it against the directory, create the users, journal every step',
	flags: {
		...connectionFlags,
		mapping: {type: 'string', value: 'FILE', description: 'a mapping preset (from inspect --export-mapping); else the remembered or suggested mapping'},
		...readingFlags,
		yes: {type: 'boolean', description: 'do not ask before creating users (required without a terminal)'},
		'dry-run': {type: 'boolean', description: 'check everything and print the plan (creates, skips, errors, memberships, bindings, emails); create nothing'},
		concurrency: {type: 'string', value: 'N', description: 'rows in flight at most (default 16); the pacer adapts the request rate to JumpCloud'},
		state: {type: 'string', value: 'STAGED|ACTIVATED', description: 'the state new users end in (default STAGED); a state column wins'},
		email: {type: 'string', value: 'none|default|ADDRESS', description: "email sent on activation: none, JumpCloud's default, or all to one address (default none)"},
		'mfa-exclusion-days': {type: 'string', value: 'N', description: 'require MFA with an enrollment window of N days, 0–365 (0: MFA at first sign-in; staged users count from activation)'},
		'require-mfa': {type: 'boolean', description: 'require MFA of every user (enable_user_portal_multifactor); enrollment window 21 days unless --mfa-exclusion-days'},
		group: {type: 'string', multiple: true, value: 'NAME', description: 'add every user to this user group (repeatable)'},
		device: {type: 'string', multiple: true, value: 'NAME', description: 'bind every user to this device: id, hostname or name (repeatable)'},
		...noDeriveFlag,
		existing: {type: 'string', value: 'skip|fail', description: 'a row whose username or email exists: skip it (default) or count it as an error'},
		json: {type: 'boolean', description: 'print NDJSON events, one per line, ending with a summary object'},
		'retry-failed': {type: 'string', value: 'ID', description: 'run again only the rows that failed in import ID'},
		'allow-changed-csv': {type: 'boolean', description: 'with --retry-failed: go on although the CSV changed since the import began'},
	},
	maxPositionals: 1,
	async run({values, positionals}, context) {
		const json = values.json === true;
		if (typeof values['retry-failed'] === 'string') {
			return resumeOrRetry(values['retry-failed'], {yes: values.yes === true, json, retryFailed: true, allowChangedCsv: values['allow-changed-csv'] === true}, context);
		}
		const [file] = positionals;
		if (file === undefined) throw new UsageError('Which file? Usage: jc-import run FILE [--sandbox] [--yes] … (see jc-import run --help)');
		const options = importOptionsFrom(values);
		// How to read the file: these flags, else the preset's reading, else detection (users/inspect-file.ts).
		const overrides = readingFrom(values);
		const noDerive = noDeriveFrom(values);
		const {connection} = resolveSettings(values as ConnectionFlags, context.env);
		const dryRun = values['dry-run'] === true;
		if (!dryRun && values.yes !== true && (!context.stdin.isTTY || !context.stderr.isTTY)) {
			throw new UsageError('Refusing to change JumpCloud without a terminal to confirm on: add --yes (or use --dry-run to see the plan).');
		}
		const importsDir = dryRun ? homePaths(context.env).imports : prepareHome(context);
		const preset = typeof values.mapping === 'string' ? {preset: await readPresetFile(values.mapping), path: values.mapping} : undefined;
		const reporter = createReporter(json, (text) => context.stdout.write(text));
		const handOver = stopEarlyOnSignal(context, () => 'stopped before the import began; nothing was created.');
		try {
			const {connected, pacer} = await connectPaced(connection, !json);
			try {
				const {PresetStore} = await import('../mapping/preset-store.js');
				const store = await PresetStore.open(context.env);
				warn(context, store.warnings);
				// Progress of the directory reads: NDJSON events on stdout with --json, else lines on stderr.
				const onProgress = directoryProgress(json, (text) => (json ? context.stdout : context.stderr).write(text));
				const planning: PrepareOptions = {file, options, client: connected.client, overrides, preset, store, noDerive, onProgress};
				// With --yes a big file starts at once: its first users are created while later rows are read.
				if (values.yes === true && !dryRun) {
					const streamed = await runStreamed({file, options, overrides, preset, store, noDerive, onProgress, importsDir, connection, connected, pacer, reporter, handOver});
					if (streamed !== undefined) return streamed;
				}
				let prepared = await prepareImport(planning);
				// A code page guessed from the words is said, so a wrong guess is caught before anything is created.
				const {encoding, encodingConfidence} = prepared.report;
				if (encodingConfidence < 1) reporter.line(`Read as ${encoding}, guessed with confidence ${encodingConfidence.toFixed(2)} (--encoding to choose another).`);
				reporter.plan(prepared.summary, prepared.rows, connected.label);
				if (dryRun) {
					reporter.summary({dryRun: 'nothing was created'});
					return prepared.summary.invalid > 0 ? exitCodes.rowsFailed : exitCodes.ok;
				}
				if (prepared.summary.creates + prepared.summary.skips === 0) {
					reporter.summary({nothing: 'no row can be created; fix the errors above'});
					return exitCodes.rowsFailed;
				}
				const busy = targetBusy(importsDir, {baseUrl: connected.client.http.baseUrl, organizationId: prepared.directory.organization.id, sha256: prepared.fingerprint.sha256});
				if (busy) throw new UsageError(busy);
				prepared = await askToGoOnWithFreshPlan(prepared, {file, target: connected.label, replan: () => prepareImport(planning), question: (fresh) => `Create ${fresh.summary.creates} users in ${sanitize(connected.label)}?`}, values.yes === true, reporter, context);
				const started = await startNewImport({
					client: connected.client,
					pacer,
					importsDir,
					file,
					prepared,
					options,
					target: importTarget(connection, connected.client.http.baseUrl),
					onEvent: (event) => reporter.event(event),
				});
				handOver();
				reporter.line(`Import ${started.manifest.id} (journal: ${started.folder.journalPath})`);
				return await runToEnd(started, reporter);
			} finally {
				await connected.close();
			}
		} finally {
			handOver();
		}
	},
};

type Streaming = {
	file: string;
	options: ImportOptions;
	overrides: CsvOverrides;
	preset: {preset: Preset; path: string} | undefined;
	store: PresetStore;
	noDerive: readonly DerivedTarget[];
	onProgress: DirectoryProgress;
	importsDir: string;
	connection: Connection;
	connected: Connected;
	pacer: Pacer;
	reporter: Reporter;
	handOver: () => void;
};

/**
 * `run --yes` of a big file, started before its plan is whole (importer/streamed-start.ts); the
 * exit code, or undefined when the file is small or its values cost fewer requests to look up than
 * the directory to list (the plan is then made whole first).
 */
async function runStreamed(run: Streaming): Promise<number | undefined> {
	const {file, connected, reporter} = run;
	const scan = await scanForStreaming(file);
	const directory = scan && (await directoryForStreaming(connected.client, scan, run.onProgress));
	if (!scan || !directory) return undefined;
	const busy = targetBusy(run.importsDir, {baseUrl: connected.client.http.baseUrl, organizationId: directory.frame.organization.id, sha256: scan.sha256});
	if (busy) {
		directory.stop();
		throw new UsageError(busy);
	}
	const target = importTarget(run.connection, connected.client.http.baseUrl);
	reporter.line(`Target: ${sanitize(connected.label)}. ${scan.lines.toLocaleString('en')} lines: the first users are created while the rest of the file is read; the plan's totals follow when it is read through.`);
	const streamed = await startStreamedImport({
		client: connected.client,
		pacer: run.pacer,
		importsDir: run.importsDir,
		directory,
		scan,
		file,
		options: run.options,
		overrides: run.overrides,
		target,
		...(run.preset ? {preset: run.preset} : {}),
		store: run.store,
		noDerive: run.noDerive,
		onEvent: (event) => reporter.event(event),
	});
	const shown = streamed.planned.then((plan) => plan.complete && reporter.plan(plan.summary, plan.rows, connected.label));
	if (!streamed.started) {
		await shown;
		reporter.summary({nothing: 'no row can be created; fix the errors above'});
		return exitCodes.rowsFailed;
	}
	run.handOver();
	reporter.line(`Import ${streamed.started.manifest.id} (journal: ${streamed.started.folder.journalPath})`);
	return runToEnd(streamed.started, reporter, shown);
}

/** Loaded only when a preset is given; its errors (PresetFileError) are expected ones, one line each. */
async function readPresetFile(file: string) {
	return (await import('../mapping/preset-file.js')).readPresetFile(file);
}
