import {headlessCommand} from '../../importer/headless-command.js';
import type {ImportFolder, Manifest} from '../../importer/import-store.js';
import type {Outcome} from '../state/wizard-state.js';

/**
 * "The same import in a script": an unfinished import is finished by `resume ID` (which goes back to
 * the import's own target); a finished one is repeated by `run` with its mapping and its target.
 * A sandbox lives only as long as this wizard: no script can reach it, and `--sandbox` in a script
 * would import into a new, empty one, so that is said instead of a command.
 */
export function sameInScript(manifest: Manifest, folder: ImportFolder, unfinished: boolean): string {
	if (manifest.target.sandbox) return 'none: a script cannot reach this sandbox, which ends with the wizard (--sandbox in a script starts a new, empty one).';
	if (unfinished) return `jc-import resume ${manifest.id} --yes`;
	return headlessCommand({
		file: manifest.csv.path,
		mappingPath: folder.mappingPath,
		options: manifest.options,
		reading: manifest.csv,
		target: {sandbox: false, baseUrl: manifest.target.baseUrl, ...(manifest.target.orgId ? {orgId: manifest.target.orgId} : {})},
	});
}

/** The lines left on the normal screen after the wizard: what happened and what to type next. */
export function farewellLines(outcome: Outcome, sandbox: boolean): string[] {
	const lines: string[] = [];
	if (outcome.rolledBack) {
		const {deleted, gone, kept, failed, left, clearedManagerOf, failure} = outcome.rolledBack;
		lines.push(`jc-import: import ${outcome.importId} rolled back: ${deleted} deleted, ${gone} already gone, ${kept} kept (not provably this import's), ${failed} failed, ${left} left.`);
		if (failure) lines.push(`  ${failure}`);
		if (clearedManagerOf.length > 0) lines.push(`  JumpCloud cleared the manager of ${clearedManagerOf.length} users outside this import: ${clearedManagerOf.join(', ')}`);
		// A rollback cut short is finished by another rollback, never by a resume.
		if (left + failed > 0) lines.push(sandbox ? '  It ran against the built-in sandbox, which ends with this process.' : `  To finish the rollback: jc-import rollback ${outcome.importId}`);
		return lines;
	}
	const counts = outcome.counts;
	if (counts) lines.push(`jc-import: import ${outcome.importId}: ${counts.created} created, ${counts.skipped} skipped, ${counts.failed} failed, ${counts.invalid} not sent (errors), ${counts.remaining} left.`);
	if (outcome.fatal) lines.push(`  ${outcome.fatal}`);
	lines.push(`  results: ${outcome.resultsPath}`);
	if (outcome.failedPath) lines.push(`  failed rows: ${outcome.failedPath}`);
	if (outcome.stopped) {
		lines.push(sandbox ? '  It ran against the built-in sandbox, which ends with this process: there is nothing to resume.' : `  To finish it: jc-import resume ${outcome.importId}   (or start jc-import again and choose it)`);
	}
	lines.push(`  The same import in a script: ${outcome.headless}`);
	return lines;
}
