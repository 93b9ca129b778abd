import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {homePaths} from '../../source/lib/paths.js';
import type {WizardAction} from '../../source/ui/state/wizard-reducer.js';
import {WizardTaskRunner} from '../../source/ui/wizard-tasks.js';
import {csvText, texts} from '../csv/code-page-texts.js';
import {legacyBytes} from '../csv/legacy-bytes.js';
import {useTempFolders} from '../support/temp-dir.js';
import {perform} from '../support/wizard-tasks.js';

const scratch = useTempFolders('jc-encoding-guess-');
let tasks: WizardTaskRunner | undefined;
afterEach(async () => {
	await tasks?.close();
	tasks = undefined;
});

async function open(lines: readonly string[]) {
	const folder = scratch();
	const file = path.join(folder, 'export.csv');
	writeFileSync(file, legacyBytes(csvText(lines), 'windows-1250'));
	const env = {JC_IMPORT_HOME: path.join(folder, 'home')};
	tasks = new WizardTaskRunner(homePaths(env), env);
	const [action] = await perform(tasks, {kind: 'open-file', path: file, encoding: undefined});
	return action!;
}

describe('the wizard and a guessed code page', () => {
	it('opens a file whose code page is clearly guessed without asking', async () => {
		const opened = (await open(texts.polish)) as Extract<WizardAction, {type: 'file-opened'}>;
		expect(opened.type).toBe('file-opened');
		expect(opened.csv.encoding).toBe('windows-1250');
		expect(opened.csv.columns.map((column) => column.header)).toContain('Miejscowość');
	});

	it('asks when the guess is unsure, the guess first with its confidence', async () => {
		const needed = (await open(['Name;Nachname;Ort', 'Anna;Nowak;Łódź'])) as Extract<WizardAction, {type: 'encoding-needed'}>;
		expect(needed.type).toBe('encoding-needed');
		const [first, ...rest] = needed.choices;
		expect(first).toMatchObject({encoding: 'windows-1250', samples: ['Łódź'], confidence: expect.any(Number)});
		expect(first!.confidence!).toBeLessThan(0.9);
		expect(rest.every((choice) => choice.confidence === undefined)).toBe(true);
		expect(rest.map((choice) => choice.encoding)).toContain('windows-1252');
	});
});
