import type {RowPlan} from './row-plan.js';
import type {RowProgress} from './progress.js';
import {isManagerWarning} from './manager-resolution.js';
import {compared} from './provenance.js';

/** Why a row was created without the manager the plan named: that manager's row has no user (it failed, was skipped, or closed a cycle). */
export function withoutManagerRow(row: number): string {
	return `created without manager: its manager (row ${row}) was not created`;
}

const managerBit = 1 << compared.indexOf('manager');

/**
 * What the results say of a created row's manager: the plan's warning (none could be told), or,
 * when its manager's row got no user, that it was created without one. The latter is read from the
 * journal (the create's fingerprint says whether it carried a manager), so a resume says it too.
 */
export function managerNote(plan: RowPlan, progress: RowProgress | undefined): string {
	const warned = plan.issues.filter(isManagerWarning).map((issue) => issue.message);
	if (warned.length > 0) return warned.join(' | ');
	if (!plan.manager || !('row' in plan.manager) || !progress?.userId || !progress.fingerprint) return '';
	const mask = Number.parseInt(progress.fingerprint.split(':')[0] ?? '', 36);
	return Number.isSafeInteger(mask) && (mask & managerBit) === 0 ? withoutManagerRow(plan.manager.row) : '';
}
