import {UsageError} from '../lib/exit-codes.js';
import {connectPaced} from '../importer/connect-paced.js';
import {importFolder, readManifest} from '../importer/import-store.js';
import {importConnection} from '../importer/import-target.js';
import {prepareResume} from '../importer/resume.js';
import {continueImport} from '../importer/start-import.js';
import {resumeStreamed} from '../importer/streamed-start.js';
import {unfinishedImports} from '../importer/unfinished-imports.js';
import type {CliCommand, CommandContext} from './command.js';
import {askToGoOnWithFreshPlan, prepareHome, runToEnd} from './import-flow.js';
import {createReporter, directoryProgress} from './import-reporter.js';
import {stopEarlyOnSignal} from './stop-early.js';

export const resumeCommand: CliCommand = {
	name: 'resume',
	usage: 'resume [ID] [--yes] [--json] [--allow-changed-csv]',
	summary: 'finish an import that was stopped or cut off (the newest unfinished one without ID); no user is created twice',
	flags: {
		yes: {type: 'boolean', description: 'do not ask (required without a terminal)'},
		json: {type: 'boolean', description: 'print NDJSON events, one per line, ending with a summary object'},
		'allow-changed-csv': {type: 'boolean', description: 'go on although the CSV changed since the import began'},
	},
	maxPositionals: 1,
	async run({values, positionals}, context) {
		return resumeOrRetry(positionals[0], {yes: values.yes === true, json: values.json === true, retryFailed: false, allowChangedCsv: values['allow-changed-csv'] === true}, context);
	},
};

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
			prepared = await askToGoOnWithFreshPlan(prepared, {file: manifest.csv.path, target: connected.label, replan, question}, flags.yes, reporter, context);
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
