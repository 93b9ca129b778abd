import {createHash} from 'node:crypto';
import {readFile, writeFile} from 'node:fs/promises';
import {z} from 'zod';
import {parseTarget} from './catalog.js';
import {withDerivations, type ColumnMapping, type Mapping} from './mapping.js';
import {normalizeHeader} from './normalize-header.js';

/** A confirmed mapping, saved under its header row's fingerprint or exported as a JSON file. */
const presetSchema = z.object({
	format: z.literal('jc-import-mapping'),
	version: z.literal(1),
	fingerprint: z.string(),
	columns: z.array(
		z.object({
			index: z.number().int().nonnegative(),
			header: z.string(),
			target: z
				.string()
				.nullable()
				.refine((target) => target === null || parseTarget(target) !== undefined, {message: 'not a known target'}),
		}),
	),
	derived: z.record(z.string(), z.boolean()).default({}),
	savedAt: z.string().optional(),
});

export type Preset = z.infer<typeof presetSchema>;

/** Same headers in the same order, however cased or spaced, give the same fingerprint. */
export function fingerprint(headers: readonly string[]): string {
	return createHash('sha256').update(headers.map(normalizeHeader).join('\u001f')).digest('hex').slice(0, 16);
}

export function toPreset(mapping: Mapping, headers: readonly string[], now = new Date()): Preset {
	return {
		format: 'jc-import-mapping',
		version: 1,
		fingerprint: fingerprint(headers),
		columns: mapping.columns.map(({index, header, target}) => ({index, header, target})),
		derived: Object.fromEntries(mapping.derived.map((derivation) => [derivation.target, derivation.enabled])),
		savedAt: now.toISOString(),
	};
}

/**
 * Lays a preset over a file's columns, matched by header (then position among equal headers), so
 * a file whose columns were reordered or extended still takes it. Columns the preset does not
 * know keep the matcher's suggestion unless that target is already the preset's.
 */
export function applyPreset(preset: Preset, suggested: Mapping): Mapping {
	const unused = [...preset.columns];
	const fromPreset = new Map<number, ColumnMapping['target']>();
	for (const column of suggested.columns) {
		const key = normalizeHeader(column.header);
		const position = unused.findIndex((saved) => normalizeHeader(saved.header) === key && saved.index === column.index);
		const found = position >= 0 ? position : unused.findIndex((saved) => normalizeHeader(saved.header) === key);
		if (found < 0) continue;
		fromPreset.set(column.index, unused[found]!.target);
		unused.splice(found, 1);
	}
	const presetTargets = new Set([...fromPreset.values()].filter((target) => target !== null));
	const columns = suggested.columns.map((column): ColumnMapping => {
		if (fromPreset.has(column.index)) {
			const target = fromPreset.get(column.index) ?? null;
			return {...column, target, confidence: target === null ? 0 : 1, reason: target === null ? null : 'preset'};
		}
		if (column.target !== null && presetTargets.has(column.target) && column.target !== 'group') return {...column, target: null, confidence: 0, reason: null};
		return column;
	});
	const mapping = withDerivations(columns, []);
	return {
		...mapping,
		derived: mapping.derived.map((derivation) => ({...derivation, enabled: preset.derived[derivation.target] ?? derivation.enabled})),
	};
}

export class PresetFileError extends Error {}

export async function readPresetFile(file: string): Promise<Preset> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new PresetFileError(`Cannot read mapping ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}.`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new PresetFileError(`Mapping ${file} is not JSON.`);
	}
	const parsed = presetSchema.safeParse(json);
	if (!parsed.success) {
		const first = parsed.error.issues[0];
		const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
		throw new PresetFileError(`Mapping ${file} is not a jc-import mapping${where}: ${first?.message ?? 'invalid'}.`);
	}
	return parsed.data;
}

export async function writePresetFile(file: string, preset: Preset): Promise<void> {
	await writeFile(file, `${JSON.stringify(preset, null, '\t')}\n`, {mode: 0o600});
}

export function parsePreset(json: unknown): Preset | undefined {
	const parsed = presetSchema.safeParse(json);
	return parsed.success ? parsed.data : undefined;
}
