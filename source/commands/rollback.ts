import {terminalJson} from '../lib/terminal-json.js';
import {exitCodes, UsageError} from '../lib/exit-codes.js';
import {homePaths} from '../lib/paths.js';
import {sanitize} from '../lib/sanitize.js';
import type {Connection} from '../lib/settings.js';
import {importFolder, readManifest} from '../importer/import-store.js';
import {ImportLockedError} from '../importer/lock.js';
import {createdUsers, pendingCreates} from '../importer/progress.js';
import {billingNote, runRollback} from '../importer/rollback-session.js';
import {loadProgress} from '../importer/session.js';
import type {Command} from './command.js';
import {confirm, connectPaced} from './import-flow.js';

export const rollbackCommand: Command = {
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
		const folder = importFolder(homePaths(context.env).imports, id);
		let manifest;
		try {
			manifest = readManifest(folder);
		} catch (error) {
			throw new UsageError((error as Error).message);
		}
		if (manifest.target.sandbox) throw new UsageError(`Import ${id} ran against the built-in sandbox, which ended with that process; there is nothing to roll back.`);
		const json = values.json === true;
		const write = (object: Record<string, unknown>, text: string) => context.stdout.write(json ? `${terminalJson(object)}\n` : `${text}\n`);
		const progress = loadProgress(folder);
		const users = createdUsers(progress);
		const cutOff = pendingCreates(progress).length;
		if (users.length === 0 && cutOff === 0) {
			write({type: 'summary', deleted: 0, failed: 0, left: 0}, `Import ${id} has no created users left to delete.`);
			return exitCodes.ok;
		}
		const connection: Connection = {kind: 'jumpcloud', baseUrl: manifest.target.baseUrl, region: undefined, orgId: manifest.target.orgId ?? context.env.JC_ORG_ID, apiKey: context.env.JC_API_KEY};
		if (!json) context.stdout.write(`${billingNote}\n`);
		await confirm(values.yes === true, `Delete the ${users.length + cutOff > users.length ? `${users.length} (and up to ${cutOff} more whose create was cut off)` : users.length} users import ${id} created in ${sanitize(manifest.target.baseUrl)}?`, context);
		const {connected} = await connectPaced(connection, !json);
		let stop = false;
		const onSignal = () => (stop = true);
		for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(name, onSignal);
		try {
			let result;
			try {
				result = await runRollback({
					client: connected.client,
					folder,
					manifest,
					shouldStop: () => stop,
					onEvent: (event) =>
						write({...event}, event.type === 'deleted' ? `row ${event.row}: deleted ${sanitize(event.userId)}` : `row ${event.row}: could not delete ${sanitize(event.userId)}: ${sanitize(event.error)}`),
				});
			} catch (error) {
				if (error instanceof ImportLockedError) throw new UsageError(error.message);
				throw error;
			}
			write(
				{type: 'summary', ...result, note: billingNote},
				`Rolled back: ${result.deleted} deleted, ${result.failed} failed, ${result.left} left.${result.left + result.failed > 0 ? ` Run jc-import rollback ${id} again to finish.` : ''}`,
			);
			if (stop && result.left > 0) return exitCodes.interrupted;
			return result.failed > 0 ? exitCodes.rowsFailed : exitCodes.ok;
		} finally {
			for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(name, onSignal);
			await connected.close();
		}
	},
};
