/**
 * How the wizard draws: colours through semantic names, and glyphs that fall back to ASCII when the
 * terminal's locale is not UTF-8 (or with --ascii). Status is never colour alone: every status
 * carries a glyph and a word, so NO_COLOR and monochrome terminals lose nothing.
 */
export type Theme = {
	ascii: boolean;
	color: boolean;
	colors: {
		accent: string | undefined;
		muted: string | undefined;
		ok: string | undefined;
		warning: string | undefined;
		error: string | undefined;
		sandbox: string | undefined;
	};
	glyphs: {
		pointer: string;
		ok: string;
		warning: string;
		error: string;
		skipped: string;
		pending: string;
		ellipsis: string;
		barFull: string;
		barEmpty: string;
		rule: string;
		checked: string;
		unchecked: string;
	};
	/** Ink's Box border style. */
	border: 'round' | 'classic';
};

const unicodeGlyphs: Theme['glyphs'] = {
	pointer: '❯',
	ok: '✔',
	warning: '⚠',
	error: '✖',
	skipped: '↷',
	pending: '·',
	ellipsis: '…',
	barFull: '█',
	barEmpty: '░',
	rule: '─',
	checked: '◉',
	unchecked: '○',
};

const asciiGlyphs: Theme['glyphs'] = {
	pointer: '>',
	ok: '+',
	warning: '!',
	error: 'x',
	skipped: '-',
	pending: '.',
	ellipsis: '~',
	barFull: '#',
	barEmpty: '.',
	rule: '-',
	checked: '[x]',
	unchecked: '[ ]',
};

export function createTheme({ascii, color}: {ascii: boolean; color: boolean}): Theme {
	const c = (name: string) => (color ? name : undefined);
	return {
		ascii,
		color,
		colors: {accent: c('cyan'), muted: c('gray'), ok: c('green'), warning: c('yellow'), error: c('red'), sandbox: c('magenta')},
		glyphs: ascii ? asciiGlyphs : unicodeGlyphs,
		border: ascii ? 'classic' : 'round',
	};
}

/** ASCII when asked, or when the locale does not say UTF-8 (box and check glyphs would be mojibake). */
export function wantsAscii(env: NodeJS.ProcessEnv, flag: boolean): boolean {
	if (flag) return true;
	const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
	return !/utf-?8/i.test(locale);
}

/**
 * NO_COLOR (any non-empty value) turns colour off; chalk itself ignores it. And chalk draws no
 * colour when CI is set at all (even CI=false, which the wizard accepts) unless FORCE_COLOR says
 * otherwise: the theme must know, or the sandbox badge and the selection would lose their marks.
 */
export function wantsColor(env: NodeJS.ProcessEnv): boolean {
	if (env.NO_COLOR || env.FORCE_COLOR === '0') return false;
	return env.CI === undefined || (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '');
}

/** Typographic characters the screens use, each with a one-column ASCII stand-in (widths must not change). */
const asciiStandIns: Record<string, string> = {'‹': '<', '›': '>', '“': '"', '”': '"', '‘': "'", '’': "'", '—': '-', '–': '-', '…': '~', '·': '|', '→': '>', '←': '<', '↑': '^', '↓': 'v', '❯': '>', '─': '-', '×': 'x'};
const typographic = new RegExp(`[${Object.keys(asciiStandIns).join('')}]`, 'g');

/** In ASCII mode, every frame is folded once on its way out, so no screen has to remember to. */
export function asciiFold(text: string): string {
	return text.replace(typographic, (char) => asciiStandIns[char]!);
}
