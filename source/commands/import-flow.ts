import {createInterface} from 'node:readline/promises';
import {importRunExitCode, InterruptedError, UsageError} from '../lib/exit-codes.js';
import {ensureHomeFolder, homeWarnings} from '../lib/home-safety.js';
import {homePaths} from '../lib/paths.js';
import {sanitize} from '../lib/sanitize.js';
import {defaultImportOptions, optionsProblem, type EmailChoice, type ImportOptions} from '../importer/options.js';
import {isStale, recheckPlan} from '../importer/plan-check.js';
import type {PreparedImport} from '../importer/prepare.js';
import type {StartedImport} from '../importer/start-import.js';
import {warn, type CommandContext} from './command.js';
import {stopSignals} from './stop-early.js';
import type {Reporter} from './import-reporter.js';

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
export async function askToGoOn(yes: boolean, question: string, context: CommandContext): Promise<void> {
	if (yes) return;
	if (!context.stdin.isTTY || !context.stderr.isTTY) {
		throw new UsageError('Refusing to change JumpCloud without a terminal to confirm on: add --yes (or use --dry-run to see the plan).');
	}
	const prompt = createInterface({input: context.stdin, output: context.stderr});
	const interrupted = new Promise<never>((_, reject) => prompt.once('SIGINT', () => reject(new InterruptedError())));
	try {
		const answer = await Promise.race([prompt.question(`${question} Type yes to go on: `), interrupted]);
		if (answer.trim().toLowerCase() !== 'yes') throw new InterruptedError();
	} finally {
		prompt.close();
	}
}

/**
 * Asks (unless --yes), then makes sure the plan is still true: a directory read more than a minute
 * ago (a question left waiting) is read again; the file must still be the one planned; a plan that
 * changed is shown and asked again.
 */
export async function askToGoOnWithFreshPlan(
	prepared: PreparedImport,
	planning: {file: string; target: string; replan: () => Promise<PreparedImport>; question: (plan: PreparedImport) => string},
	yes: boolean,
	reporter: Reporter,
	context: CommandContext,
): Promise<PreparedImport> {
	let current = prepared;
	for (;;) {
		await askToGoOn(yes, planning.question(current), context);
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
		return importRunExitCode({stopped: outcome.stopped, failed: outcome.counts.failed, invalid: outcome.counts.invalid});
	} finally {
		for (const name of stopSignals) process.off(name, onSignal);
	}
}
