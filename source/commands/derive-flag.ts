import type {DerivedTarget} from '../mapping/derive.js';
import {UsageError} from '../lib/exit-codes.js';
import type {FlagSpec} from './command.js';

const derivable: readonly DerivedTarget[] = ['username', 'displayname', 'firstname', 'lastname'];

export const noDeriveFlag: Record<string, FlagSpec> = {
	'no-derive': {
		type: 'string',
		multiple: true,
		value: 'TARGET',
		description: 'do not fill this in when its column is missing: username (from the email), displayname (first + last), firstname or lastname (from a full name)',
	},
};

export function noDeriveFrom(values: Record<string, unknown>): DerivedTarget[] {
	const given = Array.isArray(values['no-derive']) ? values['no-derive'].map(String) : [];
	for (const target of given) {
		if (!(derivable as readonly string[]).includes(target)) throw new UsageError(`--no-derive takes ${derivable.join(', ')}; not '${target}'.`);
	}
	return given as DerivedTarget[];
}
