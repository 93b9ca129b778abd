import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {withDerivations, type Mapping} from '../../source/mapping/mapping.js';
import {inspectFile} from '../../source/users/inspect-file.js';
import {useTempFolders} from '../support/temp-dir.js';

const tempFolder = useTempFolders('jc-import-evidence-');

function csv(): string {
	const file = path.join(tempFolder(), 'people.csv');
	writeFileSync(file, 'Email,Username,Kennwort,Region\nada@example.com,ada,Geheim-123,Active\nalan@example.com,alan,Geheim-456,Onboarding\n');
	return file;
}

/** A mapping as the matcher gives it, its reasons written by hand (one of them careless enough to quote a password). */
function mapping(reason: 'synonym' | 'manual'): Mapping {
	return withDerivations(
		[
			{index: 0, header: 'Email', target: 'email', confidence: 1, reason: 'exact', evidence: ['header words: email → email']},
			{index: 1, header: 'Username', target: 'username', confidence: 1, reason, evidence: ['header words: username → username']},
			{index: 2, header: 'Kennwort', target: 'password', confidence: 0.92, reason: 'synonym', evidence: ['values: Geheim-123 and Geheim-456 look like passwords']},
			{index: 3, header: 'Region', target: null, confidence: 0, reason: null, evidence: ['vetoed: region — values are Active/Onboarding, not places']},
		],
		[],
	);
}

describe('inspect report: evidence', () => {
	it('gives each column the matcher reasons, a vetoed unmapped one too', async () => {
		const {report} = await inspectFile(csv(), {mapping: mapping('synonym')});
		expect(report.columns.map((column) => column.evidence)).toEqual([
			['header words: email → email'],
			['header words: username → username'],
			['values: ******** and ******** look like passwords'],
			['vetoed: region — values are Active/Onboarding, not places'],
		]);
		expect(JSON.stringify(report)).not.toContain('Geheim');
	});

	it('gives none for a choice the user made: the reasons no longer speak for it', async () => {
		const {report} = await inspectFile(csv(), {mapping: mapping('manual')});
		expect(report.columns[1]!.evidence).toEqual([]);
		expect(report.columns[0]!.evidence).toEqual(['header words: email → email']);
	});
});
