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
	// Three dots: a single ASCII stand-in ('~', '>') reads as part of the value it cuts.
	ellipsis: '...',
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
 * Colour, unless NO_COLOR (any non-empty value) or FORCE_COLOR=0 say no, or the terminal has none
 * (TERM names a DEC VT, or ends in -m/-mono, terminfo's mark of a monochrome variant: colours
 * would be sent and not seen, a progress bar of coloured spaces would be blank). CI=false or
 * CI=0 means "not CI" (the wizard only runs then): `settleEnvironment` unsets it before chalk
 * reads it, and here it counts as unset. Any other CI: chalk draws no colour unless forced.
 */
export function wantsColor(env: NodeJS.ProcessEnv): boolean {
	if (env.NO_COLOR || env.FORCE_COLOR === '0') return false;
	if (isMonochrome(env.TERM)) return false;
	const ci = env.CI ?? env.CONTINUOUS_INTEGRATION;
	return ci === undefined || notCi(ci) || (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '');
}

/** DEC terminals (vt52, vt100, vt220…) and terminfo's monochrome variants (`xterm-mono`, `linux-m`). */
export function isMonochrome(term: string | undefined): boolean {
	return term !== undefined && (/^vt\d/i.test(term) || /-(m|mono)$/i.test(term));
}

/** How CI is unset by hand: Ink's is-in-ci agrees, chalk's supports-color does not. */
function notCi(value: string): boolean {
	return value === '0' || value === 'false';
}

/**
 * Settles the environment for Ink and chalk, which read it once, when they load: CI=false and CI=0
 * are removed (chalk would turn colour off for any CI), and on a monochrome terminal nothing asks
 * for colour. Run before either is imported.
 */
export function settleEnvironment(env: NodeJS.ProcessEnv): void {
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) if (env[name] !== undefined && notCi(env[name])) delete env[name];
	if (isMonochrome(env.TERM) && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '0';
}

/**
 * Typographic characters the screens use, each with a one-column ASCII stand-in (widths must not
 * change). A '…' left here is a sentence's ('Connecting…'): cuts use the theme's '...'.
 */
const asciiStandIns: Record<string, string> = {'‹': '<', '›': '>', '“': '"', '”': '"', '‘': "'", '’': "'", '—': '-', '–': '-', '…': '.', '·': '|', '→': '>', '←': '<', '↑': '^', '↓': 'v', '❯': '>', '─': '-', '×': 'x'};
const typographic = new RegExp(`[${Object.keys(asciiStandIns).join('')}]`, 'g');

/** In ASCII mode, every frame is folded once on its way out, so no screen has to remember to. */
export function asciiFold(text: string): string {
	return text.replace(typographic, (char) => asciiStandIns[char]!);
}
