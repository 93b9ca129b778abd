import {describe, expect, it} from 'vitest';
import {catalog, type Target} from '../../source/mapping/catalog.js';
import {withDerivations} from '../../source/mapping/mapping.js';
import {createUserBuilder} from '../../source/users/build-user.js';
import {defaultUserDefaults} from '../../source/users/defaults.js';
import {userCreateSchema} from '../../source/users/user-schema.js';
import {seededRandom} from '../support/seeded-random.js';

const samples = [
	'', ' ', 'ada', 'Ada Lovelace', 'ada@example.com', 'ADA@EXAMPLE.COM', 'not an email', '+44 20 7946 0000', '4.41E+11', '0', '1', '42',
	'-3', '99999999999', 'yes', 'no', 'maybe', 'STAGED', 'ACTIVATED', 'suspended', 'active', '7', '400', '12/24/2026', '2026-12-24',
	'Zoë Ångström', 'Ça va; oui|non', 'x'.repeat(300), 'y'.repeat(1100), 'eng-mbp-01', 'Engineering; All Staff', 'weird\tvalue',
	'O\'Brien-Smith', 'jose.nunez', '1abc', 'a b', 'user@host', 'Attr1', 'attr name', '00042',
];

describe('built payloads and the create schema', () => {
	it('every row the builder accepts meets the schema exactly (2,000 random rows over every target)', () => {
		const next = seededRandom(2026);
		const pick = () => samples[Math.floor(next() * samples.length)]!;
		const targets: Target[] = [...catalog.map((entry) => entry.key), 'attribute:costCode', 'attribute:{name:1}', 'attribute:{value:1}'];
		const mapping = withDerivations(targets.map((target, index) => ({index, header: `c${index}`, target, confidence: 1, reason: 'exact' as const})), []);
		const build = createUserBuilder(mapping, {defaults: defaultUserDefaults, now: new Date('2026-11-23T10:00:00.000Z')});
		let accepted = 0;
		const valid: Record<string, string[]> = {
			text: ['Ada Lovelace', 'Zoë Ångström', "O'Brien-Smith", '00042', 'x'.repeat(300), 'Ça va; oui|non'],
			email: ['alt@example.com', 'ZOE@Example.COM'],
			phone: ['+44 20 7946 0000', '(555) 010-2000 ext 12'],
			integer: ['1', '42', '4294967295'],
			boolean: ['yes', 'No', '$true', '0'],
			state: ['STAGED', 'ACTIVATED', 'suspended', 'active'],
			days: ['7', '365', '12/24/2026', '2026-12-24'],
			password: ['Str0ng-Pass!', 'pässwörd with spaces'],
			relation: ['Engineering', 'eng-mbp-01', 'All Staff|VPN Users'],
		};
		const kinds = new Map(catalog.map((entry) => [entry.key, entry.kind]));
		for (let row = 1; row <= 2000; row++) {
			const pairName = next() < 0.5;
			const cells = targets.map((target) => {
				if (target === 'username') return `u${row}${next() < 0.1 ? pick() : ''}`;
				if (target === 'email') return next() < 0.95 ? `u${row}@example.com` : pick();
				if (target.startsWith('attribute:{')) return pairName ? (target.includes('name') ? 'Attr1' : 'value one') : '';
				const draw = next();
				if (draw < 0.6) return '';
				if (draw < 0.97) {
					const pool = valid[kinds.get(target) ?? 'text'] ?? valid.text!;
					return pool[Math.floor(next() * pool.length)]!;
				}
				return pick();
			});
			const built = build({row, line: row + 1, cells});
			if (!built.user) continue;
			accepted++;
			const checked = userCreateSchema.safeParse(built.user.payload);
			expect(checked.error?.issues, `row ${row}: ${JSON.stringify(cells)}`).toBeUndefined();
		}
		expect(accepted).toBeGreaterThan(200);
	});
});
