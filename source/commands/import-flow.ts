import {createInterface} from 'node:readline/promises';
import {exitCodes, UsageError} from '../lib/exit-codes.js';
import {ensureHomeFolder, homeWarnings} from '../lib/home-safety.js';
import {homePaths} from '../lib/paths.js';
import {sanitize} from '../lib/sanitize.js';
import {importFolder, readManifest} from '../importer/import-store.js';
import {importConnection} from '../importer/import-target.js';
import {connectPaced} from '../importer/connect-paced.js';
import {defaultImportOptions, optionsProblem, type EmailChoice, type ImportOptions} from '../importer/options.js';
import {isStale, recheckPlan} from '../importer/plan-check.js';
import type {PreparedImport} from '../importer/prepare.js';
import {prepareResume} from '../importer/resume.js';
import {resumeStreamed} from '../importer/streamed-start.js';
import {continueImport, type StartedImport} from '../importer/start-import.js';
import {unfinishedImports} from '../importer/unfinished-imports.js';
import {warn, type CommandContext} from './command.js';
import {stopEarlyOnSignal, stopSignals} from './stop-early.js';
import {createReporter, directoryProgress, type Reporter} from './import-reporter.js';

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

/** Without --yes: refuse off a terminal (naming the flag), or ask on one. Ctrl+C at the question is "no". */
export async function confirm(yes: boolean, question: string, context: CommandContext): Promise<void> {
	if (yes) return;
	if (!context.stdin.isTTY || !context.stderr.isTTY) {
		throw new UsageError('Refusing to change JumpCloud without a terminal to confirm on: add --yes (or use --dry-run to see the plan).');
	}
	const prompt = createInterface({input: context.stdin, output: context.stderr});
	const interrupted = new Promise<never>((_, reject) => prompt.once('SIGINT', () => reject(Object.assign(new Error('Not confirmed.'), {code: 'interrupted'}))));
	try {
		const answer = await Promise.race([prompt.question(`${question} Type yes to go on: `), interrupted]);
		if (answer.trim().toLowerCase() !== 'yes') throw Object.assign(new Error('Not confirmed.'), {code: 'interrupted'});
	} finally {
		prompt.close();
	}
}

/**
 * Asks (unless --yes), then makes sure the plan is still true: a directory read more than a minute
 * ago (a question left waiting) is read again; the file must still be the one planned; a plan that
 * changed is shown and asked again.
 */
export async function confirmFresh(
	prepared: PreparedImport,
	planning: {file: string; target: string; replan: () => Promise<PreparedImport>; question: (plan: PreparedImport) => string},
	yes: boolean,
	reporter: Reporter,
	context: CommandContext,
): Promise<PreparedImport> {
	let current = prepared;
	for (;;) {
		await confirm(yes, planning.question(current), context);
		if (!isStale(current)) return current;
		reporter.line('Checking the directory again: the plan was made over a minute ago…');
		// The file must be the one the admin saw planned: a change while the question waited is refused.
		const {fresh, changed} = await recheckPlan(current, planning.file, planning.replan);
		if (!changed) return fresh;
		reporter.line(`The directory changed since the plan: ${changed}. The plan now:`);
		reporter.plan(fresh.summary, fresh.rows, planning.target);
		current = fresh;
		if (yes) return current;
	}
}

/**
 * The import journals' folder, made 0700 if missing (a JC_IMPORT_HOME that is a file or a dangling
 * link is refused in one line), and a warning for each way someone else could change what is in it.
 */
export function prepareHome(context: CommandContext): string {
	const {imports} = homePaths(context.env);
	ensureHomeFolder(imports, 'import journals', context.env);
	warn(context, homeWarnings(imports, context.env));
	return imports;
}

/**
 * Waits for a started import with the headless reporter (and `planShown`, a streamed start's plan printed): SIGINT, SIGTERM and SIGHUP stop gracefully
 * (a second one at once), the journal stays consistent, and the resume command is printed. Returns
 * the exit code.
 */
export async function runToEnd(started: StartedImport, reporter: Reporter, planShown?: Promise<unknown>): Promise<number> {
	const {session, manifest, folder} = started;
	let signals = 0;
	let lastSignal = 0;
	const onSignal = () => {
		// conf's atomic-write helper (when-exit) re-raises a signal it caught: one signal, not two.
		if (Date.now() - lastSignal < 200) return;
		lastSignal = Date.now();
		signals++;
		session.runner.stop(signals > 1);
	};
	for (const name of stopSignals) process.on(name, onSignal);
	try {
		const outcome = await session.finished;
		// A streamed start's plan is printed when the file is read through: before the summary.
		await planShown;
		const resume = `jc-import resume ${manifest.id}`;
		reporter.summary({
			counts: outcome.counts,
			importId: manifest.id,
			results: folder.resultsPath,
			...(outcome.failedRows > 0 ? {failed: folder.failedPath} : {}),
			...(outcome.failure ? {error: `${outcome.failure.message} Stopped after ${outcome.counts.usersCreated} users created; ${outcome.failure.remedy}: ${resume}`} : {}),
			...(outcome.reportError ? {reportError: outcome.reportError} : {}),
			...(outcome.stopped ? {resume} : {}),
		});
		if (outcome.stopped) return exitCodes.interrupted;
		return outcome.counts.failed + outcome.counts.invalid > 0 ? exitCodes.rowsFailed : exitCodes.ok;
	} finally {
		for (const name of stopSignals) process.off(name, onSignal);
	}
}

/** `resume` and `run --retry-failed`: an existing import, from its manifest, in its own organization. */
export async function resumeOrRetry(
	id: string | undefined,
	flags: {yes: boolean; json: boolean; retryFailed: boolean; allowChangedCsv: boolean},
	context: CommandContext,
): Promise<number> {
	const importsDir = prepareHome(context);
	// The newest import that stopped before its end; damaged ones are passed over (imports lists them).
	const chosen = id ?? unfinishedImports(importsDir).next().value?.id;
	if (!chosen) throw new UsageError('There is no unfinished import to resume. See jc-import imports.');
	const folder = importFolder(importsDir, chosen);
	const manifest = readManifest(folder);
	if (manifest.target.sandbox) {
		throw new UsageError(`Import ${chosen} ran against the built-in sandbox, which ended with that process; there is nothing to resume.`);
	}
	const connection = importConnection(manifest, context.env.JC_API_KEY?.trim() || undefined, context.env.JC_ORG_ID?.trim() || undefined);
	const handOver = stopEarlyOnSignal(context, () => `stopped before the ${flags.retryFailed ? 'retry' : 'resume'} began; import ${chosen} is as it was: jc-import resume ${chosen}`);
	const reporter = createReporter(flags.json, (text) => context.stdout.write(text));
	try {
		const {connected, pacer} = await connectPaced(connection, !flags.json);
		try {
			const onProgress = directoryProgress(flags.json, (text) => (flags.json ? context.stdout : context.stderr).write(text));
			// With --yes a big file's resume starts at once, its rows planned again as they are run.
			const running = {client: connected.client, pacer, importsDir, folder, manifest, retryFailed: flags.retryFailed, allowChangedCsv: flags.allowChangedCsv};
			const begun = flags.yes ? await resumeStreamed({...running, onProgress, onEvent: (event) => reporter.event(event)}) : undefined;
			if (begun && 'streamed' in begun) {
				const {streamed} = begun;
				// No plan is printed: rows finished before were planned without looking them up, so its
				// totals would not be true; the run's own counts (from the journal) are.
				if (!streamed.started) throw (await streamed.planned).error ?? new UsageError(`The rows of ${manifest.csv.path} could not be read.`);
				handOver();
				return await runToEnd(streamed.started, reporter, streamed.planned);
			}
			// A journal settled already (by a small file's begun resume) is not read again; a later replan reads it afresh.
			let settled = begun?.settled;
			const replan = () => {
				const options = {purpose: flags.retryFailed ? ('retry' as const) : ('resume' as const), allowChangedCsv: flags.allowChangedCsv, onProgress, ...(settled ? {settled} : {})};
				settled = undefined;
				return prepareResume(connected.client, folder, manifest, options);
			};
			let prepared = await replan();
			reporter.plan(prepared.summary, prepared.rows, connected.label);
			const question = () => `${flags.retryFailed ? 'Retry the failed rows of' : 'Resume'} import ${chosen} in ${connected.label}?`;
			prepared = await confirmFresh(prepared, {file: manifest.csv.path, target: connected.label, replan, question}, flags.yes, reporter, context);
			const started = await continueImport({client: connected.client, pacer, importsDir, folder, manifest, prepared, retryFailed: flags.retryFailed, onEvent: (event) => reporter.event(event)});
			handOver();
			return await runToEnd(started, reporter);
		} finally {
			await connected.close();
		}
	} finally {
		handOver();
	}
}
