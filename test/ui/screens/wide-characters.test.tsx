import './screen-env.js';
import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {keys} from '../render-tui.js';
import {atPreview, expectFits, planOf, planRow} from '../wizard-fixtures.js';
import {sizes, pointedAt, lineWith, mounted, expectScreen} from './screen-helpers.js';

describe('wide characters', () => {
	const names = planOf([
		planRow(1, 'create', {username: '山田太郎', email: '太郎@例え.jp', groups: [{id: 'g', name: 'Grp1'}], body: {username: '山田太郎', email: 'taro@example.jp', firstname: '太郎', lastname: '山田', state: 'STAGED'}}),
		planRow(2, 'create', {username: 'zoë👩‍👩‍👧‍👦', email: 'zoe@example.com', groups: [{id: 'g', name: 'Grp2'}], body: {username: 'zoe', email: 'zoe@example.com', firstname: 'Zoë 👩‍👩‍👧‍👦', lastname: 'Ng😀😀😀😀😀😀😀😀😀😀', state: 'STAGED'}}),
		planRow(3, 'create', {username: '김민준김민준김민준김민준', email: '김민준@example.kr', groups: [{id: 'g', name: 'Grp3'}], body: {username: 'minjun', email: 'minjun@example.kr', firstname: '민준', lastname: '김', state: 'STAGED'}}),
		planRow(4, 'create', {username: 'ann', email: 'ann@example.com', groups: [{id: 'g', name: 'Grp4'}]}),
	]);

	it.each(sizes)('CJK and emoji names keep the preview within $columns×$rows, columns aligned', async (size) => {
		const {tui} = await mounted(atPreview(names), size);
		const frame = expectScreen(tui, size, '山田', 'Grp1', 'Grp2', 'Grp3', 'Grp4');
		// The last column starts at the same terminal column on every row.
		const starts = ['Grp1', 'Grp2', 'Grp3', 'Grp4'].map((group) => {
			const line = lineWith(frame, group);
			return stringWidth(line.slice(0, line.indexOf(group)));
		});
		expect(new Set(starts).size).toBe(1);
		await tui.press(keys.down);
		await tui.waitFor(pointedAt('Grp2'));
		expectFits(tui.lastFrame(), size.columns, size.rows);
	});
});
