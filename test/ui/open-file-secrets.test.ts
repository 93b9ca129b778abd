import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {homePaths} from '../../source/lib/paths.js';
import type {WizardAction} from '../../source/ui/state/wizard-reducer.js';
import {WizardTaskRunner} from '../../source/ui/wizard-tasks.js';
import {perform} from '../support/wizard-tasks.js';

let tasks: WizardTaskRunner | undefined;
let folder: string | undefined;
afterEach(async () => {
	await tasks?.close();
	if (folder) rmSync(folder, {recursive: true, force: true});
	tasks = folder = undefined;
});

describe('opening a file: which columns are secret', () => {
	it('a column headed password with yes/no values is shown; a real password column is masked', async () => {
		folder = mkdtempSync(path.join(tmpdir(), 'jc-import-open-'));
		const file = path.join(folder, 'people.csv');
		writeFileSync(
			file,
			['Username,Email,Password never expires,Password reset required,Password,Temporary password', 'ada,ada@example.com,yes,TRUE,Xy!23abc-long,Tmp-1', 'bob,bob@example.com,no,FALSE,Qq#99zzz-long,Tmp-2', ''].join('\n'),
		);
		const env = {JC_IMPORT_HOME: path.join(folder, 'home')};
		tasks = new WizardTaskRunner(homePaths(env), env);
		const [opened] = await perform(tasks, {kind: 'open-file', path: file, encoding: undefined});
		expect((opened as Extract<WizardAction, {type: 'file-opened'}>).csv.secret).toEqual([4, 5]);
	});
});
