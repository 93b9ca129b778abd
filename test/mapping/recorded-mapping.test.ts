import {readdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openCsv} from '../../source/csv/index.js';
import {setDerivationEnabled, setTarget} from '../../source/mapping/mapping.js';
import {recordedMapping, toPreset} from '../../source/mapping/presets.js';
import {suggestMapping} from '../../source/mapping/suggest-mapping.js';
import {inspectFile} from '../../source/users/inspect-file.js';

const layouts = path.resolve('fixtures/layouts');
const files = readdirSync(layouts).filter((name) => name.endsWith('.csv'));

/** What building rows reads of a mapping: each column's target, and the derivations switched on. */
const asBuilt = (mapping: ReturnType<typeof suggestMapping>['mapping']) => ({
	columns: mapping.columns.map(({index, header, target, confidence, reason}) => ({index, header, target, confidence, reason})),
	derived: mapping.derived.map(({target, enabled}) => ({target, enabled})),
});

describe('an import’s recorded mapping, read back for its resume', () => {
	it.each(files)('%s: taken as recorded gives the mapping laying the preset over a suggestion gives, without the matcher', async (name) => {
		const csv = await openCsv(path.join(layouts, name));
		const sample = (await csv.sample(1000)).map((row) => row.cells);
		const {headers} = csv.layout;
		// An edited mapping, as an admin leaves it: one column cleared, one derivation switched.
		let edited = suggestMapping(headers, sample).mapping;
		const mapped = edited.columns.find((column) => column.target !== null);
		if (mapped) edited = setTarget(edited, mapped.index, null);
		const derivation = edited.derived[0];
		if (derivation) edited = setDerivationEnabled(edited, derivation.target, !derivation.enabled);
		const preset = {preset: toPreset(edited, headers), path: 'manifest.json'};

		const laidOver = suggestMapping(headers, sample, {preset});
		const recorded = recordedMapping(preset.preset, headers)!;

		expect(asBuilt(recorded)).toEqual(asBuilt(laidOver.mapping));
		// Nothing of the matcher's: no evidence, no proposals.
		expect(recorded.columns.some((column) => column.evidence !== undefined || column.proposal !== undefined)).toBe(false);
	});

	it('a recorded mapping that does not fit the header row where it stands is not taken as it is', async () => {
		const csv = await openCsv(path.join(layouts, 'okta.csv'));
		const sample = (await csv.sample(1000)).map((row) => row.cells);
		const headers = csv.layout.headers;
		const preset = toPreset(suggestMapping(headers, sample).mapping, headers);
		expect(recordedMapping(preset, [...headers].reverse())).toBeUndefined();
		expect(recordedMapping(preset, headers.slice(1))).toBeUndefined();
		expect(recordedMapping(preset, headers.map((header, index) => (index === 2 ? `${header} ` : header)))).toBeUndefined();
	});

	it('a resume reads its file with the recorded mapping as it is: inspectFile takes it, the matcher never runs', async () => {
		const file = path.join(layouts, 'okta.csv');
		const csv = await openCsv(file);
		const sample = (await csv.sample(1000)).map((row) => row.cells);
		const preset = toPreset(suggestMapping(csv.layout.headers, sample).mapping, csv.layout.headers);
		const asRecorded = await inspectFile(file, {preset: {preset, path: 'manifest.json', recorded: true}});
		const laidOver = await inspectFile(file, {preset: {preset, path: 'manifest.json'}});
		expect(asBuilt(asRecorded.mapping)).toEqual(asBuilt(laidOver.mapping));
		expect(asRecorded.source).toEqual({kind: 'file', path: 'manifest.json'});
		expect(asRecorded.report.issues).toEqual(laidOver.report.issues);
		expect(asRecorded.mapping.columns.some((column) => column.evidence !== undefined)).toBe(false);
		expect(laidOver.mapping.columns.some((column) => column.evidence !== undefined)).toBe(true);
	});
});
