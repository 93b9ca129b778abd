import {secretCells} from '../mapping/secret-columns.js';
import {closeSync, openSync, writeFileSync, writeSync} from 'node:fs';
import Papa from 'papaparse';
import {openCsv, type CsvLayout, type EncodingLabel} from '../csv/index.js';
import {decodeBytes} from '../csv/encoding.js';
import {encodeShiftJis} from '../csv/shift-jis.js';
import {sanitize} from '../lib/sanitize.js';
import type {Mapping} from '../mapping/mapping.js';
import {applyEdits, indexEdits, type CellEdit} from '../users/cell-edits.js';
import {managerNote} from './manager-notes.js';
import type {ImportProgress} from './progress.js';
import type {RowPlan} from './row-plan.js';

export type RowStatus = 'created' | 'skipped' | 'failed' | 'invalid' | 'pending';

export type RowResult = {
	row: number;
	line: number;
	username: string;
	email: string;
	status: RowStatus;
	userId: string;
	groups: string;
	devices: string;
	emailSent: string;
	error: string;
};

/** Every row's outcome, from the plan and the journal. */
export function rowResults(rows: readonly RowPlan[], progress: ImportProgress): RowResult[] {
	return rows.map((row) => {
		const state = progress.rows.get(row.row);
		const errors = row.issues.filter((issue) => issue.severity === 'error').map((issue) => `${issue.column ? `${issue.column}: ` : ''}${issue.message}`);
		let status: RowStatus;
		if (row.action === 'invalid') status = 'invalid';
		else if (state?.skipped) status = 'skipped';
		else if (state?.failed) status = 'failed';
		else if (state?.userId) status = state.pending.size > 0 ? 'pending' : 'created';
		else status = 'pending';
		const activated = state?.done.has('activate') === true;
		// An invalid row's username and email are as the file had them (checked by nothing): one clean line each.
		const said = (value: string | undefined) => (value === undefined ? '' : status === 'invalid' ? sanitize(value) : value);
		return {
			row: row.row,
			line: row.line,
			username: said(row.username),
			email: said(row.email),
			status,
			userId: state?.userId ?? state?.skipped?.userId ?? row.existingUserId ?? '',
			groups: row.groups.map((group) => group.name).join('; '),
			devices: row.systems.map((system) => system.name).join('; '),
			emailSent: activated && row.emailSent ? `${row.emailSent.kind} to ${row.emailSent.to}` : '',
			// A created row's cell says when it was created without the manager the file named.
			error: status === 'failed' ? failedAt(state?.failed, row) : status === 'invalid' ? errors.join(' | ') : managerNote(row, state),
		};
	});
}

/**
 * A journaled step in the words the screens use: `group:<id>` is a group membership, `system:<id>`
 * (the API's name) a device binding. `names` gives the group's or device's name when known.
 */
export function stepWords(step: string, names?: Pick<RowPlan, 'groups' | 'systems'>): string {
	if (step === 'create') return 'create';
	if (step === 'activate') return 'activation';
	const [kind, ...rest] = step.split(':');
	const id = rest.join(':');
	if (kind === 'group') return `group membership ${names?.groups.find((group) => group.id === id)?.name ?? id}`;
	if (kind === 'system') return `device binding ${names?.systems.find((system) => system.id === id)?.name ?? id}`;
	return step;
}

/** A failed row's error; a step after the create says which one failed (the user exists). */
function failedAt(failed: {step: string; error: string} | undefined, row: RowPlan): string {
	if (!failed) return '';
	return failed.step === 'create' ? failed.error : `${stepWords(failed.step, row)}: ${failed.error}`;
}

/**
 * A cell a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a carriage
 * return) gets a leading apostrophe, as OWASP advises against CSV injection: results.csv holds
 * cells from the CSV and from the server, to be read in Excel. A value such as "-5" or a phone
 * number "+49 30 …" gets it too. Not failed.csv's own cells: that file is imported again.
 */
export function spreadsheetSafe(cell: string): string {
	return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** `results.csv`: one line per row of the source, UTF-8 with a BOM so Excel reads it right. */
export function writeResults(path: string, results: readonly RowResult[]): void {
	writeResultsInParts(path, [results]);
}

const resultColumns = ['row', 'line', 'username', 'email', 'status', 'userId', 'groups', 'devices', 'email sent', 'error'];

/** `writeResults` from the results a part at a time (a resume's settled rows come from disk), never all held at once. */
export function writeResultsInParts(path: string, parts: Iterable<readonly RowResult[]>): void {
	const fd = openSync(path, 'w', 0o600);
	try {
		writeSync(fd, `\uFEFF${Papa.unparse([resultColumns], {newline: '\r\n'})}\r\n`);
		for (const part of parts) {
			if (part.length === 0) continue;
			const lines = part.map((result) => [
				result.row,
				result.line,
				spreadsheetSafe(result.username),
				spreadsheetSafe(result.email),
				result.status,
				spreadsheetSafe(result.userId),
				spreadsheetSafe(result.groups),
				spreadsheetSafe(result.devices),
				spreadsheetSafe(result.emailSent),
				spreadsheetSafe(result.error),
			]);
			writeSync(fd, `${Papa.unparse(lines, {newline: '\r\n'})}\r\n`);
		}
	} finally {
		closeSync(fd);
	}
}

/**
 * `failed.csv`: the failed and invalid rows in the source file's own encoding, delimiter and columns,
 * plus an `error` column, so the admin fixes them in Excel and feeds the file back (the remembered
 * mapping applies at once: the extra column maps to nothing). Passwords are left out: they never
 * go to disk. Cells the admin edited in the wizard are written edited, so the fixes are kept.
 */
export async function writeFailed(
	path: string,
	source: {file: string; layout: Pick<CsvLayout, 'encoding' | 'delimiter' | 'headerLine'>},
	mapping: Mapping,
	results: readonly RowResult[],
	edits: readonly CellEdit[] = [],
): Promise<number> {
	const failed = new Map(results.filter((result) => result.status === 'failed' || result.status === 'invalid').map((result) => [result.row, result]));
	const csv = await openCsv(source.file, {encoding: source.layout.encoding, delimiter: source.layout.delimiter, headerLine: source.layout.headerLine});
	// Blank too when the column was ignored: a header that says password is never written back,
	// but for its yes/no cells ("Password never expires"), which are settings, not passwords.
	const withheld = secretCells(mapping);
	const edited = indexEdits(edits, mapping);
	// The file's own headers and cells, exactly: failed.csv is fed back to jc-import, where an
	// apostrophe added against formulas would become part of the data ("'+49 30 …" as a phone).
	// Only the error, the server's text, is guarded.
	const lines: string[][] = [[...csv.layout.headers, 'error']];
	for await (const read of csv.rows()) {
		const result = failed.get(read.row);
		if (!result) continue;
		const row = applyEdits(read, edited);
		lines.push([...row.cells.map((cell, index) => (withheld(index, cell) ? '' : cell)), spreadsheetSafe(result.error)]);
	}
	const text = `${Papa.unparse(lines, {delimiter: csv.layout.delimiter, newline: csv.layout.newline === '\n' ? '\n' : '\r\n'})}\r\n`;
	writeFileSync(path, encode(text, csv.layout.encoding, csv.layout.bom), {mode: 0o600});
	return lines.length - 1;
}

function encode(text: string, encoding: CsvLayout['encoding'], bom: boolean): Buffer {
	switch (encoding) {
		case 'utf-8':
			return Buffer.from(bom ? `\uFEFF${text}` : text, 'utf8');
		case 'utf-16le':
			return Buffer.from(`\uFEFF${text}`, 'utf16le');
		case 'utf-16be': {
			const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le');
			return bytes.swap16();
		}
		case 'windows-1252':
			return encodeWindows1252(text);
		case 'windows-1250':
		case 'iso-8859-2':
		case 'macintosh':
			return encodeSingleByte(text, encoding);
		case 'shift_jis':
			return encodeShiftJis(text);
	}
}

const byteTables = new Map<string, Map<string, number>>();

/** A single-byte encoding, reversed from TextDecoder's own table; characters it lacks become `?`. */
function encodeSingleByte(text: string, encoding: EncodingLabel): Buffer {
	let table = byteTables.get(encoding);
	if (!table) {
		table = new Map();
		for (let byte = 0; byte < 256; byte++) {
			const char = decodeBytes(Uint8Array.of(byte), encoding);
			if (char !== '\ufffd' && !table.has(char)) table.set(char, byte);
		}
		byteTables.set(encoding, table);
	}
	const bytes = Buffer.alloc(text.length);
	let length = 0;
	for (const char of text) bytes[length++] = table.get(char) ?? 0x3f;
	return bytes.subarray(0, length);
}

/** Windows-1252: Latin-1 plus the printable characters Microsoft put at 0x80–0x9F; others become `?`. */
function encodeWindows1252(text: string): Buffer {
	const extra = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
	const bytes = Buffer.alloc(text.length);
	let length = 0;
	for (const char of text) {
		const code = char.codePointAt(0)!;
		const special = extra.indexOf(char);
		bytes[length++] = special >= 0 && code > 0xff ? 0x80 + special : code <= 0xff && !(code >= 0x80 && code <= 0x9f) ? code : 0x3f;
	}
	return bytes.subarray(0, length);
}
