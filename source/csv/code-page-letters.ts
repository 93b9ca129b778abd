/*
 * The non-ASCII letters each language writes its words with, as data for the code-page guess
 * (code-page.ts): a reading whose words all belong to one or two of these languages is text; the
 * wrong code page scatters letters of unrelated languages over the same word (`Pøíjmení`).
 */
const alphabets: Record<string, string> = {
	de: 'äöüßé',
	fr: 'àâæçéèêëîïôœùûüÿ',
	es: 'áéíñóúü',
	pt: 'áâãàçéêíóôõú',
	it: 'àèéìíòóù',
	nl: 'áéëïóöüè',
	sv: 'åäöé',
	da: 'æøåé',
	no: 'æøåéôò',
	is: 'áðéíóúýþæö',
	ca: 'àçèéíïòóú',
	pl: 'ąćęłńóśźż',
	cs: 'áčďéěíňóřšťúůýž',
	sk: 'áäčďéíĺľňóôŕšťúýž',
	hu: 'áéíóöőúüű',
	hr: 'čćđšž',
	ro: 'ăâîșşțţ',
	ja: '日',
};

const bits = new Map<string, number>();
Object.values(alphabets).forEach((letters, index) => {
	for (const char of letters) bits.set(char, (bits.get(char) ?? 0) | (1 << index));
});

/** The languages (a bit each) whose alphabet has this small letter; 0 for a letter none of them writes. */
export function letterLanguages(char: string): number {
	return bits.get(char) ?? 0;
}

const languageCount = Object.keys(alphabets).length;

/** The one language, and the pair of languages, that spell the most of the words (given as language masks). */
export function bestLanguages(masks: readonly number[]): {language: number; languages: number} {
	const spelled = (languages: number) => masks.reduce((count, mask) => count + Number((mask & languages) !== 0), 0);
	let language = 0;
	let languages = 0;
	let bestOne = -1;
	let bestTwo = -1;
	for (let first = 0; first < languageCount; first++) {
		const one = spelled(1 << first);
		if (one > bestOne) [bestOne, language] = [one, 1 << first];
		for (let second = first + 1; second < languageCount; second++) {
			const two = spelled((1 << first) | (1 << second));
			if (two > bestTwo) [bestTwo, languages] = [two, (1 << first) | (1 << second)];
		}
	}
	return {language, languages};
}
