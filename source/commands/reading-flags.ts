import {encodingLabels, type CsvOverrides, type Delimiter, type EncodingLabel} from '../csv/index.js';
import {UsageError} from '../lib/exit-codes.js';
import type {FlagSpec} from './command.js';

/*
 * How to read the file, when detection should not decide: one parser for every command that opens
 * a CSV (inspect, run), so a line `inspect` accepts is accepted by `run` the same way.
 */

/** Each delimiter by the names a shell passes without quoting trouble, and as itself. */
const delimiterNames: Record<string, Delimiter> = {',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t', '\t': '\t', '|': '|', pipe: '|'};

export const readingFlags: Record<string, FlagSpec> = {
	encoding: {type: 'string', value: 'NAME', description: `read the file as ${encodingLabels.join(', ')} instead of detecting it`},
	delimiter: {type: 'string', value: ',|;|tab|pipe', description: 'split fields on this delimiter instead of detecting it'},
	'header-line': {type: 'string', value: 'N', description: 'the header is on line N instead of the detected line'},
};

/** The flags given, as overrides of what detection would choose; UsageError names the values allowed. */
export function readingFrom(values: Record<string, unknown>): CsvOverrides {
	const overrides: CsvOverrides = {};
	if (typeof values.encoding === 'string') {
		const encoding = values.encoding.toLowerCase() as EncodingLabel;
		if (!encodingLabels.includes(encoding)) throw new UsageError(`--encoding must be one of ${encodingLabels.join(', ')}.`);
		overrides.encoding = encoding;
	}
	if (typeof values.delimiter === 'string') {
		const delimiter = delimiterNames[values.delimiter.toLowerCase()];
		if (!delimiter) throw new UsageError("--delimiter must be ',', ';', tab or pipe ('|').");
		overrides.delimiter = delimiter;
	}
	if (typeof values['header-line'] === 'string') {
		const line = Number(values['header-line']);
		if (!/^\d+$/.test(values['header-line']) || !Number.isSafeInteger(line) || line < 1) throw new UsageError('--header-line must be a line number from 1.');
		overrides.headerLine = line;
	}
	return overrides;
}
