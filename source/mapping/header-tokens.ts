/**
 * A header as the words it is made of: `EMP_FRST_NME_TXT`, `workPhone (mobile)`, `Privé-adres`,
 * `従業員 姓` all become lower-case, accent-free tokens, abbreviations spelled out and database
 * type suffixes dropped. Runs of CJK script stay one token: the lexicon finds terms inside them.
 */

/** Bracketed notes that say how to fill the column, not what it holds. */
export const fillingNotes = /^(?:required|optional|mandatory|obligatoire|obligatorio|obrigatorio|obbligatorio|verplicht|pflicht|pflichtfeld|wymagane|yes\s*\/\s*no|y\s*\/\s*n|true\s*\/\s*false|upload only|[ymd/.\- ]{6,}|\*)$/i;

/**
 * Shortened words as database columns and terse exports write them (`FRST_NME`, `EMPL_NBR`,
 * `MGR_EML`). Each stands alone as a token; longer words are left to the lexicon.
 */
const abbreviations: Readonly<Record<string, string>> = {
	nme: 'name', nm: 'name', frst: 'first', fst: 'first', lst: 'last', mid: 'middle', mdl: 'middle',
	nbr: 'number', nmr: 'number', num: 'number', nr: 'number', no: 'number', nro: 'number',
	eml: 'email', emal: 'email', addr: 'address', adr: 'address', adrs: 'address',
	tel: 'phone', tele: 'phone', phn: 'phone', ph: 'phone', mob: 'mobile', mbl: 'mobile', cel: 'mobile',
	mgr: 'manager', mngr: 'manager', sup: 'supervisor', supv: 'supervisor', supvr: 'supervisor',
	dept: 'department', dpt: 'department', div: 'division', org: 'organization',
	emp: 'employee', empl: 'employee', ee: 'employee', wrkr: 'worker', usr: 'user', acct: 'account',
	ttl: 'title', pos: 'position', posn: 'position', loc: 'location', cty: 'city', cntry: 'country', ctry: 'country',
	pstl: 'postal', zip: 'zip', prov: 'province', st: 'st', pwd: 'password', pw: 'password',
	cc: 'cc', ctr: 'center', cntr: 'center', grp: 'group', typ: 'type', cd: 'code', id: 'id',
	hm: 'home', wrk: 'work', bus: 'business', biz: 'business', pers: 'personal', prv: 'private',
	desc: 'description', dscr: 'description', sts: 'status', stat: 'status', stts: 'status',
	dt: 'date', dte: 'date', ind: 'flag', flg: 'flag',
};

/** Trailing words that say how a value is stored, not what it is: `_TXT`, `_STR`, `_VAL`. */
const typeSuffixes = new Set(['txt', 'text', 'str', 'string', 'val', 'value', 'fld', 'field', 'col', 'attr', 'varchar', 'char']);

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]/u;

export function foldText(text: string): string {
	return text.replace(/ß/g, 'ss').replace(/ł/g, 'l').replace(/Ł/g, 'L').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The header's words in order, with what brackets and parentheses hold (`Phone (mobile)` → phone, mobile). */
export function headerTokens(header: string): string[] {
	const kept = header.replace(/\[([^\]]*)\]|\(([^)]*)\)/g, (whole, square: string | undefined, round: string | undefined) => {
		const inside = (square ?? round ?? '').trim();
		return fillingNotes.test(inside) ? ' ' : ` ${inside} `;
	});
	const words = kept
		// fullwidth forms (Ｅメール) to ASCII, then camelCase and digits apart: workPhone2 → work Phone 2.
		.normalize('NFKC')
		.replace(/([a-z\d])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.replace(/(\p{L})(\d)/gu, '$1 $2')
		.replace(/#/g, ' number ');
	const tokens: string[] = [];
	for (const raw of foldText(words).split(/[^\p{L}\p{N}]+/u)) {
		if (raw === '') continue;
		// A run that mixes CJK with Latin letters splits where the script changes.
		for (const part of raw.split(/(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー])(?=[a-z\d])|(?<=[a-z\d])(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー])/u)) {
			tokens.push(cjk.test(part) ? part : (abbreviations[part] ?? part));
		}
	}
	while (tokens.length > 1 && typeSuffixes.has(tokens.at(-1)!)) tokens.pop();
	if (tokens.length > 1 && /^(?:required|optional)$/.test(tokens.at(-1)!)) tokens.pop();
	return tokens;
}

export const isCjk = (token: string) => cjk.test(token);

/** `emp` → employee, `nme` → name; any other word as it is. */
export const spelledOut = (word: string) => abbreviations[word] ?? word;
