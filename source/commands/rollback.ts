import {terminalJson} from '../lib/terminal-json.js';
import {exitCodes, rollbackExitCode, UsageError} from '../lib/exit-codes.js';
import {sanitize} from '../lib/sanitize.js';
import {importFolder, readManifest} from '../importer/import-store.js';
import {createdUsers, unsettledCreates} from '../importer/progress.js';
import {importConnection} from '../importer/import-target.js';
import {connectPaced} from '../importer/connect-paced.js';
import type {RollbackEvent} from '../importer/rollback.js';
import {billingNote, runRollback} from '../importer/rollback-session.js';
import {loadProgress} from '../importer/session.js';
import type {CliCommand} from './command.js';
import {askToGoOn, prepareHome} from './import-flow.js';
import {stopEarlyOnSignal, stopSignals} from './stop-early.js';
import {directoryProgress} from './import-reporter.js';

export const rollbackCommand: CliCommand = {
	name: 'rollback',
	usage: 'rollback ID [--yes] [--json]',
	summary: 'delete exactly the users import ID created (journaled and resumable)',
	flags: {
		yes: {type: 'boolean', description: 'do not ask (required without a terminal)'},
		json: {type: 'boolean', description: 'print NDJSON events, one per line, ending with a summary object'},
	},
	maxPositionals: 1,
	async run({values, positionals}, context) {
		const [id] = positionals;
		if (!id) throw new UsageError('Which import? Usage: jc-import rollback ID (see jc-import imports).');
		const folder = importFolder(prepareHome(context), id);
		const manifest = readManifest(folder);
		if (manifest.target.sandbox) throw new UsageError(`Import ${id} ran against the built-in sandbox, which ended with that process; there is nothing to roll back.`);
		const connection = importConnection(manifest, context.env.JC_API_KEY?.trim() || undefined, context.env.JC_ORG_ID?.trim() || undefined);
		const json = values.json === true;
		const write = (object: Record<string, unknown>, text: string) => context.stdout.write(json ? `${terminalJson(object)}\n` : `${text}\n`);
		const progress = loadProgress(folder);
		const users = createdUsers(progress);
		const cutOff = unsettledCreates(progress).length;
		if (users.length === 0 && cutOff === 0) {
			write({type: 'summary', deleted: 0, gone: 0, kept: 0, failed: 0, left: 0}, `Import ${id} has no created users left to delete.`);
			return exitCodes.ok;
		}
		if (!json) context.stdout.write(`${billingNote}\n`);
		const handOver = stopEarlyOnSignal(context, () => `stopped before the rollback began; nothing was deleted.`);
		let stop = false;
		const onSignal = () => (stop = true);
		try {
			await askToGoOn(values.yes === true, `Delete the ${cutOff > 0 ? `${users.length} (and up to ${cutOff} more whose create was cut off)` : users.length} users import ${id} created in ${sanitize(manifest.target.baseUrl)}? Users outside the import who report to one of them lose their manager.`, context);
			const {connected} = await connectPaced(connection, !json);
			try {
				const result = await runRollback({
					client: connected.client,
					folder,
					manifest,
					onStarted: () => {
						handOver();
						for (const name of stopSignals) process.on(name, onSignal);
					},
					shouldStop: () => stop,
					// Every user is read again before the first delete: a big import takes a while, said as it goes.
					onRead: directoryProgress(json, (text) => (json ? context.stdout : context.stderr).write(text)),
					onEvent: (event) => write({...event}, describe(event)),
				});
				const unfinished = result.left + result.failed > 0;
				write(
					{type: 'summary', ...result, note: billingNote},
					`${result.failure ? `${result.failure} ` : ''}Rolled back: ${result.deleted} deleted, ${result.gone} already gone, ${result.kept} kept (not provably this import's), ${result.failed} failed, ${result.left} left.${unfinished ? ` Run jc-import rollback ${id} again to finish.` : ''}`,
				);
				return rollbackExitCode({stopped: stop || Boolean(result.failure), left: result.left, failed: result.failed});
			} finally {
				await connected.close();
			}
		} finally {
			handOver();
			for (const name of stopSignals) process.off(name, onSignal);
		}
	},
};

function describe(event: RollbackEvent): string {
	const user = sanitize(event.userId);
	switch (event.type) {
		case 'deleted': {
			const cleared = event.clearedManagerOf;
			// A long list is cut short, so the line stays readable.
			const named = cleared ? [...cleared.slice(0, 10).map(sanitize), ...(cleared.length > 10 ? [`${cleared.length - 10} more`] : [])].join(', ') : '';
			return `row ${event.row}: deleted ${user}${cleared ? ` (it still managed ${named}, not in this import: JumpCloud cleared their manager)` : ''}`;
		}
		case 'gone':
			return `row ${event.row}: ${user} was already gone`;
		case 'kept':
			return `row ${event.row}: kept ${user}: ${sanitize(event.reason)}`;
		case 'delete-failed':
			return `row ${event.row}: could not delete ${user}: ${sanitize(event.error)}`;
	}
}
