import {mkdirSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {importFolder} from '../../source/importer/import-store.js';
import {writeImportMapping} from '../../source/importer/import-mapping.js';
import {setDerivationEnabled, setTarget} from '../../source/mapping/mapping.js';
import {readPresetFile} from '../../source/mapping/preset-file.js';
import {toPreset} from '../../source/mapping/presets.js';
import {inspectFile} from '../../source/users/inspect-file.js';
import {tempFolder} from '../support/temp-dir.js';

describe("an import's mapping file", () => {
	it('is the preset --mapping reads, 0600, and maps the file the same way again', async () => {
		const home = tempFolder('jc-import-mapping-');
		const file = path.join(home, 'users.csv');
		writeFileSync(file, 'Email,First,Last,Dept,Notes\nada@example.com,Ada,Lovelace,R&D,likes engines\n');
		const {mapping: suggested} = await inspectFile(file);
		// The admin's changes: Notes into a custom attribute, Dept left out, no username from the email.
		const mapping = setDerivationEnabled(setTarget(setTarget(suggested, 4, 'attribute:notes'), 3, null), 'username', false);
		const preset = toPreset(mapping, mapping.columns.map((column) => column.header));

		const folder = importFolder(path.join(home, 'imports'), 'test-import');
		mkdirSync(folder.dir, {recursive: true});
		expect(writeImportMapping(folder, preset)).toBe(path.join(folder.dir, 'mapping.json'));
		expect(statSync(folder.mappingPath).mode & 0o777).toBe(0o600);
		const read = await readPresetFile(folder.mappingPath);
		expect(read).toEqual(preset);

		const again = await inspectFile(file, {preset: {preset: read, path: folder.mappingPath}});
		expect(again.mapping.columns.map((column) => column.target)).toEqual(mapping.columns.map((column) => column.target));
		expect(again.mapping.derived).toEqual(mapping.derived);
		expect(again.mapping.derived.find((derivation) => derivation.target === 'username')?.enabled).toBe(false);
	});
});
