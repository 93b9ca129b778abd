// Issue 14's figure for the Preview step: a 100,000-row plan (made by the engine from a file, as the
// wizard makes it), then search keys typed one by one, deleted, and the errors-only filter switched.
// Each key is timed from the reducer to the rows the screen draws (the shown rows, the visible
// window's cells). Goal: ≤ 50 ms a key.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startSandbox} from '../dist/sandbox/index.js';
import {JumpCloudClient} from '../dist/jumpcloud/client.js';
import {defaultImportOptions} from '../dist/importer/options.js';
import {prepareImport} from '../dist/importer/prepare.js';
import {initialState, wizardReducer} from '../dist/ui/state/wizard-reducer.js';
import {shownRows} from '../dist/ui/state/steps/preview.js';
import {previewCells} from '../dist/ui/screens/preview-cells.js';
import {windowStart} from '../dist/ui/components/Table.js';

const rows = Number(process.env.BENCH_PREVIEW_ROWS ?? 100_000);
const goalMs = 50;
const tableHeight = 18; // an 80×24 terminal
const scratch = mkdtempSync(path.join(os.tmpdir(), 'jc-bench-preview-'));

/** An HR-export-like file; one row in 500 has a bad email (an error), one in 700 already exists. */
function writeFile() {
	const file = path.join(scratch, 'users.csv');
	const lines = ['Username,Email,First Name,Last Name,Employee ID,Department,Job Title,City,Country'];
	for (let i = 0; i < rows; i++) {
		const email = i % 500 === 7 ? `not-an-email-${i}` : `big.user${i}@big.example.com`;
		lines.push(`big.user${i},${email},Big,Üser ${i},E${100000 + i},Dept ${i % 40},Title ${i % 90},City ${i % 300},Germany`);
	}
	writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

async function plannedState(file) {
	const sandbox = await startSandbox({seed: 14});
	try {
		for (let i = 3; i < rows; i += 700) sandbox.directory.addUser({username: `big.user${i}`, email: `big.user${i}@big.example.com`, firstname: 'Big', lastname: 'Existing', state: 'ACTIVATED', passwordSet: false});
		const client = new JumpCloudClient({apiKey: sandbox.apiKey, baseUrl: sandbox.url, timeoutMs: 60_000});
		const started = performance.now();
		const prepared = await prepareImport({file, client, options: {...defaultImportOptions, groups: [], devices: []}});
		console.log(`preview: ${rows.toLocaleString('en')} rows planned in ${((performance.now() - started) / 1000).toFixed(1)} s (${prepared.summary.creates} to create, ${prepared.summary.skips} exist, ${prepared.summary.invalid} errors)`);
		const columns = prepared.report.columns.map(({index, header, samples}) => ({index, header, samples}));
		const csv = {path: file, encoding: 'utf-8', delimiter: ',', headerLine: 1, columns, secret: []};
		const plan = {rows: prepared.rows, summary: prepared.summary, ...prepared.report.summary, fileIssues: []};
		const connection = {given: true, envKey: false, mode: 'sandbox', baseUrl: undefined, orgId: undefined, region: 'us'};
		let state = initialState({cwd: scratch, file: undefined, connection, unfinished: []});
		state = [
			{type: 'connected', target: {label: 'sandbox', sandbox: true}, directory: {organization: 'Bench', users: 0, groups: [], devices: []}},
			{type: 'folder-listed', dir: scratch, entries: []},
			{type: 'file-opened', csv, mapping: prepared.mapping, source: prepared.source},
			key('c'),
			key('c'),
		].reduce(wizardReducer, state);
		return {state, plan};
	} finally {
		await sandbox.close();
	}
}

const noKey = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false};
const key = (input, change = {}) => ({type: 'key', input, key: {...noKey, ...change}});
const typed = (text) => [...text].map((char) => key(char));
const deleted = (count) => Array.from({length: count}, () => key('', {delete: true}));

/** What the screen computes for a frame: the shown rows, the window's start, its rows' cells. */
let previousStart = 0;
function frame(state) {
	const shown = shownRows(state);
	const start = windowStart(state.preview.cursor, shown.length, tableHeight, previousStart);
	previousStart = start;
	for (let index = start; index < Math.min(shown.length, start + tableHeight); index++) previewCells(state.plan.rows[shown[index]]);
	return shown.length;
}

const groups = [
	['open search (/)', [key('/')]],
	['type "user 4"', typed('user 4')],
	['delete it', deleted(6)],
	['type "big.user9999"', typed('big.user9999')],
	['delete 4, type "1234"', [...deleted(4), ...typed('1234')]],
	['clear (Ctrl+U), type "7@big.ex"', [key('u', {ctrl: true}), ...typed('7@big.ex')]],
	['type "zzqx" (no match)', [key('u', {ctrl: true}), ...typed('zzqx')]],
	['type "NOT-AN" (errors)', [key('u', {ctrl: true}), ...typed('NOT-AN')]],
	['type "üser 12" (diacritic)', [key('u', {ctrl: true}), ...typed('üser 12')]],
	['Esc (search cleared), f, f, f', [key('', {escape: true}), key('f'), key('f'), key('f')]],
	['down ×20 (cursor, errors only)', Array.from({length: 20}, () => key('', {downArrow: true}))],
	['/, type "address 1" (errors only)', [key('/'), ...typed('address 1')]],
	['Enter, f (all rows, searched)', [key('', {return: true}), key('f')]],
];

const ms = (value) => `${value.toFixed(1)} ms`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
	const planned = await plannedState(writeFile());
	// The plan's arrival makes the search index: no key pays for it.
	const arrived = performance.now();
	let state = wizardReducer(planned.state, {type: 'prepared', plan: planned.plan});
	frame(state);
	if (state.step !== 'preview') throw new Error(`the wizard is on ${state.step}, not the preview`);
	console.log(`  the plan arrives (index made), first frame ${ms(performance.now() - arrived).padStart(8)}`);
	const all = [];
	for (const [label, actions] of groups) {
		const times = [];
		let shown = 0;
		for (const action of actions) {
			const started = performance.now();
			state = wizardReducer(state, action);
			shown = frame(state);
			times.push(performance.now() - started);
		}
		all.push(...times);
		console.log(`  ${label.padEnd(34)} ${String(actions.length).padStart(2)} keys  median ${ms(median(times)).padStart(8)}  max ${ms(Math.max(...times)).padStart(8)}  (${shown.toLocaleString('en')} rows shown)`);
	}
	const max = Math.max(...all);
	console.log(`preview: ${all.length} keys at ${rows.toLocaleString('en')} rows: median ${ms(median(all))}, max ${ms(max)}   goal ≤ ${goalMs} ms a key   ${max <= goalMs ? 'met' : 'NOT met'}`);
} catch (error) {
	console.error(`preview bench: ${error.stack ?? error.message}`);
	process.exitCode = 1;
} finally {
	rmSync(scratch, {recursive: true, force: true});
}
