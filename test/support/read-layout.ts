import path from 'node:path';
import {openCsv} from '../../source/csv/index.js';
import {suggestMapping} from '../../source/mapping/suggest-mapping.js';
import {checkRows} from '../../source/users/check-rows.js';
import {defaultUserDefaults} from '../../source/users/defaults.js';
import type {BuiltRow} from '../../source/users/build-user.js';
import type {RowIssue} from '../../source/users/row-issue.js';

/** Reads a CSV the way `inspect` does, returning the suggested mapping as {header: target} and every built row. */
export async function readLayout(file: string) {
	const csv = await openCsv(file);
	const sample = await csv.sample(1000);
	const {mapping} = suggestMapping(csv.layout.headers, sample.map((row) => row.cells), {});
	const built: BuiltRow[] = [];
	const {issues} = await checkRows(csv.batches(), mapping, {
		defaults: defaultUserDefaults,
		now: new Date('2026-11-23T10:00:00.000Z'),
		onRow: (row) => built.push(row),
	});
	const targets = Object.fromEntries(mapping.columns.map((column) => [column.header, column.target]));
	const derived = mapping.derived.filter((derivation) => derivation.enabled).map((derivation) => derivation.target);
	return {layout: csv.layout, targets, derived, payloads: built.map((row) => row.user?.payload), issues: issues as RowIssue[], name: path.basename(file)};
}
