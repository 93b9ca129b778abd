import {readFile, writeFile} from 'node:fs/promises';
import {z} from 'zod';
import {delimiters, encodingLabels} from '../csv/index.js';
import {ExpectedError} from '../lib/exit-codes.js';
import {parseTarget} from './catalog.js';
import {presetJson, type Preset} from './presets.js';

/*
 * Reading and writing preset files. Kept apart from presets.ts so that zod loads only when a
 * preset is actually read: `inspect` on a fresh machine should not pay for it.
 */

/** What a preset file must hold; checked on every read, since people edit these by hand. */
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
	csv: z.object({encoding: z.enum(encodingLabels), delimiter: z.enum(delimiters), headerLine: z.number().int().positive()}).optional(),
	savedAt: z.string().optional(),
}) satisfies z.ZodType<Preset, unknown>;

/** A preset file that cannot be read, is not one, or cannot be written: one line naming the file. */
export class PresetFileError extends ExpectedError {
	override name = 'PresetFileError';
}

export async function readPresetFile(file: string): Promise<Preset> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new PresetFileError(`Cannot read mapping ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}.`, {cause: error});
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
	try {
		await writeFile(file, presetJson(preset), {mode: 0o600});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'write failed');
		throw new PresetFileError(`Cannot write mapping ${file}: ${why}.`, {cause: error});
	}
}

export function parsePreset(json: unknown): Preset | undefined {
	const parsed = presetSchema.safeParse(json);
	return parsed.success ? parsed.data : undefined;
}
