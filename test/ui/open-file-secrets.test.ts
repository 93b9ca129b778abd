import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {homePaths} from '../../source/lib/paths.js';
import type {WizardAction} from '../../source/ui/state/wizard-reducer.js';
import {WizardTaskRunner} from '../../source/ui/wizard-tasks.js';
import {useTempFolders} from '../support/temp-dir.js';
import {perform} from '../support/wizard-tasks.js';

// Registered before the afterEach below, so it runs after it (hooks run as a stack): the folder goes once the tasks are closed.
const tempFolder = useTempFolders('jc-import-open-');
let tasks: WizardTaskRunner | undefined;
afterEach(async () => {
	await tasks?.close();
	tasks = undefined;
});

describe('opening a file: which columns are secret', () => {
	it('a column headed password with yes/no values is shown; a real password column is masked', async () => {
		const folder = tempFolder();
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
