import {describe, expect, it} from 'vitest';
import {RowDraft} from '../../source/users/row-draft.js';

describe('the row draft a builder reuses', () => {
	it('starting a row leaves nothing of the one before', () => {
		const draft = new RowDraft();
		const fresh = {...draft};
		draft.start({row: 1, line: 2, cells: ['a']});
		const filled = draft as unknown as Record<string, unknown>;
		// Every field the draft has, set to something: a field added later and not reset in start() fails here.
		for (const key of Object.keys(filled)) filled[key] = key === 'row' ? {row: 1, line: 2, cells: []} : ['leftover'];
		const next = {row: 2, line: 3, cells: ['b']};
		draft.start(next);
		expect({...draft}).toEqual({...fresh, row: next});
		expect(draft.issues).toEqual([]);
	});

	it('reports issues at the row being built', () => {
		const draft = new RowDraft();
		draft.start({row: 7, line: 9, cells: []});
		draft.warn('Email', 'a warning');
		expect(draft.hasError()).toBe(false);
		draft.error('Email', 'an error');
		expect(draft.hasErrorIn('Email')).toBe(true);
		expect(draft.hasErrorIn(null)).toBe(false);
		expect(draft.issues).toEqual([
			{row: 7, line: 9, column: 'Email', severity: 'warning', message: 'a warning'},
			{row: 7, line: 9, column: 'Email', severity: 'error', message: 'an error'},
		]);
	});
});
