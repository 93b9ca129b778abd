import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {catalog, parseTarget, targetLabel, userAttributeKeys} from '../../source/mapping/catalog.js';
import {sharedFolder, sharedPresent, sharedSkipReason} from '../support/shared.js';

/** The keys in the first column of each table of a section of ATTRIBUTES.md, `a` … `b` ranges expanded. */
function keysOfSection(markdown: string, heading: string): string[] {
	const section = markdown.split(/^## /m).find((part) => part.startsWith(heading)) ?? '';
	const keys: string[] = [];
	for (const line of section.split('\n')) {
		const first = /^\| ([^|]+) \|/.exec(line)?.[1];
		if (!first || first.startsWith('key') || first.startsWith('---')) continue;
		const range = /^`(\w+?)_streetAddress` … `\w+_country`$/.exec(first.trim());
		if (range) {
			keys.push(...['streetAddress', 'poBox', 'city', 'state', 'postalCode', 'country'].map((part) => `${range[1]}_${part}`));
			continue;
		}
		keys.push(...[...first.matchAll(/`([^`]+)`/g)].map((match) => match[1]!));
	}
	return keys;
}

describe('the attribute catalog', () => {
	it('has 38 user attributes, username and email required', () => {
		expect(userAttributeKeys).toHaveLength(38);
		expect(catalog.filter((entry) => entry.required).map((entry) => entry.key)).toEqual(['username', 'email']);
		expect(new Set(catalog.map((entry) => entry.key)).size).toBe(catalog.length);
	});

	it('parses custom attribute and pair targets', () => {
		expect(parseTarget('attribute:CostCode')).toEqual({type: 'attribute', name: 'CostCode'});
		expect(parseTarget('attribute:{name:2}')).toEqual({type: 'attribute-pair', part: 'name', pair: 2});
		expect(parseTarget('attribute:')).toBeUndefined();
		expect(parseTarget('nickname')).toBeUndefined();
		expect(targetLabel('work_city')).toBe('work city');
		expect(targetLabel('attribute:{value:1}')).toBe('custom attribute 1 (value)');
	});

	it.skipIf(!sharedPresent)(`has exactly the keys of ATTRIBUTES.md ${sharedPresent ? '' : sharedSkipReason}`, () => {
		const markdown = readFileSync(path.join(sharedFolder, 'jumpcloud/ATTRIBUTES.md'), 'utf8');
		expect(keysOfSection(markdown, 'User attributes')).toEqual(userAttributeKeys);
		const options = catalog.filter((entry) => entry.section === 'option').map((entry) => entry.key);
		expect(keysOfSection(markdown, 'Per-user options')).toEqual(options);
		const relations = keysOfSection(markdown, 'Relations');
		expect(relations).toEqual(['group', 'system', 'system_admin', 'attribute:<Name>']);
		expect(catalog.filter((entry) => entry.section === 'relation').map((entry) => entry.key)).toEqual(relations.slice(0, 3));
	});
});
