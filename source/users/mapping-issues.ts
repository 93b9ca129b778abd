import type {RowIssue} from './row-issue.js';
import {customAttributeName, parseTarget, targetLabel} from '../mapping/catalog.js';
import {missingRequired, type Mapping} from '../mapping/mapping.js';

export type HeaderProblem = {index: number; header: string; kind: 'empty' | 'duplicate' | 'cleaned'};

/**
 * What is wrong with the header row and the mapping as a whole, reported once at the header's
 * line (row 0) rather than on every row.
 */
export function mappingIssues(mapping: Mapping, headerLine: number, headerProblems: readonly HeaderProblem[] = []): RowIssue[] {
	const at = (column: string | null, severity: RowIssue['severity'], message: string): RowIssue => ({row: 0, line: headerLine, column, severity, message});
	const issues: RowIssue[] = [];
	for (const problem of headerProblems) {
		const position = `column ${problem.index + 1}`;
		if (problem.kind === 'empty') issues.push(at(null, 'warning', `${position} has no header; it is kept in place`));
		if (problem.kind === 'duplicate') issues.push(at(problem.header, 'warning', `${position} repeats the header ${problem.header}; each column is mapped on its own`));
		if (problem.kind === 'cleaned') issues.push(at(problem.header, 'warning', `${position}'s header had invisible characters or outer spaces, now removed`));
	}
	for (const column of mapping.columns) {
		const target = column.target === null ? undefined : parseTarget(column.target);
		if (target?.type === 'attribute' && !customAttributeName.test(target.name)) {
			issues.push(at(column.header, 'error', `custom attribute name ${target.name} must be letters and digits only, under 32 characters`));
		}
	}
	for (const key of missingRequired(mapping)) issues.push(at(null, 'error', `no column maps to ${targetLabel(key)}, which JumpCloud requires`));
	return issues;
}
