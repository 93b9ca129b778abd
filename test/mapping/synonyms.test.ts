import {describe, expect, it} from 'vitest';
import {catalog, catalogEntry} from '../../source/mapping/catalog.js';
import {compactHeader} from '../../source/mapping/normalize-header.js';
import {synonyms} from '../../source/mapping/synonyms.js';

describe('the synonym dictionary', () => {
	it('only names targets of the catalog', () => {
		for (const target of Object.keys(synonyms)) expect(catalogEntry(target), target).toBeDefined();
	});

	it('never gives one spelling two meanings, nor repeats a catalog key', () => {
		const seen = new Map<string, string>();
		for (const entry of catalog) seen.set(compactHeader(entry.key), `${entry.key} (catalog key)`);
		const clashes: string[] = [];
		for (const [target, spellings] of Object.entries(synonyms)) {
			for (const spelling of spellings) {
				const key = compactHeader(spelling);
				const earlier = seen.get(key);
				if (earlier !== undefined) clashes.push(`${spelling} → ${target}, already ${earlier}`);
				seen.set(key, target);
			}
		}
		expect(clashes).toEqual([]);
	});

	it('leaves out the ambiguous "Name"', () => {
		const all = Object.values(synonyms).flat().map(compactHeader);
		expect(all).not.toContain('name');
	});
});
