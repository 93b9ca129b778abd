import {customAttributeName} from '../mapping/catalog.js';
import type {AttributePair, RowDraft} from './row-draft.js';

/**
 * Custom attributes: a column per attribute (`attribute:Name`), or PowerShell's
 * `AttributeN_name`/`AttributeN_value` pairs, whose name is read from the row.
 */

export function readAttribute(draft: RowDraft, name: string, value: string): void {
	if (!customAttributeName.test(name)) return; // reported once per file, not per row
	(draft.attributes ??= []).push({name, value});
}

export function readAttributePairPart(draft: RowDraft, pairNumber: number, part: 'name' | 'value', value: string, header: string): void {
	const pairs = (draft.pairs ??= new Map<number, AttributePair>());
	const pair = pairs.get(pairNumber) ?? {};
	if (part === 'name') Object.assign(pair, {name: value, nameHeader: header});
	else Object.assign(pair, {value, valueHeader: header});
	pairs.set(pairNumber, pair);
}

/** Once every cell is read: each pair whole and well named becomes an attribute, and no name is given twice. */
export function finishAttributes(draft: RowDraft): void {
	if (draft.pairs) {
		for (const [number, pair] of draft.pairs) {
			if (pair.name === undefined) {
				draft.error(pair.valueHeader ?? null, `custom attribute ${number} has a value but no name`);
			} else if (pair.value === undefined) {
				draft.error(pair.nameHeader ?? null, `custom attribute ${pair.name} has a name but no value`);
			} else if (!customAttributeName.test(pair.name)) {
				draft.error(pair.nameHeader ?? null, `custom attribute name ${pair.name} must be letters and digits only, under 32 characters`);
			} else {
				(draft.attributes ??= []).push({name: pair.name, value: pair.value});
			}
		}
	}
	const attributes = draft.attributes;
	if (attributes && attributes.length > 1) {
		const attributeNames = new Set<string>();
		for (const attribute of attributes) {
			if (attributeNames.has(attribute.name.toLowerCase())) draft.error(null, `custom attribute ${attribute.name} is given twice`);
			attributeNames.add(attribute.name.toLowerCase());
		}
	}
}
