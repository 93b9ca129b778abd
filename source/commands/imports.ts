import {terminalJson} from '../lib/terminal-json.js';
import {exitCodes, UsageError} from '../lib/exit-codes.js';
import {homeWarnings} from '../lib/home-safety.js';
import {homePaths} from '../lib/paths.js';
import {sanitize} from '../lib/sanitize.js';
import {importFolder, listImportIds, readManifest} from '../importer/import-store.js';
import {isLocked} from '../importer/lock.js';
import {createdUsers, wasRolledBack} from '../importer/progress.js';
import {loadProgress} from '../importer/session.js';
import {warn, type CliCommand} from './command.js';

export type ImportListing = {
	id: string;
	createdAt: string;
	file: string;
	target: string;
	/** `rollback unfinished`: a rollback began and some of the users it would delete are still there. */
	status: 'running' | 'finished' | 'unfinished' | 'rolled back' | 'rollback unfinished' | 'damaged';
	/** For a damaged import: what is wrong with it. */
	problem?: string;
	/** Users this import created that are still there (a rollback lowers it). */
	created: number;
	skipped: number;
	failed: number;
	/** Rows with a request whose outcome is not known yet. */
	open: number;
	/** Users still to create; null while the plan was never counted (stopped while it was being made). */
	left: number | null;
	/** Users a rollback deleted (or found gone). */
	deleted: number;
	/** The command that finishes the import or its rollback, when one is left to do. */
	next?: string;
};

export const importsCommand: CliCommand = {
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
		for (const listing of listings) context.stdout.write(describe(listing));
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
			return {id, createdAt: '', file: '', target: '', status: 'damaged', problem: error.message, created: 0, skipped: 0, failed: 0, open: 0, left: null, deleted: 0};
		}
		const rows = [...progress.rows.values()];
		const created = createdUsers(progress).length;
		// A create that failed, not a delete of the rollback: those leave the user there, counted in created.
		const failed = rows.filter((row) => row.failed && row.failed.step !== 'delete').length;
		const status = statusOf(isLocked(folder.lockPath), wasRolledBack(progress), created, progress.finished);
		// Told against the plan, as the wizard's resume offer does; nothing is left once finished or rolled back.
		const left = status === 'unfinished' || status === 'running' ? (manifest.creates === undefined ? null : Math.max(0, manifest.creates - created - failed)) : 0;
		// The sandbox of a sandbox import ended with its process: nothing there to resume or roll back.
		const next = manifest.target.sandbox ? undefined : status === 'unfinished' ? `jc-import resume ${id}` : status === 'rollback unfinished' ? `jc-import rollback ${id}` : undefined;
		return {
			id,
			createdAt: manifest.createdAt,
			file: manifest.csv.path,
			target: manifest.target.sandbox ? 'sandbox' : `${manifest.target.baseUrl}${manifest.target.orgId ? ` org ${manifest.target.orgId}` : ''}`,
			status,
			created,
			skipped: rows.filter((row) => row.skipped).length,
			failed,
			open: rows.filter((row) => row.pending.size > 0).length,
			left,
			deleted: rows.filter((row) => row.done.has('delete')).length,
			...(next ? {next} : {}),
		};
	});
}

function statusOf(locked: boolean, rollbackBegun: boolean, created: number, finished: boolean): ImportListing['status'] {
	if (locked) return 'running';
	// A rollback that stopped part-way leaves users behind: it is not "rolled back" until none is.
	if (rollbackBegun) return created > 0 ? 'rollback unfinished' : 'rolled back';
	return finished ? 'finished' : 'unfinished';
}

/** One import as text: its status and counts, where it went, and what finishes it. */
function describe(listing: ImportListing): string {
	if (listing.status === 'damaged') return `${listing.id}  damaged  ${sanitize(listing.problem ?? '')}\n`;
	const rollback = listing.status === 'rolled back' || listing.status === 'rollback unfinished';
	const counts = rollback
		? `${listing.deleted} deleted, ${listing.created} still there`
		: `${listing.created} created, ${listing.failed} failed, ${listing.left ?? '?'} left, ${listing.skipped} skipped${listing.open ? `, ${listing.open} unconfirmed` : ''}`;
	const lines = [`${listing.id}  ${listing.status}: ${counts}`, `  ${sanitize(listing.file)} → ${sanitize(listing.target)}`];
	if (listing.next) lines.push(`  to finish: ${listing.next}`);
	return `${lines.join('\n')}\n`;
}
