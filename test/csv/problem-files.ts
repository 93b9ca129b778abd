import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {tempFolder} from '../support/temp-dir.js';

/**
 * One small file per problem real CSVs have, written byte for byte: encodings and byte-order marks
 * matter here, so they are built from bytes rather than kept as files an editor might re-save.
 */
const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const utf16be = (text: string) => {
	const bytes = Buffer.from(text, 'utf16le');
	for (let at = 0; at < bytes.length; at += 2) [bytes[at], bytes[at + 1]] = [bytes[at + 1]!, bytes[at]!];
	return bytes;
};
const bom = Buffer.from([0xef, 0xbb, 0xbf]);

export const problemFiles: Record<string, Buffer> = {
	'utf8-bom.csv': Buffer.concat([bom, Buffer.from('Username,First Name\r\njmueller,Jürgen\r\nzoe,Zoë\r\n')]),
	'utf8-plain.csv': Buffer.from('Username,First Name\njnunez,José\n'),
	'utf16le-bom.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('Username\tFirst Name\r\njmueller\tJürgen\r\n')]),
	'utf16be-bom.csv': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('Username,First Name\r\nzoe,Zoë\r\n')]),
	'utf16le-no-bom.csv': utf16le('Username,First Name\r\nzoe,Zoë\r\n'),
	// Excel's "CSV (Comma delimited)" on a German machine: semicolons, Windows-1252, and the only
	// accented byte far down, where a check of the first bytes would not see it.
	'windows-1252.csv': Buffer.concat([
		Buffer.from('Benutzername;Vorname\r\n'),
		Buffer.from(Array.from({length: 3000}, (_, index) => `user${index};Anna\r\n`).join('')),
		Buffer.from([...Buffer.from('jmueller;J'), 0xfc, ...Buffer.from('rgen\r\n')]),
	]),
	'excel-sep-line.csv': Buffer.from('sep=;\r\nUsername;Email;Department\r\nada;ada@example.com;R&D, Labs\r\n'),
	'tab.tsv': Buffer.from('Username\tEmail\tTitle\nada\tada@example.com\tEngineer, Senior\n'),
	'pipe.csv': Buffer.from('Username|Email|Title\nada|ada@example.com|Engineer; Senior\n'),
	'semicolon-with-commas.csv': Buffer.from('Username;Email;Street\nada;ada@example.com;1, Main St\nbob;bob@example.com;2, High St\n'),
	'title-lines.csv': Buffer.from('Staff export 2026\r\n\r\nUsername,Email,Department\r\nada,ada@example.com,R&D\r\n'),
	'entra-version-line.csv': Buffer.from('version:v1.0\nName [displayName] Required,User name [userPrincipalName] Required\nAda Lovelace,ada@contoso.com\n'),
	'quoted-multiline.csv': Buffer.from(
		'Username,Street,Note\r\nada,"1 Main St\nFloor 2","said ""hi"", twice"\r\nbob,"2 High St\r\nSuite 5\r\nBack door",plain\r\ncy,3 Low St,"a,b"\r\n',
	),
	'empty-rows.csv': Buffer.from('Username,Email,Title\nada,ada@example.com,Eng\n,,\n  ,\u00a0 , \n\nbob,bob@example.com,Ops\n,,,,\n'),
	'bad-headers.csv': Buffer.from('Username,,Email,EMAIL,\u00a0Title  \nada,x,ada@example.com,a2@example.com,Eng\n'),
	'invisible-chars.csv': Buffer.from('Username,Email,Title\n ada ,ada@example.com\u200b,\u00a0Chief\u00a0Engineer\nbob,\ufeffbob@example.com,Ops\ncy,cy@example.com,Sales\n'),
	'ragged.csv': Buffer.from('Username,Email,Title\nada,ada@example.com\nbob,bob@example.com,Ops,extra\n'),
	'header-only.csv': Buffer.from('Username,Email\r\n'),
	'no-final-newline.csv': Buffer.from('Username,Email\nada,ada@example.com'),
	'old-mac.csv': Buffer.from('Username,Email\rada,ada@example.com\rbob,bob@example.com\r'),
	'empty.csv': Buffer.alloc(0),
	'whitespace-only.csv': Buffer.from('\r\n  \r\n'),
	'no-header.csv': Buffer.from('ada,ada@example.com,Eng\nbob,bob@example.com,Ops\n'),
	'workbook.xlsx': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00]),
	'workbook.xls': Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
	'image.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]),
};

/** Writes every problem file to a fresh folder and returns it. */
export function writeProblemFiles(): string {
	const folder = tempFolder('jc-import-problem-csv-');
	for (const [name, bytes] of Object.entries(problemFiles)) writeFileSync(path.join(folder, name), bytes);
	return folder;
}
