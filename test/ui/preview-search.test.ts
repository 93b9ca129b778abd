import {describe, expect, it} from 'vitest';
import type {RowPlan} from '../../source/importer/row-plan.js';
import {searchRows, searchText, type RowFilter} from '../../source/ui/state/preview-search.js';
import {previewRows} from '../../source/ui/state/steps/preview.js';
import type {WizardState} from '../../source/ui/state/wizard-state.js';
import {apply, atPreview, noKey, planOf, planRow} from './wizard-fixtures.js';

/* The preview's incremental search must find exactly what reading every row finds. */

/** The plain answer: every row read, every time. */
function scan(rows: readonly RowPlan[], filter: RowFilter, search: string): number[] {
	const words = search.toLowerCase().split(/\s+/).filter(Boolean);
	return rows.flatMap((row, index) => {
		if (filter === 'errors' && row.action !== 'invalid') return [];
		const text = searchText(row);
		return words.every((word) => text.includes(word)) ? [index] : [];
	});
}

const error = (row: number, message: string) => ({row, line: row + 1, column: 'Email', severity: 'error' as const, message});
const rows: RowPlan[] = Array.from({length: 400}, (_, index) => {
	const row = index + 1;
	if (row % 37 === 0) return planRow(row, 'invalid', {username: undefined, email: undefined, issues: [error(row, `“bad${row}” is not an email address`)]});
	if (row % 11 === 0) return planRow(row, 'create', {username: `Zoë.Åberg${row}`, email: `ZOE${row}@Example.COM`});
	return planRow(row, row % 5 === 0 ? 'skip' : 'create');
});

/** Each step of typing: a character added, or the last one deleted. */
function typing(keys: string[]): string[] {
	const queries: string[] = [];
	let query = '';
	for (const key of keys) {
		query = key === '⌫' ? [...query].slice(0, -1).join('') : query + key;
		queries.push(query);
	}
	return queries;
}

const sessions = [
	[...'user 4', '⌫', '⌫', '⌫', ...'12'],
	[...'ZOË', '⌫', ...'Ë.å', ...'berg2', '⌫', '⌫', '⌫', '⌫', '⌫', '⌫', '⌫'],
	[...'Zoe', '⌫', '⌫', '⌫', ...'  email  3', '⌫', ...'7'],
	[...'not an', ' ', ...'bad1', '⌫', '⌫', '⌫', '⌫', ...'zzz', '⌫', '⌫', '⌫', ...'@EXAMPLE.com'],
];

describe('preview search', () => {
	it.each(sessions.map((keys) => [keys.join('')] as const))('typed and deleted key by key (%s), equals a full scan at every step, in both filters', (joined) => {
		const keys = sessions.find((session) => session.join('') === joined)!;
		const plan = [...rows];
		for (const query of typing(keys)) {
			for (const filter of ['all', 'errors'] as const) expect([...searchRows(plan, filter, query)], `${filter} “${query}”`).toEqual(scan(plan, filter, query));
		}
	});

	it('folds case (Zoë, ZOË and zoë find the same rows) but not diacritics, as the full scan does', () => {
		const plan = [...rows];
		const found = [...searchRows(plan, 'all', 'zoë')];
		expect(found.length).toBeGreaterThan(0);
		expect([...searchRows(plan, 'all', 'ZOË')]).toEqual(found);
		expect([...searchRows(plan, 'all', 'Zoë.ÅBERG')]).toEqual(found);
		expect([...searchRows(plan, 'all', 'zoe.aberg')]).toEqual([]);
	});

	it('a new plan is searched afresh, not from the last one’s results', () => {
		const first = [...rows];
		expect(searchRows(first, 'all', 'user1')).toHaveLength(scan(first, 'all', 'user1').length);
		const second = [planRow(1, 'create', {username: 'someone', email: 'someone@example.com'}), planRow(2, 'create', {username: 'user12', email: 'user12@example.com'})];
		expect([...searchRows(second, 'all', 'user1')]).toEqual([1]);
		expect([...searchRows(second, 'all', 'user')]).toEqual([1]);
		expect([...searchRows(second, 'all', '')]).toEqual([0, 1]);
	});
});

describe('the preview step searches and filters together', () => {
	const key = (input: string, change = {}) => ({type: 'key' as const, input, key: {...noKey, ...change}});
	const plan = planOf(rows);

	it('f (errors only) with a search typed before and after, each frame equal to a full scan', () => {
		let state: WizardState = atPreview(plan);
		const expectScan = () => expect(previewRows(state)).toEqual(scan(plan.rows, state.preview.errorsOnly ? 'errors' : 'all', state.preview.search));
		state = apply(state, key('/'), ...[...'bad'].map((char) => key(char)));
		expectScan();
		state = apply(state, key('', {return: true}), key('f'));
		expect(state.preview.errorsOnly).toBe(true);
		expect(previewRows(state).length).toBeGreaterThan(0);
		expectScan();
		state = apply(state, key('/'), key('1'));
		expectScan();
		state = apply(state, key('', {delete: true}), key('', {delete: true}));
		expectScan();
		state = apply(state, key('', {return: true}), key('f'));
		expect(state.preview.errorsOnly).toBe(false);
		expectScan();
		state = apply(state, key('/'), key('', {escape: true}));
		expect(previewRows(state)).toHaveLength(rows.length);
	});

	it('the cursor moves within the rows shown, searched and filtered', () => {
		let state: WizardState = apply(atPreview(plan), key('f'), ...Array.from({length: 50}, () => key('', {downArrow: true})));
		const errors = scan(plan.rows, 'errors', '');
		expect(state.preview.cursor).toBe(errors.length - 1);
		state = apply(state, key('', {return: true}));
		expect(state.preview.detail?.row).toBe(plan.rows[errors.at(-1)!]!.row);
	});
});
