import {describe, expect, it} from 'vitest';
import {createReporter} from '../../source/commands/import-reporter.js';
import type {RowPlan} from '../../source/importer/row-plan.js';
import {replay} from '../../source/importer/progress.js';
import {rowResults, stepWords} from '../../source/importer/report.js';

/* Devices are called devices wherever a person reads about them; `system` is the API's word only. */

const at = '2026-11-23T10:00:00.000Z';
const row: RowPlan = {row: 1, line: 2, username: 'ada', email: 'ada@example.com', action: 'create', groups: [{id: 'g1', name: 'Engineering'}], systems: [{id: 's1', name: 'build-01', admin: false}], issues: []};

function reporterLines(use: (reporter: ReturnType<typeof createReporter>) => void): string {
	let text = '';
	use(createReporter(false, (chunk) => (text += chunk)));
	return text;
}

describe('devices, named one way', () => {
	it('a journaled step reads as the screens say it', () => {
		expect(stepWords('system:s1', row)).toBe('device binding build-01');
		expect(stepWords('system:s9')).toBe('device binding s9');
		expect(stepWords('group:g1', row)).toBe('group membership Engineering');
		expect(stepWords('activate')).toBe('activation');
		expect(stepWords('create')).toBe('create');
	});

	it('the headless plan, failure and summary lines say device bindings, never system', () => {
		const text = reporterLines((reporter) => {
			reporter.plan({rows: 1, creates: 1, skips: 0, invalid: 0, memberships: 1, bindings: 1, emails: []}, [row], 'sandbox');
			reporter.event({type: 'row-failed', row: 1, username: 'ada', step: 'system:s1', error: 'refused'});
			reporter.summary({counts: {rows: 1, created: 0, usersCreated: 1, skipped: 0, failed: 1, invalid: 0, remaining: 0, throttled: 0}});
		});
		expect(text).toContain('1 group membership, 1 device binding.');
		expect(text).toContain('row 1 FAILED ada at device binding s1: refused');
		expect(text).toContain('(and 1 user created whose group memberships, device bindings or activation are still to do)');
		expect(text).not.toMatch(/system/i);
	});

	it('results.csv says which device binding failed for a user that was created', () => {
		const progress = replay([
			{t: 'done', row: 1, step: 'create', at, userId: 'a'.repeat(24)},
			{t: 'done', row: 1, step: 'group:g1', at},
			{t: 'failed', row: 1, step: 'system:s1', at, error: 'Not found'},
		]);
		expect(rowResults([row], progress)[0]).toMatchObject({status: 'failed', devices: 'build-01', error: 'device binding build-01: Not found'});
	});
});
