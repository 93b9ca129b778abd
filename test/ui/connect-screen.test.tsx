import {afterEach, describe, expect, it, vi} from 'vitest';
import {resolveSettings} from '../../source/lib/settings.js';
import {initialState} from '../../source/ui/state/wizard-reducer.js';
import type {Unfinished} from '../../source/ui/state/wizard-state.js';
import {cleanupTui, keys} from './render-tui.js';
import {baseArgs, flat, mountApp} from './wizard-fixtures.js';

// The connect screen's placeholder reads the key's presence.
vi.hoisted(() => {
	delete process.env.JC_API_KEY;
});
afterEach(cleanupTui);

/* Connect says where each value came from, and a resume shows the target its import went to. */

const orgForm = (connection: Partial<(typeof baseArgs)['connection']> = {}, unfinished: Unfinished[] = []) =>
	initialState({...baseArgs, connection: {...baseArgs.connection, given: false, mode: 'jumpcloud', ...connection}, unfinished});

async function shown(state: ReturnType<typeof orgForm>, columns = 80, rows = 24) {
	const app = mountApp(state, {columns, rows});
	await app.tui.waitFor((frame) => frame.length > 0);
	return app;
}

describe('where the API URL came from', () => {
	it('the settings name the flag or variable that gave it, and nothing for the default', () => {
		const home = {JC_IMPORT_HOME: '/tmp/nowhere'};
		expect(resolveSettings({}, home).connection).not.toHaveProperty('baseUrlFrom');
		expect(resolveSettings({}, {...home, JC_API_URL: 'https://console.eu.jumpcloud.com'}).connection).toMatchObject({baseUrlFrom: 'JC_API_URL'});
		expect(resolveSettings({'api-url': 'http://127.0.0.1:4010'}, {...home, JC_API_URL: 'https://console.eu.jumpcloud.com'}).connection).toMatchObject({baseUrlFrom: '--api-url', baseUrl: 'http://127.0.0.1:4010'});
		expect(resolveSettings({region: 'in'}, home).connection).toMatchObject({baseUrlFrom: '--region', region: 'in'});
	});

	it('the default is shown as the US region, never as from JC_API_URL', async () => {
		const {tui} = await shown(orgForm());
		const frame = tui.lastFrame();
		expect(frame).toContain('Region:  ‹ US ›');
		expect(frame).not.toContain('JC_API_URL');
	});

	it('a URL given on the command line says so', async () => {
		const {tui} = await shown(orgForm({baseUrl: 'http://127.0.0.1:4010', baseUrlFrom: '--api-url'}));
		expect(flat(tui.lastFrame())).toContain('API URL: http://127.0.0.1:4010 from --api-url');
	});
});

describe('resuming an import', () => {
	const unfinished: Unfinished[] = [
		{id: '20261123-100000-abcd', file: '/data/people.csv', createdAt: '2026-11-23T10:00:00.000Z', target: 'https://console.eu.jumpcloud.com', organization: 'Acme Europe', done: 120, left: 380, failed: 3},
		{id: '20261120-090000-efgh', file: '/data/contractors.csv', createdAt: '2026-11-20T09:00:00.000Z', target: 'https://console.jumpcloud.com', organization: 'Acme US', done: 4, left: undefined, failed: 0},
	];

	for (const [columns, rows] of [
		[80, 24],
		[60, 15],
	] as const) {
		it(`the offer says where each import goes, at ${columns}×${rows}`, async () => {
			const {tui} = await shown(orgForm({}, unfinished), columns, rows);
			expect(flat(tui.lastFrame())).toContain('Goes to Acme Europe at https://console.eu.jumpcloud.com');
			await tui.press(keys.down);
			await tui.waitFor('Goes to Acme US');
			// Wide enough, each import's organization is in the table too.
			if (columns >= 80) expect(tui.lastFrame()).toMatch(/ Where .*\n.*Acme Europe @/);
		});
	}

	it('Connect shows the import target, not the form, and it cannot be switched there', async () => {
		// The form held the US default; the import went to the EU.
		const {tui} = await shown(orgForm({}, unfinished));
		await tui.press(keys.enter);
		await tui.waitFor('API key:');
		expect(flat(tui.lastFrame())).toContain('API URL: https://console.eu.jumpcloud.com import 20261123-100000-abcd, organization “Acme Europe”');
		expect(tui.lastFrame()).not.toContain('‹ US ›');
		// Down to the URL row and try to switch it: it stays the import's.
		await tui.press(keys.escape);
		await tui.press(keys.down);
		await tui.press(keys.down);
		await tui.press(keys.right);
		expect(flat(tui.lastFrame())).toContain('API URL: https://console.eu.jumpcloud.com import 20261123-100000-abcd');
	});
});

describe('the notes under the fields', () => {
	it('keep their indent when they wrap at 60 columns', async () => {
		const {tui} = await shown(initialState({...baseArgs, connection: {...baseArgs.connection, given: false, mode: 'sandbox'}}), 60, 15);
		const lines = tui.lastFrame().split('\n');
		const first = lines.findIndex((line) => line.includes('A simulated JumpCloud'));
		expect(first).toBeGreaterThan(-1);
		// The sentence goes on, on the next line, under its own first word.
		expect(lines[first + 1]).toMatch(/^ {4}\S/);
		expect(lines[first]!.indexOf('A simulated')).toBe(4);
	});
});
