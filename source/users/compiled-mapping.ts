import type {Address} from '../jumpcloud/types.js';
import {parseTarget} from '../mapping/catalog.js';
import type {Mapping} from '../mapping/mapping.js';
import {isSecretHeader} from '../mapping/secret-columns.js';
import type {BuildOptions} from './built-row.js';

/** A mapped column, with what each of its cells needs worked out once rather than per cell. */
export type Column = {
	index: number;
	header: string;
	target: ReturnType<typeof parseTarget> & object;
	/** For address parts: which address and which field of it. */
	address?: {type: 'home' | 'work'; field: keyof Omit<Address, 'type'>};
	/** Its column writes dates either way round: each written date is checked for ambiguity. */
	ambiguousDates: boolean;
	/** The value is read by a check, or the payload is wanted: worth keeping. */
	kept: boolean;
	/** Its header says password ("Password never expires"): its values are never quoted in a message. */
	quiet: boolean;
};

/** What the builder looks up for every row, worked out once per mapping. */
export type CompiledMapping = {
	columns: Column[];
	/** How many columns the header has, mapped or not. */
	headerCount: number;
	/** The header of each catalog key's column. */
	headerOf: Map<string, string>;
	/** Only mapped columns: a cleaned cell nobody imports is not worth a warning. */
	headerOfIndex: Map<number, string>;
	passwordColumns: Set<number>;
	quietColumns: Set<number>;
	emailHeader: string | null;
	/** A username or email read from a column headed password is never handed on with a row's errors. */
	identityQuiet: boolean;
	/** Where the username and email are read: an email refused as one is still what the row had. */
	usernameIndex: number | undefined;
	emailIndex: number | undefined;
	/** The fields each value of which may appear once in a file, with their columns' headers. */
	uniqueChecks: Array<{field: UniqueField; header: string | undefined}>;
	deriveUsername: boolean;
	deriveDisplayname: boolean;
	deriveFirstname: boolean;
	deriveLastname: boolean;
};

export const uniqueFields = ['username', 'email', 'employeeIdentifier', 'alternateEmail'] as const;
export type UniqueField = (typeof uniqueFields)[number];

const addressFields: Record<string, keyof Omit<Address, 'type'>> = {
	streetAddress: 'streetAddress',
	poBox: 'poBox',
	city: 'locality',
	state: 'region',
	postalCode: 'postalCode',
	country: 'country',
};

/** The fields a check reads (names, identities); with `checkOnly` no other value is kept. */
const checkedFields = new Set<string>(['username', 'email', 'firstname', 'lastname', 'displayname', ...uniqueFields]);

export function compileMapping(mapping: Mapping, options: BuildOptions): CompiledMapping {
	const checkOnly = options.checkOnly === true;
	const hasDateOrders = (options.dateOrders?.size ?? 0) > 0;
	const columns: Column[] = mapping.columns.flatMap((column) => {
		const target = column.target === null ? undefined : parseTarget(column.target);
		if (!target) return [];
		const part = target.type === 'catalog' ? /^(home|work)_(\w+)$/.exec(target.entry.key) : null;
		const field = part ? addressFields[part[2]!] : undefined;
		const password = target.type === 'catalog' && target.entry.kind === 'password';
		const quiet = password || isSecretHeader(column.header);
		const ambiguousDates = hasDateOrders && !quiet && options.dateOrders!.get(column.index) === 'ambiguous';
		const kept = !checkOnly || target.type !== 'catalog' || checkedFields.has(target.entry.key) || target.entry.kind === 'boolean' || target.entry.kind === 'state' || target.entry.kind === 'days';
		return [{index: column.index, header: column.header, target, ambiguousDates, kept, quiet, ...(part && field ? {address: {type: part[1] as 'home' | 'work', field}} : {})}];
	});
	const derive = new Set(mapping.derived.filter((derivation) => derivation.enabled).map((derivation) => derivation.target));
	const headerOf = new Map<string, string>();
	for (const column of columns) if (column.target.type === 'catalog') headerOf.set(column.target.entry.key, column.header);
	const isCatalog = (column: Column, test: (key: string, kind: string) => boolean) => column.target.type === 'catalog' && test(column.target.entry.key, column.target.entry.kind);
	const columnOf = (key: string) => columns.find((column) => isCatalog(column, (other) => other === key))?.index;
	return {
		columns,
		headerCount: mapping.columns.length,
		headerOf,
		headerOfIndex: new Map(columns.map((column) => [column.index, column.header])),
		passwordColumns: new Set(columns.filter((column) => isCatalog(column, (_, kind) => kind === 'password')).map((column) => column.index)),
		quietColumns: new Set(columns.filter((column) => column.quiet).map((column) => column.index)),
		emailHeader: headerOf.get('email') ?? null,
		identityQuiet: columns.some((column) => column.quiet && isCatalog(column, (key) => key === 'username' || key === 'email')),
		usernameIndex: columnOf('username'),
		emailIndex: columnOf('email'),
		uniqueChecks: uniqueFields.map((field) => ({field, header: headerOf.get(field)})),
		deriveUsername: derive.has('username'),
		deriveDisplayname: derive.has('displayname'),
		deriveFirstname: derive.has('firstname'),
		deriveLastname: derive.has('lastname'),
	};
}
