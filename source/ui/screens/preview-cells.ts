import type {RowPlan} from '../../importer/row-plan.js';

/** A row of the preview table: what will be sent, and its first issue (or its groups). */
export function previewCells(row: RowPlan): Record<string, string> {
	const name = [row.body?.firstname, row.body?.lastname].filter(Boolean).join(' ');
	const issue = row.issues[0];
	const groups = row.groups.map((group) => group.name).join(', ');
	return {
		row: String(row.row),
		username: row.username ?? '—',
		email: row.email ?? '—',
		name,
		note: issue ? `${issue.column ? `${issue.column}: ` : ''}${issue.message}${row.issues.length > 1 ? ` (+${row.issues.length - 1})` : ''}` : groups,
	};
}
