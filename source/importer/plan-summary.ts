import type {PlanSummary, RowPlan} from './row-plan.js';

/** The plan's totals: rows by action, memberships, bindings, and who gets which email. */
export function summarize(rows: readonly RowPlan[]): PlanSummary {
	const creates = rows.filter((row) => row.action === 'create');
	const emails = new Map<string, PlanSummary['emails'][number]>();
	for (const row of creates) {
		if (!row.emailSent) continue;
		// From the plan alone, not the create body: a run forgets a finished row's body.
		const to = row.emailSent.to === row.email ? 'primary email' : row.emailSent.toAlternate ? 'alternate email' : row.emailSent.to;
		const key = `${row.emailSent.kind}\u0000${to}`;
		const entry = emails.get(key) ?? {kind: row.emailSent.kind, to, users: 0};
		entry.users++;
		emails.set(key, entry);
	}
	return {
		rows: rows.length,
		creates: creates.length,
		skips: rows.filter((row) => row.action === 'skip').length,
		invalid: rows.filter((row) => row.action === 'invalid').length,
		memberships: creates.reduce((sum, row) => sum + row.groups.length, 0),
		bindings: creates.reduce((sum, row) => sum + row.systems.length, 0),
		emails: [...emails.values()],
	};
}
