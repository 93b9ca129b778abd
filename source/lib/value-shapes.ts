/** Recognisers for what a cell holds. Shared by column matching (which sniffs samples) and row checks. */

const emailPattern = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]{2,}$/;
export const isEmail = (value: string) => emailPattern.test(value);

/** Digits with the usual phone punctuation and an optional leading +, 6 to 20 digits in all. */
export function isPhone(value: string): boolean {
	// Most numbers are only digits, ASCII spaces and ( ) . - / after an optional +: the pattern
	// matches those for sure, and one pass counts the digits too. Anything else asks the pattern.
	let digits = 0;
	let plain = value.length > (value.charCodeAt(0) === 43 ? 1 : 0);
	for (let at = value.charCodeAt(0) === 43 ? 1 : 0; at < value.length; at++) {
		const code = value.charCodeAt(at);
		if (code >= 48 && code <= 57) digits++;
		else if (!phonePunctuation.has(code)) {
			plain = false;
			break;
		}
	}
	if (!plain) {
		if (!phonePattern.test(value)) return false;
		digits = 0;
		for (let at = 0; at < value.length; at++) {
			const code = value.charCodeAt(at);
			if (code >= 48 && code <= 57) digits++;
		}
	}
	return digits >= 6 && digits <= 20;
}
const phonePattern = /^\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?)\s*\d+)?$/i;
/** Tab, LF, VT, FF, CR, space, ( ) - . /: every ASCII character besides the digits that phonePattern's first class takes. */
const phonePunctuation = new Set([9, 10, 11, 12, 13, 32, 40, 41, 45, 46, 47]);

/** Excel turns long digit strings into `4.41E+11`; the lost digits cannot be recovered. */
export const isScientificNotation = (value: string) => value.length <= 24 && value.charCodeAt(0) <= 57 && /^\d(?:[.,]\d+)?E\+\d+$/i.test(value);

const trueWords = new Set(['true', 'yes', 'y', '1', '$true', 'on', 'ja', 'j', 'oui', 'si', 'sí', 'wahr', 'vrai', 'verdadero', 'x']);
const falseWords = new Set(['false', 'no', 'n', '0', '$false', 'off', 'nein', 'non', 'falsch', 'faux', 'falso', '-']);

/** true/false, yes/no, y/n, 1/0, PowerShell's $true/$false, and the German, French and Spanish words, any case. */
export function parseBoolean(value: string): boolean | undefined {
	const word = value.trim().toLowerCase();
	if (trueWords.has(word)) return true;
	if (falseWords.has(word)) return false;
	return undefined;
}

export const isInteger = (value: string) => /^[+]?\d+$/.test(value.trim());

/** `31/12/2024`, `12.31.24`, `2024-12-31`: the three numbers in written order, and whether the year is first. */
export function dateParts(value: string): {parts: [number, number, number]; yearFirst: boolean} | undefined {
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(value);
	if (iso) return {parts: [Number(iso[1]), Number(iso[2]), Number(iso[3])], yearFirst: true};
	const written = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:[ T,].*)?$/.exec(value);
	if (written) return {parts: [Number(written[1]), Number(written[2]), Number(written[3])], yearFirst: false};
	return undefined;
}

export const looksLikeDate = (value: string) => dateParts(value) !== undefined;

/** JumpCloud object ids are 24 hex characters. */
export const isObjectId = (value: string) => /^[a-f0-9]{24}$/i.test(value);

/**
 * A nested object written into a cell, which no single attribute can take: a JSON object or array
 * (JumpCloud's `Get-JCBackup` writes addresses and phone numbers so, over several lines), a
 * PowerShell hashtable as `Export-Csv` prints one (`@{type=work; streetAddress=…}`), or a .NET type
 * name left where a collection could not be printed (`System.Object[]`).
 */
export function isStructuredValue(value: string): boolean {
	const text = value.trim();
	const first = text.charAt(0);
	if (first === '@') return /^@\{[\s\S]*\}$/.test(text);
	if (first === '{' || first === '[') return isJsonContainer(text);
	return dotNetTypeName.test(text);
}
const dotNetTypeName = /^(?:System|Microsoft)(?:\.[A-Za-z_][\w`]*)+(?:\[\])?$/;

function isJsonContainer(text: string): boolean {
	const last = text.charAt(text.length - 1);
	if (last !== '}' && last !== ']') return false;
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null;
	} catch {
		return false;
	}
}

/**
 * The value under the apostrophe some exports put before a cell that starts with = + - @ | % so a
 * spreadsheet does not run it as a formula (OCI IAM writes `'+1 512 555 0180`); other cells as they are.
 */
export function withoutFormulaGuard(value: string): string {
	return value.length > 1 && value.charCodeAt(0) === 39 && formulaStarts.has(value.charAt(1)) ? value.slice(1) : value;
}
const formulaStarts = new Set(['=', '+', '-', '@', '|', '%']);
