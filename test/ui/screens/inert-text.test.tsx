import './screen-env.js';
import {describe, expect, it} from 'vitest';
import {autoMap} from '../../../source/mapping/auto-map.js';
import {keys, type Tui} from '../render-tui.js';
import {apply, atFile, atPreview, csvInfo, fakeTasks, planOf, planRow, respondLikeWizard, taken} from '../wizard-fixtures.js';
import {sizes, lineWith, sgr, controlExceptNewline, mounted, expectScreen} from './screen-helpers.js';

const hostile = {
	title: '\u001B]0;owned\u0007',
	clear: '\u001B[2J',
	red: '\u001B[31m',
};

describe('text from the CSV is drawn inert', () => {
	const columns = [
		{index: 0, header: `Email${hostile.title}`, samples: [`ada@example.com${hostile.clear}`, 'bob@example.com\rX']},
		{index: 1, header: `First${hostile.red}Name`, samples: [`Ada${hostile.title}`, 'Bo\u0008b']},
		{index: 2, header: 'Username', samples: ['ada\u0007', 'bob']},
	];
	const evilRows = planOf([
		planRow(1, 'create', {username: `eve${hostile.title}`, email: `eve@example.com${hostile.clear}`, body: {username: 'eve', email: 'eve@example.com', firstname: `Eve\r${hostile.red}`, lastname: 'Evil', state: 'STAGED'}}),
		planRow(2, 'invalid', {username: 'mallory\r\nX', issues: [{row: 2, line: 3, column: `Email${hostile.clear}`, severity: 'error', message: `bad ${hostile.title}value`}]}),
	]);
	const evilCells = () => [
		{column: 0, header: `Email${hostile.title}`, target: 'email', value: `eve@example.com${hostile.clear}\u001B[?1049l`, secret: false},
		{column: 1, header: 'First\rName', target: 'firstname', value: `Eve${hostile.red}\u0007`, secret: false},
	];

	/** Nothing but colour codes may reach the terminal: no OSC, no clear screen, no CR, no BEL. */
	function expectInert(tui: Tui, payloadGone = true): void {
		const raw = tui.rawFrames.join('\n').replace(sgr, '');
		expect(raw).not.toMatch(controlExceptNewline);
		if (payloadGone) expect(tui.frames.join('\n')).not.toContain('owned');
	}

	it.each(sizes)('on the mapping screen and its picker, at $columns×$rows', async (size) => {
		const state = apply(atFile(), {type: 'file-opened', csv: csvInfo(columns), mapping: autoMap(columns), source: {kind: 'auto'}});
		const {tui} = await mounted(state, size);
		await tui.waitFor('Map columns');
		const frame = expectScreen(tui, size, 'Email', 'FirstName', 'Username');
		expect(lineWith(frame, 'ada@exam')).not.toContain('[2J');
		expect(frame).toContain('Ada, Bo\uFFFDb');
		expect(frame).toContain('ada\uFFFD, bob');
		expect(frame).not.toContain('owned');
		await tui.press(keys.enter);
		await tui.waitFor('becomes:');
		expectScreen(tui, size, 'Column “Email” becomes:');
		await tui.press(keys.escape);
		await tui.press('a');
		// The suggested name keeps letters and digits only: harmless, if odd.
		await tui.waitFor('Custom attribute name: Email0owned');
		expectInert(tui, false);
	});

	it.each(sizes)('on the preview, its search, the row detail and the edit field, at $columns×$rows', async (size) => {
		const tasks = fakeTasks(respondLikeWizard({cells: evilCells}));
		const {tui} = await mounted(taken(atPreview(evilRows)), size, {tasks});
		const frame = expectScreen(tui, size, 'eve', 'mallory X');
		expect(lineWith(frame, 'eve')).toContain('eve@example.com');
		expect(lineWith(frame, 'mallory')).toContain(size.columns >= 80 ? 'Email: bad value' : 'Email: b');
		await tui.press('/');
		await tui.type('eve');
		await tui.press(keys.enter);
		await tui.press(keys.enter);
		await tui.waitFor('Row 1 (line 2)');
		await tui.waitFor('Eve');
		const detail = expectScreen(tui, size, 'Email', 'First Name', 'eve@example.com');
		expect(detail).not.toContain('[2J');
		await tui.press('e');
		await tui.waitFor('New value for Email');
		expectScreen(tui, size, 'New value for Email: eve@example.com');
		await tui.press(keys.escape);
		await tui.press(keys.down);
		await tui.press('e');
		await tui.waitFor('New value for First Name');
		expectInert(tui);
	});

	it('in the file browser and the status line', async () => {
		const state = apply(atFile(), {type: 'folder-listed', dir: `/data${hostile.title}`, entries: [{name: `evil${hostile.clear}.csv`, path: '/data/evil.csv', kind: 'csv', size: 1}]});
		const {tui, dispatch} = await mounted(state, sizes[0]);
		expectScreen(tui, sizes[0], '/data', 'evil.csv');
		dispatch({type: 'task-failed', message: `Cannot read /data/evil${hostile.clear}.csv${hostile.title}: bad`});
		await tui.waitFor('Cannot read');
		expectScreen(tui, sizes[0], '✖ Cannot read /data/evil.csv: bad');
		expectInert(tui);
	});
});
