import {readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {setTarget, withDerivations, type Mapping} from '../../source/mapping/mapping.js';
import {PresetStore} from '../../source/mapping/preset-store.js';
import {readPresetFile, writePresetFile} from '../../source/mapping/preset-file.js';
import {applyPreset, fingerprint, toPreset} from '../../source/mapping/presets.js';
import {useTempFolders} from '../support/temp-dir.js';

const tempFolder = useTempFolders('jc-presets-');

function suggested(...columns: Array<[string, string | null]>): Mapping {
	return withDerivations(
		columns.map(([header, target], index) => ({index, header, target, confidence: target ? 0.6 : 0, reason: target ? ('fuzzy' as const) : null})),
		[],
	);
}

describe('mapping presets', () => {
	it('fingerprints the header row regardless of case and spacing, but not of order', () => {
		expect(fingerprint(['First Name', 'E-Mail'])).toBe(fingerprint(['first_name', 'e mail']));
		expect(fingerprint(['First Name', 'E-Mail'])).not.toBe(fingerprint(['E-Mail', 'First Name']));
	});

	it('lays a preset over reordered columns by header, and frees targets the preset took', () => {
		const confirmed = setTarget(suggested(['Mail', 'email'], ['Kürzel', null], ['Team', 'department']), 1, 'username');
		const preset = toPreset(confirmed, ['Mail', 'Kürzel', 'Team']);
		const reordered = suggested(['Team', 'department'], ['KÜRZEL', 'username'], ['Mail', 'email'], ['Extra', 'username']);
		const applied = applyPreset(preset, reordered);
		expect(applied.columns.map((column) => [column.header, column.target, column.reason])).toEqual([
			['Team', 'department', 'preset'],
			['KÜRZEL', 'username', 'preset'],
			['Mail', 'email', 'preset'],
			['Extra', null, null],
		]);
	});

	it('keeps switched-off derivations off', () => {
		const confirmed = suggested(['Mail', 'email']);
		const preset = toPreset({...confirmed, derived: confirmed.derived.map((d) => ({...d, enabled: false}))}, ['Mail']);
		expect(applyPreset(preset, suggested(['Mail', 'email'])).derived).toMatchObject([{target: 'username', enabled: false}]);
	});

	it('round-trips through a JSON file, and refuses a file that is not a mapping', async () => {
		const folder = tempFolder();
		const file = path.join(folder, 'preset.json');
		const preset = toPreset(suggested(['Mail', 'email'], ['Badge', 'attribute:Badge']), ['Mail', 'Badge'], new Date('2026-11-23T00:00:00Z'));
		await writePresetFile(file, preset);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(await readPresetFile(file)).toEqual(preset);

		writeFileSync(file, JSON.stringify({...preset, columns: [{index: 0, header: 'Mail', target: 'nickname'}]}));
		await expect(readPresetFile(file)).rejects.toThrow(`Mapping ${file} is not a jc-import mapping at columns.0.target: not a known target.`);
		writeFileSync(file, '{');
		await expect(readPresetFile(file)).rejects.toThrow(`Mapping ${file} is not JSON.`);
		await expect(readPresetFile(path.join(folder, 'missing.json'))).rejects.toThrow('no such file');
	});

	it('remembers presets per fingerprint under JC_IMPORT_HOME, readable by a new store', async () => {
		const home = tempFolder();
		const store = await PresetStore.open({JC_IMPORT_HOME: home});
		const preset = toPreset(suggested(['Mail', 'email']), ['Mail']);
		await store.save(preset);
		expect(store.path.startsWith(home)).toBe(true);
		expect(statSync(store.path).mode & 0o777).toBe(0o600);
		const again = await PresetStore.open({JC_IMPORT_HOME: home});
		expect(again.find(preset.fingerprint)).toEqual(preset);
		expect(again.find(fingerprint(['Other']))).toBeUndefined();
		expect(JSON.parse(readFileSync(store.path, 'utf8'))[preset.fingerprint].columns).toEqual([{index: 0, header: 'Mail', target: 'email'}]);
	});
});
