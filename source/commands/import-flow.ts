import {createInterface} from 'node:readline/promises';
import {realpathSync, statSync} from 'node:fs';
import {connect, type Connected} from '../lib/connect.js';
import {exitCodes, UsageError} from '../lib/exit-codes.js';
import {homePaths} from '../lib/paths.js';
import {sanitize} from '../lib/sanitize.js';
import type {Connection} from '../lib/settings.js';
import {toolVersion} from '../lib/version.js';
import {createImport, importFolder, listImportIds, newImportId, readManifest, sha256File, type ImportFolder, type Manifest} from '../importer/import-store.js';
import {ImportLockedError} from '../importer/lock.js';
import {defaultImportOptions, optionsProblem, type EmailChoice, type ImportOptions} from '../importer/options.js';
import {Pacer} from '../importer/pacer.js';
import type {PreparedImport} from '../importer/prepare.js';
import {isUnfinished} from '../importer/progress.js';
import {NotResumableError, prepareResume} from '../importer/resume.js';
import {launchImport, loadProgress} from '../importer/session.js';
import {toPreset} from '../mapping/presets.js';
import type {CellEdit} from '../users/cell-edits.js';
import type {CommandContext} from './command.js';
import {createReporter, type Reporter} from './import-reporter.js';

/** The import options from `run`'s flags, checked. */
export function importOptionsFrom(values: Record<string, unknown>): ImportOptions {
	const options: ImportOptions = {...defaultImportOptions, groups: [], devices: []};
	if (values.state !== undefined) {
		const state = String(values.state).toUpperCase();
		if (state !== 'STAGED' && state !== 'ACTIVATED') throw new UsageError('--state must be STAGED or ACTIVATED.');
		options.state = state;
	}
	if (values.email !== undefined) options.email = emailChoice(String(values.email));
	if (values['mfa-exclusion-days'] !== undefined) {
		options.requireMfa = true;
		options.mfaExclusionDays = Number(values['mfa-exclusion-days']);
	}
	if (values['require-mfa']) options.requireMfa = true;
	if (Array.isArray(values.group)) options.groups = values.group.map(String);
	if (Array.isArray(values.device)) options.devices = values.device.map(String);
	if (values.existing !== undefined) {
		if (values.existing !== 'skip' && values.existing !== 'fail') throw new UsageError('--existing must be skip or fail.');
		options.existing = values.existing;
	}
	if (values.concurrency !== undefined) options.concurrency = Number(values.concurrency);
	const problem = optionsProblem(options);
	if (problem) throw new UsageError(problem);
	return options;
}

function emailChoice(value: string): EmailChoice {
	if (value === 'none') return {kind: 'none'};
	if (value === 'default') return {kind: 'default'};
	if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return {kind: 'address', address: value};
	throw new UsageError(`--email must be none, default or an email address, not '${sanitize(value)}'.`);
}

/** Without --yes: refuse off a terminal (naming the flag), or ask on one. */
export async function confirm(yes: boolean, question: string, context: CommandContext): Promise<void> {
	if (yes) return;
	if (!context.stdin.isTTY || !context.stderr.isTTY) {
		throw new UsageError('Refusing to change JumpCloud without a terminal to confirm on: add --yes (or use --dry-run to see the plan).');
	}
	const prompt = createInterface({input: context.stdin, output: context.stderr});
	try {
		const answer = await prompt.question(`${question} Type yes to go on: `);
		if (answer.trim().toLowerCase() !== 'yes') throw Object.assign(new Error('Not confirmed.'), {code: 'interrupted'});
	} finally {
		prompt.close();
	}
}

/** A paced client: every request goes through the adaptive pacer. */
export async function connectPaced(connection: Connection, interactive: boolean): Promise<{connected: Connected; pacer: Pacer}> {
	const pacer = new Pacer();
	const connected = await connect(connection, {interactive, gate: pacer.gate, observer: pacer.observe});
	return {connected, pacer};
}

export type StartedImport = {folder: ImportFolder; manifest: Manifest};

/** Writes the manifest of a new import: the CSV's fingerprint, layout, mapping, cell edits, options and target. */
export async function recordNewImport(
	file: string,
	prepared: PreparedImport,
	options: ImportOptions,
	connection: Connection,
	connected: Connected,
	env: NodeJS.ProcessEnv,
	edits: readonly CellEdit[] = prepared.edits,
): Promise<StartedImport> {
	const absolute = realpathSync(file);
	const manifest: Manifest = {
		format: 'jc-import-manifest',
		version: 1,
		id: newImportId(),
		createdAt: new Date().toISOString(),
		toolVersion,
		csv: {
			path: absolute,
			sha256: await sha256File(absolute),
			size: statSync(absolute).size,
			encoding: prepared.report.encoding,
			delimiter: prepared.report.delimiter,
			headerLine: prepared.report.headerLine,
		},
		mapping: toPreset(prepared.mapping, prepared.report.columns.map((column) => column.header)),
		options,
		creates: prepared.summary.creates,
		...(edits.length > 0 ? {edits: edits.map(({row, column, value}) => ({row, column, value}))} : {}),
		target: {
			baseUrl: connected.client.http.baseUrl,
			...(connection.kind === 'jumpcloud' && connection.orgId ? {orgId: connection.orgId} : {}),
			sandbox: connection.kind === 'sandbox',
		},
	};
	const folder = createImport(homePaths(env).imports, manifest);
	return {folder, manifest};
}

/**
 * Runs an import to its end or to a stop, with the headless reporter: SIGINT, SIGTERM and SIGHUP
 * stop gracefully (a second one at once), the journal stays consistent, and the resume command is
 * printed. Returns the exit code.
 */
export async function runToEnd(
	started: StartedImport,
	prepared: PreparedImport,
	connected: Connected,
	pacer: Pacer,
	reporter: Reporter,
	context: CommandContext,
	retryFailed = false,
): Promise<number> {
	let session;
	try {
		session = launchImport({
			client: connected.client,
			pacer,
			folder: started.folder,
			manifest: started.manifest,
			mapping: prepared.mapping,
			rows: prepared.rows,
			retryFailed,
			onEvent: (event) => reporter.event(event),
		});
	} catch (error) {
		if (error instanceof ImportLockedError) throw new UsageError(error.message);
		throw error;
	}
	let signals = 0;
	let lastSignal = 0;
	const onSignal = () => {
		// conf's atomic-write helper (when-exit) re-raises a signal it caught: one signal, not two.
		if (Date.now() - lastSignal < 200) return;
		lastSignal = Date.now();
		signals++;
		session.runner.stop(signals > 1);
	};
	const names = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
	for (const name of names) process.on(name, onSignal);
	try {
		const outcome = await session.finished;
		const resume = `jc-import resume ${started.manifest.id}`;
		reporter.summary({
			counts: outcome.counts,
			importId: started.manifest.id,
			results: started.folder.resultsPath,
			...(outcome.failedRows > 0 ? {failed: started.folder.failedPath} : {}),
			...(outcome.stopped ? {resume} : {}),
		});
		if (outcome.stopped) return exitCodes.interrupted;
		return outcome.counts.failed + outcome.counts.invalid > 0 ? exitCodes.rowsFailed : exitCodes.ok;
	} finally {
		for (const name of names) process.off(name, onSignal);
	}
}

/** `resume` and `run --retry-failed`: an existing import, from its manifest, checked against its CSV. */
export async function continueImport(
	id: string | undefined,
	flags: {yes: boolean; json: boolean; retryFailed: boolean; allowChangedCsv: boolean},
	context: CommandContext,
): Promise<number> {
	const importsDir = homePaths(context.env).imports;
	const chosen = id ?? newestUnfinished(importsDir);
	if (!chosen) throw new UsageError('There is no unfinished import to resume. See jc-import imports.');
	const folder = importFolder(importsDir, chosen);
	let manifest: Manifest;
	try {
		manifest = readManifest(folder);
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	if (manifest.target.sandbox) {
		throw new UsageError(`Import ${chosen} ran against the built-in sandbox, which ended with that process; there is nothing to resume.`);
	}
	let sha: string;
	try {
		sha = await sha256File(manifest.csv.path);
	} catch {
		throw new UsageError(`The import's file ${sanitize(manifest.csv.path)} cannot be read any more.`);
	}
	if (sha !== manifest.csv.sha256 && !flags.allowChangedCsv) {
		throw new UsageError(`${sanitize(manifest.csv.path)} changed since import ${chosen} began; rows may not match. Add --allow-changed-csv to go on anyway.`);
	}
	const connection: Connection = {kind: 'jumpcloud', baseUrl: manifest.target.baseUrl, region: undefined, orgId: manifest.target.orgId ?? context.env.JC_ORG_ID, apiKey: context.env.JC_API_KEY};
	const reporter = createReporter(flags.json, (text) => context.stdout.write(text));
	const {connected, pacer} = await connectPaced(connection, !flags.json);
	try {
		let prepared;
		try {
			prepared = await prepareResume(connected.client, folder, manifest);
		} catch (error) {
			if (error instanceof NotResumableError || error instanceof ImportLockedError) throw new UsageError(error.message);
			throw error;
		}
		reporter.plan(prepared.summary, prepared.rows, connected.label);
		await confirm(flags.yes, `${flags.retryFailed ? 'Retry the failed rows of' : 'Resume'} import ${chosen} in ${connected.label}?`, context);
		return await runToEnd({folder, manifest}, prepared, connected, pacer, reporter, context, flags.retryFailed);
	} finally {
		await connected.close();
	}
}

function newestUnfinished(importsDir: string): string | undefined {
	return listImportIds(importsDir).find((id) => {
		return isUnfinished(loadProgress(importFolder(importsDir, id)));
	});
}
