// Writes fixtures/csv/* byte for byte (encodings, BOMs and line endings matter, so no editor touches them).
// Run: node test/csv/make-csv-fixtures.mjs
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/csv');
mkdirSync(folder, {recursive: true});

const utf8 = (text) => Buffer.from(text, 'utf8');
const utf16le = (text) => Buffer.from(text, 'utf16le');
const utf16be = (text) => {
	const bytes = Buffer.from(text, 'utf16le');
	for (let at = 0; at < bytes.length; at += 2) [bytes[at], bytes[at + 1]] = [bytes[at + 1], bytes[at]];
	return bytes;
};
/** Windows-1252 for the Latin-1 range this file uses (every char below U+0100 maps to the same byte). */
const cp1252 = (text) => {
	for (const char of text) if (char.charCodeAt(0) > 0xff) throw new Error(`not in Latin-1: ${char}`);
	return Buffer.from(text, 'latin1');
};

const files = {
	'utf8-bom.csv': Buffer.concat([
		Buffer.from([0xef, 0xbb, 0xbf]),
		utf8(
			'Username,First Name,Last Name,Email\r\n' +
				'jmueller,Jürgen,Müller,juergen.mueller@example.com\r\n' +
				'zoe,Zoë,Saldaña,zoe.saldana@example.com\r\n' +
				'jnunez,José,Núñez,jose.nunez@example.com\r\n',
		),
	]),
	'utf8-plain.csv': utf8(
		'Username,First Name,Last Name,Email\n' +
			'jmueller,Jürgen,Müller,juergen.mueller@example.com\n' +
			'zoe,Zoë,Saldaña,zoe.saldana@example.com\n' +
			'jnunez,José,Núñez,jose.nunez@example.com\n',
	),
	// Excel "Unicode Text": UTF-16LE with BOM, tab-delimited.
	'utf16le-bom.csv': Buffer.concat([
		Buffer.from([0xff, 0xfe]),
		utf16le('Username\tFirst Name\tLast Name\r\njmueller\tJürgen\tMüller\r\nzoe\tZoë\tSaldaña\r\njnunez\tJosé\tNúñez\r\n'),
	]),
	'utf16be-bom.csv': Buffer.concat([
		Buffer.from([0xfe, 0xff]),
		utf16be('Username,First Name,Last Name\r\njmueller,Jürgen,Müller\r\nzoe,Zoë,Saldaña\r\njnunez,José,Núñez\r\n'),
	]),
	// Excel "CSV (Comma delimited)" on a German machine: semicolons, CRLF, Windows-1252;
	// the only non-ASCII bytes (0xFC ü, 0xE9 é, 0xE4 ä) are on the last row.
	'windows-1252.csv': cp1252(
		'Benutzername;Vorname;Nachname;Abteilung\r\n' +
			'amaier;Anna;Maier;Vertrieb\r\n' +
			'bschmidt;Bernd;Schmidt;Einkauf\r\n' +
			'cweber;Clara;Weber;IT\r\n' +
			'jmueller;Jürgen;Müller;Café & Bäckerei\r\n',
	),
	'excel-sep-line.csv': utf8(
		'sep=;\r\n' +
			'Username;Email;Department\r\n' +
			'jmueller;juergen.mueller@example.com;R&D, Labs\r\n' +
			'zoe;zoe.saldana@example.com;Design, UX\r\n' +
			'jnunez;jose.nunez@example.com;Sales\r\n',
	),
	'semicolon.csv': utf8(
		'Username;Display Name;Street;City\n' +
			'jmueller;Jürgen Müller;Hauptstraße 5, Hinterhaus;München\n' +
			'zoe;Zoë Saldaña;12, Rue de Rivoli;Paris\n' +
			'jnunez;José Núñez;Calle Mayor 3, 2º;Madrid\n',
	),
	'tab.tsv': utf8(
		'Username\tDisplay Name\tTitle\n' +
			'jmueller\tJürgen Müller\tEngineer, Senior\n' +
			'zoe\tZoë Saldaña\tDesigner; UX\n' +
			'jnunez\tJosé Núñez\tSales | EMEA\n',
	),
	'pipe.csv': utf8(
		'Username|Display Name|Title\n' +
			'jmueller|Jürgen Müller|Engineer, Senior\n' +
			'zoe|Zoë Saldaña|Designer; UX\n' +
			'jnunez|José Núñez|Sales\tEMEA\n',
	),
	'title-lines.csv': utf8(
		'Staff export 2026\r\n' +
			'\r\n' +
			'Username,First Name,Last Name,Email\r\n' +
			'jmueller,Jürgen,Müller,juergen.mueller@example.com\r\n' +
			'zoe,Zoë,Saldaña,zoe.saldana@example.com\r\n' +
			'jnunez,José,Núñez,jose.nunez@example.com\r\n',
	),
	'entra-bulk-template.csv': utf8(
		'version:v1.0\r\n' +
			'Name [displayName] Required,User name [userPrincipalName] Required,Initial password [passwordProfile] Required,Block sign in (Yes/No) [accountEnabled] Required,First name [givenName],Last name [surname],Job title [jobTitle],Department [department],Usage location [usageLocation],Street address [streetAddress],State or province [state],Country or region [country],Office [physicalDeliveryOfficeName],City [city],ZIP or postal code [postalCode],Office phone [telephoneNumber],Mobile phone [mobile]\r\n' +
			'Jürgen Müller,juergen.mueller@contoso.com,Xk9#mPq2!vL,No,Jürgen,Müller,Engineer,R&D,DE,Hauptstraße 1,Bayern,Germany,HQ,München,80331,+49 89 1234567,+49 151 2345678\r\n' +
			'Zoë Saldaña,zoe.saldana@contoso.com,Rt5$wNz8@qA,No,Zoë,Saldaña,Designer,Design,US,1 Main St,WA,United States,Seattle 2,Seattle,98101,+1 206 555 0100,\r\n' +
			'José Núñez,jose.nunez@contoso.com,Hy3&cVb6*eD,Yes,José,Núñez,,Sales,ES,Calle Mayor 5,Madrid,Spain,,Madrid,28013,,+34 600 123 456\r\n',
	),
	// CRLF file; row 1 holds a bare LF inside a quoted field, row 2 two CRLFs inside one.
	'quoted-multiline.csv': utf8(
		'Username,Display Name,Street,Note\r\n' +
			'jmueller,"Müller, Jürgen","Hauptstraße 1\nHinterhaus","said ""hallo"", twice"\r\n' +
			'zoe,Zoë,"12 Rue de Rivoli\r\nBâtiment B\r\n3e étage",plain\r\n' +
			'jnunez,"Núñez, José",Calle Mayor 5,"a,b"\r\n' +
			'amaier,Anna,"",""""\r\n',
	),
	'empty-rows.csv': utf8(
		'Username,First Name,Last Name,Email\n' +
			'jmueller,Jürgen,Müller,juergen.mueller@example.com\n' +
			',,,,\n' +
			'  ,  , \n' +
			'\n' +
			'zoe,Zoë,Saldaña,zoe.saldana@example.com\n' +
			',,,\n' +
			'jnunez,José,Núñez,jose.nunez@example.com\n',
	),
	// Empty name at 1, "Email"/"EMAIL" at 2/3, NBSP + trailing spaces at 4.
	'bad-headers.csv': utf8(
		'Username,,Email,EMAIL,\u00a0Title  ,Department\n' +
			'jmueller,x1,juergen.mueller@example.com,j.mueller@example.org,Engineer,R&D\n' +
			'zoe,x2,zoe.saldana@example.com,zoe@example.org,Designer,Design\n' +
			'jnunez,x3,jose.nunez@example.com,jn@example.org,Seller,Sales\n',
	),
	// Cells changed by cleaning: row 2: 3, row 3: 2, row 4: 1, row 5: 0 → 6; row 6 is all invisible → dropped.
	'invisible-chars.csv': utf8(
		'Username,First Name,Last Name,Email,Title\n' +
			' jmueller ,Jürgen,Müller,juergen.mueller@example.com\u200b,Senior\u00a0Engineer\n' +
			'zoe,Zoë,\u00a0Saldaña\u00a0,\ufeffzoe.saldana@example.com,Designer\n' +
			'jnunez,José,Núñez,jose.nunez@example.com,\u200b\n' +
			'amaier,Anna,Maier,anna.maier@example.com,Sales\n' +
			'\u200b,\u00a0,  ,\ufeff,\n',
	),
	'empty.csv': Buffer.alloc(0),
	'whitespace-only.csv': utf8('\r\n  \r\n'),
	'no-header.csv': utf8(
		'jmueller,Jürgen,Müller,juergen.mueller@example.com\n' +
			'zoe,Zoë,Saldaña,zoe.saldana@example.com\n' +
			'jnunez,José,Núñez,jose.nunez@example.com\n',
	),
	'fake.xlsx': Buffer.concat([
		Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]),
		utf8('[Content_Types].xml'),
		Buffer.from([0x00, 0x00, 0xff, 0x13, 0x37]),
	]),
	'fake.xls': Buffer.concat([
		Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0, 0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff]),
		utf8('Workbook'),
	]),
	'binary.bin': (() => {
		// Deterministic "random" bytes (LCG) with NULs at even and odd offsets, so neither BOM nor UTF-16.
		const bytes = Buffer.alloc(256);
		let seed = 20260101;
		for (let at = 0; at < bytes.length; at++) {
			seed = (seed * 1103515245 + 12345) >>> 0;
			bytes[at] = (seed >>> 16) & 0xff;
		}
		bytes[0] = 0x89;
		bytes[1] = 0x42;
		for (const at of [6, 9, 40, 77, 130, 131]) bytes[at] = 0;
		return bytes;
	})(),
	'header-only.csv': utf8('Username,First Name,Last Name,Email\r\n'),
	'ragged.csv': utf8(
		'Username,First Name,Last Name,Email\n' +
			'jmueller,Jürgen,Müller\n' +
			'zoe,Zoë,Saldaña,zoe.saldana@example.com,extra,more\n' +
			'jnunez,José,Núñez,jose.nunez@example.com\n' +
			',,,,stray\n',
	),
};

for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(folder, name), bytes);
console.log(`wrote ${Object.keys(files).length} fixtures to ${folder}`);
