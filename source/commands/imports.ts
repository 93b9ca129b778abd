import {terminalJson} from '../lib/terminal-json.js';
import {exitCodes, UsageError} from '../lib/exit-codes.js';
import {homeWarnings} from '../lib/home-safety.js';
import {homePaths} from '../lib/paths.js';
import {sanitize} from '../lib/sanitize.js';
import {importFolder, listImportIds, readManifest} from '../importer/import-store.js';
import {isLocked} from '../importer/lock.js';
import {createdUsers} from '../importer/progress.js';
import {loadProgress} from '../importer/session.js';
import {warn, type Command} from './command.js';

export type ImportListing = {
	id: string;
	createdAt: string;
	file: string;
	target: string;
	status: 'running' | 'finished' | 'unfinished' | 'rolled back' | 'damaged';
	/** For a damaged import: what is wrong with it. */
	problem?: string;
	created: number;
	skipped: number;
	failed: number;
	open: number;
};

export const importsCommand: Command = {
	name: 'imports',
	usage: 'imports [--json]',
	summary: 'list imports, newest first, with their status and counts',
	flags: {json: {type: 'boolean', description: 'print one JSON array'}},
	maxPositionals: 0,
	async run({values}, context) {
		const listings = listImports(context.env);
		if (values.json) {
			context.stdout.write(`${terminalJson(listings)}\n`);
			return exitCodes.ok;
		}
		if (listings.length === 0) {
			context.stdout.write('No imports yet.\n');
			return exitCodes.ok;
		}
		warn(context, homeWarnings(homePaths(context.env).imports, context.env));
		for (const listing of listings) {
			if (listing.status === 'damaged') {
				context.stdout.write(`${listing.id}  damaged     ${sanitize(listing.problem ?? '')}\n`);
				continue;
			}
			context.stdout.write(
				`${listing.id}  ${listing.status.padEnd(11)} ${listing.created} created, ${listing.skipped} skipped, ${listing.failed} failed, ${listing.open} open  ${sanitize(listing.file)} → ${sanitize(listing.target)}\n`,
			);
		}
		return exitCodes.ok;
	},
};

export function listImports(env: NodeJS.ProcessEnv): ImportListing[] {
	const importsDir = homePaths(env).imports;
	return listImportIds(importsDir).map((id): ImportListing => {
		const folder = importFolder(importsDir, id);
		let manifest;
		let progress;
		try {
			manifest = readManifest(folder);
			progress = loadProgress(folder);
		} catch (error) {
			// One damaged import is listed as such; the others are still shown.
			if (!(error instanceof UsageError)) throw error;
			return {id, createdAt: '', file: '', target: '', status: 'damaged', problem: error.message, created: 0, skipped: 0, failed: 0, open: 0};
		}
		const rows = [...progress.rows.values()];
		const everCreated = rows.some((row) => row.done.has('delete'));
		const status = isLocked(folder.lockPath) ? 'running' : everCreated && createdUsers(progress).length === 0 ? 'rolled back' : progress.finished ? 'finished' : 'unfinished';
		return {
			id,
			createdAt: manifest.createdAt,
			file: manifest.csv.path,
			target: manifest.target.sandbox ? 'sandbox' : `${manifest.target.baseUrl}${manifest.target.orgId ? ` org ${manifest.target.orgId}` : ''}`,
			status,
			created: createdUsers(progress).length,
			skipped: rows.filter((row) => row.skipped).length,
			failed: rows.filter((row) => row.failed).length,
			open: rows.filter((row) => row.pending.size > 0).length,
		};
	});
}
