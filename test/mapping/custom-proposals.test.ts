import {describe, expect, it} from 'vitest';
import {customAttributeName} from '../../source/mapping/catalog.js';
import {attributeName, proposeCustomAttributes, withProposals} from '../../source/mapping/custom-proposals.js';
import {autoMap} from '../../source/mapping/auto-map.js';

type Column = {header: string; values: string[]; target?: string | null};

/** Proposals for columns given as header + values, unmapped unless a target is given; header → name. */
function propose(columns: Column[]): Record<string, string> {
	const mapped = columns.map((column, index) => ({index, header: column.header, target: column.target ?? null}));
	const samples = columns.map((column, index) => ({index, samples: column.values}));
	const proposals = proposeCustomAttributes(mapped, samples);
	return Object.fromEntries([...proposals].map(([index, target]) => [columns[index]!.header, target]));
}

const varied = ['S', 'M', 'L', 'XL', 'M'];

describe('custom attribute proposals', () => {
	it('names a per-user column from its header in camelCase', () => {
		expect(propose([
			{header: 'Start Date', values: ['2024-01-02', '2023-05-06', '2022-11-30']},
			{header: 'Shirt size', values: varied},
			{header: 'Pronouns', values: ['she/her', 'he/him', 'they/them']},
		])).toEqual({'Start Date': 'attribute:startDate', 'Shirt size': 'attribute:shirtSize', Pronouns: 'attribute:pronouns'});
	});

	it('folds accents, splits camelCase and snake_case, drops punctuation and brackets', () => {
		expect(attributeName('Taille de tee-shirt (EU)')).toBe('tailleDeTeeShirtEu');
		expect(attributeName('Größe')).toBe('grosse');
		expect(attributeName('Ścieżka kariery')).toBe('sciezkaKariery');
		expect(attributeName('badgeNumber')).toBe('badgeNumber');
		expect(attributeName('PARKING_SPOT_NMR')).toBe('parkingSpotNmr');
		expect(attributeName('VPNAccessLevel')).toBe('vpnAccessLevel');
		expect(attributeName('Address 2')).toBe('address2');
		expect(attributeName('社員番号')).toBe('');
	});

	it('keeps within JumpCloud rules: letters and digits, at most 31', () => {
		const name = attributeName('The preferred shirt size for the company summer party in Berlin');
		expect(name).toHaveLength(31);
		expect(name).toMatch(customAttributeName);
	});

	it('makes names unique, and never a catalog key or a custom attribute another column takes', () => {
		expect(propose([
			{header: 'Shirt size', values: varied},
			{header: 'shirt_size', values: varied},
			{header: 'Department', values: ['Sales', 'R&D']},
			{header: 'Badge', values: ['B1', 'B2'], target: 'attribute:pronouns'},
			{header: 'Pronouns', values: ['she/her', 'he/him']},
		])).toEqual({'Shirt size': 'attribute:shirtSize', shirt_size: 'attribute:shirtSize2', Department: 'attribute:department2', Pronouns: 'attribute:pronouns2'});
	});

	it('offers nothing for a mapped column, an empty one, or one constant value', () => {
		expect(propose([
			{header: 'Shirt size', values: varied, target: 'jobTitle'},
			{header: 'Notes', values: ['', '', '']},
			{header: 'Company code', values: ['ACME', 'ACME', ' ACME ', '']},
		])).toEqual({});
	});

	it('offers nothing for structured cells: JSON, PowerShell hashtables', () => {
		expect(propose([
			{header: 'addresses', values: ['[{"type":"work","city":"Berlin"}]', '[{"type":"home","city":"Paris"}]']},
			{header: 'phoneNumbers', values: ['@{type=work; number=+49 30 1234}', '@{type=mobile; number=+33 1 2345}']},
		])).toEqual({});
	});

	it('offers nothing for when a record was created or changed, in several languages', () => {
		const dates = ['2024-01-02 10:00', '2024-02-03 11:00'];
		expect(propose(['whenCreated', 'whenChanged', 'Created At', 'Last modified', 'Date de création', 'Geändert am', 'lastLogonTimestamp', '作成日'].map((header) => ({header, values: dates})))).toEqual({});
	});

	it('offers nothing for internal ids, GUIDs, DNs, object classes, passwords and hashes', () => {
		expect(propose([
			{header: 'objectGUID', values: ['a', 'b']},
			{header: 'Internal ID', values: ['1', '2']},
			{header: 'ID', values: ['1', '2']},
			{header: 'objectClass', values: ['top;person', 'top;person;user']},
			{header: 'distinguishedName', values: ['x', 'y']},
			{header: 'Password', values: ['Secret-1', 'Secret-2']},
			{header: 'pwdHash', values: ['x', 'y']},
			{header: 'Reference', values: ['0b8f6d3a-2c1e-4f5a-9b7d-1e2f3a4b5c6d', '1c9f6d3a-2c1e-4f5a-9b7d-1e2f3a4b5c6e']},
			{header: 'Owner', values: ['CN=Ada Lovelace,OU=Staff,DC=example,DC=com', 'CN=Alan Turing,OU=Staff,DC=example,DC=com']},
			{header: 'Token', values: ['5f1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d', 'aa1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d']},
			{header: 'Secret', values: ['$2b$10$abcdefghijklmnopqrstuv', '$2b$10$bcdefghijklmnopqrstuvw']},
			{header: 'Device', values: ['5f3c9e2a1b4d6f8e0a2c4e6f', '5f3c9e2a1b4d6f8e0a2c4e70']},
		])).toEqual({});
	});

	it('still offers a per-user column whose header only mentions a date or an identity', () => {
		expect(propose([
			{header: 'Hire date', values: ['2020-01-01', '2021-02-02']},
			{header: 'Badge ID', values: ['B-1', 'B-2']},
		])).toEqual({'Hire date': 'attribute:hireDate', 'Badge ID': 'attribute:badgeId'});
	});

	it('withProposals sets proposal on the columns it offers for and keeps a proposal already given', () => {
		const columns = [
			{index: 0, header: 'Shirt size', target: null},
			{index: 1, header: 'Pronouns', target: null, proposal: 'attribute:pronounsChosen'},
			{index: 2, header: 'Company', target: null},
		];
		const samples = [
			{index: 0, samples: varied},
			{index: 1, samples: ['she/her', 'he/him']},
			{index: 2, samples: ['ACME', 'ACME']},
		];
		expect(withProposals(columns, samples).map((column) => column.proposal)).toEqual(['attribute:shirtSize', 'attribute:pronounsChosen', undefined]);
	});

	it('autoMap offers a proposal for an unmapped per-user column and maps nothing to it', () => {
		const mapping = autoMap([
			{index: 0, header: 'Email', samples: ['ada@example.com', 'alan@example.com']},
			{index: 1, header: 'Shirt size', samples: varied},
			{index: 2, header: 'Plant', samples: ['Berlin', 'Berlin']},
		]);
		const shirt = mapping.columns[1]!;
		expect(shirt).toMatchObject({target: null, proposal: 'attribute:shirtSize'});
		expect(mapping.columns[0]!.proposal).toBeUndefined();
		expect(mapping.columns[2]!.proposal).toBeUndefined();
	});
});
