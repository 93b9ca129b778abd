import {describe, expect, it} from 'vitest';
import {catalog, parseTarget} from '../../source/mapping/catalog.js';
import {ldapAttributes, ldapEverydayWords, ldapSecondary} from '../../source/mapping/ldap-attributes.js';
import {type Concept, concepts, type Lexicon} from '../../source/mapping/lexicon/concepts.js';
import {type LanguageCode, lexicons} from '../../source/mapping/lexicon/index.js';
import {normalizeHeader} from '../../source/mapping/normalize-header.js';
import {synonyms} from '../../source/mapping/synonyms.js';

const languages: LanguageCode[] = ['en', 'de', 'fr', 'es', 'nl', 'it', 'pt', 'pl', 'ja'];

/** A key as a header's words compare to it: case, accents, ß and ł folded, punctuation a space. */
function fold(key: string): string {
	return key
		.normalize('NFKC')
		.replace(/ß/g, 'ss')
		.replace(/ł/g, 'l')
		.replace(/Ł/g, 'L')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.split(/[^\p{L}\p{N}#]+/u)
		.filter((word) => word !== '')
		.join(' ');
}

const meaning = (value: Lexicon[string]): readonly Concept[] => (typeof value === 'string' ? [value] : value);

/** One language's words by their folded key. */
function folded(lexicon: Lexicon): Map<string, readonly Concept[]> {
	return new Map(Object.entries(lexicon).map(([key, value]) => [fold(key), meaning(value)]));
}

describe('the lexicons', () => {
	it('cover every language, each with breadth and its own filler words', () => {
		expect(Object.keys(lexicons).sort()).toEqual([...languages].sort());
		for (const language of languages) {
			const lexicon = lexicons[language];
			expect(Object.keys(lexicon).length, language).toBeGreaterThanOrEqual(60);
			expect(Object.values(lexicon).some((value) => meaning(value).includes('stop')), language).toBe(true);
		}
	});

	it('have clean keys and only known concepts as values', () => {
		const known = new Set<string>(concepts);
		const problems: string[] = [];
		for (const language of languages) {
			for (const [key, value] of Object.entries(lexicons[language])) {
				const where = `${language}: "${key}"`;
				if (key.trim() === '') problems.push(`${where} is empty`);
				if (key !== key.toLowerCase()) problems.push(`${where} is not lower case`);
				if (key !== key.trim() || /\s{2}|[\t\n]/.test(key)) problems.push(`${where} has stray spaces`);
				if (!/^[\p{L}\p{N}#]+(?: [\p{L}\p{N}#]+)*$/u.test(key)) problems.push(`${where} has punctuation (write the words the tokenizer yields)`);
				const list = meaning(value);
				if (list.length === 0) problems.push(`${where} means nothing`);
				if (new Set(list).size !== list.length) problems.push(`${where} repeats a concept`);
				for (const concept of list) if (!known.has(concept)) problems.push(`${where} → unknown concept ${concept}`);
				if (list.length > 1 && list.includes('stop')) problems.push(`${where} mixes stop with concepts`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('never give one folded spelling two meanings within a language', () => {
		const clashes: string[] = [];
		for (const language of languages) {
			const seen = new Map<string, {key: string; concepts: string}>();
			for (const [key, value] of Object.entries(lexicons[language])) {
				const folding = fold(key);
				const concepts = [...meaning(value)].sort().join('+');
				const earlier = seen.get(folding);
				if (earlier && earlier.concepts !== concepts) clashes.push(`${language}: "${key}" → ${concepts}, but "${earlier.key}" → ${earlier.concepts}`);
				seen.set(folding, {key, concepts});
			}
		}
		expect(clashes).toEqual([]);
	});

	// [language, header word or phrase, the concepts it must give (exactly)]
	const mustHave: Array<[LanguageCode, string, Concept[]]> = [
		['en', 'first name', ['given', 'name']],
		['en', 'surname', ['family', 'name']],
		['en', 'reports to', ['manager']],
		['en', 'zip code', ['postal']],
		['en', 'state', ['state']],
		['en', 'status', ['status']],
		['en', 'cell', ['mobile']],
		['en', 'secondary', ['alternate']],
		['en', 'cost center', ['costcenter']],
		['en', 'p o box', ['pobox']],
		['en', 'recovery phone', ['unrelated']],
		['en', 'password hash', ['unrelated']],
		['en', 'division', ['unrelated']],
		['en', 'mi', ['middle']],
		['de', 'nachname', ['family', 'name']],
		['de', 'vorname', ['given', 'name']],
		['de', 'plz', ['postal']],
		['de', 'privat', ['home']],
		['de', 'telefon', ['phone']],
		['de', 'handy', ['mobile']],
		['de', 'vorgesetzter', ['manager']],
		['de', 'kostenstelle', ['costcenter']],
		['de', 'personalnummer', ['employee', 'number']],
		['de', 'strasse', ['street']],
		['de', 'titel', ['unrelated']],
		['de', 'status', ['status']],
		['fr', 'nom', ['family', 'name']],
		['fr', 'prenom', ['given', 'name']],
		['fr', 'nom d utilisateur', ['username']],
		['fr', 'mot de passe', ['password']],
		['fr', 'code postal', ['postal']],
		['fr', 'portable', ['mobile']],
		['fr', 'matricule', ['employee', 'number']],
		['fr', 'statut', ['status']],
		['fr', 'identifiant', ['username']],
		['es', 'nombre', ['given', 'name']],
		['es', 'apellidos', ['family', 'name']],
		['es', 'nombre completo', ['full', 'name']],
		['es', 'correo electronico', ['email']],
		['es', 'movil', ['mobile']],
		['es', 'tfno', ['phone']],
		['es', 'codigo postal', ['postal']],
		['es', 'jefe', ['manager']],
		['es', 'puesto', ['title']],
		['es', 'estado', ['state']],
		['nl', 'achternaam', ['family', 'name']],
		['nl', 'voornaam', ['given', 'name']],
		['nl', 'tussenvoegsel', ['middle']],
		['nl', 'postcode', ['postal']],
		['nl', 'woonplaats', ['home', 'city']],
		['nl', 'plaats', ['city']],
		['nl', 'mobiel', ['mobile']],
		['nl', 'prive', ['home']],
		['nl', 'leidinggevende', ['manager']],
		['nl', 'functie', ['title']],
		['nl', 'afdeling', ['department']],
		['nl', 'personeelsnummer', ['employee', 'number']],
		['nl', 'kostenplaats', ['costcenter']],
		['it', 'cognome', ['family', 'name']],
		['it', 'nome', ['given', 'name']],
		['it', 'nome completo', ['full', 'name']],
		['it', 'cap', ['postal']],
		['it', 'cellulare', ['mobile']],
		['it', 'matricola', ['employee', 'number']],
		['it', 'responsabile', ['manager']],
		['it', 'mansione', ['title']],
		['it', 'reparto', ['department']],
		['it', 'codice fiscale', ['unrelated']],
		['it', 'stato', ['status']],
		['pt', 'nome', ['given', 'name']],
		['pt', 'sobrenome', ['family', 'name']],
		['pt', 'nome completo', ['full', 'name']],
		['pt', 'cep', ['postal']],
		['pt', 'celular', ['mobile']],
		['pt', 'telemovel', ['mobile']],
		['pt', 'matricula', ['employee', 'number']],
		['pt', 'cargo', ['title']],
		['pt', 'gestor', ['manager']],
		['pt', 'senha', ['password']],
		['pt', 'equipe', ['department']],
		['pt', 'cpf', ['unrelated']],
		['pl', 'nazwisko', ['family', 'name']],
		['pl', 'imie', ['given', 'name']],
		['pl', 'imie i nazwisko', ['full', 'name']],
		['pl', 'kod pocztowy', ['postal']],
		['pl', 'wojewodztwo', ['region']],
		['pl', 'miejscowosc', ['city']],
		['pl', 'kom', ['mobile']],
		['pl', 'sluzbowy', ['work']],
		['pl', 'przelozony', ['manager']],
		['pl', 'stanowisko', ['title']],
		['pl', 'dzial', ['department']],
		['pl', 'haslo', ['password']],
		['pl', 'mpk', ['costcenter']],
		['pl', 'komorka organizacyjna', ['department']],
		['pl', 'pesel', ['unrelated']],
		['ja', '姓', ['family']],
		['ja', '名', ['given']],
		['ja', '氏名', ['full', 'name']],
		['ja', '部署名', ['department', 'name']],
		['ja', '社員番号', ['employee', 'number']],
		['ja', '携帯電話番号', ['mobile', 'phone', 'number']],
		['ja', '郵便番号', ['postal']],
		['ja', '都道府県', ['region']],
		['ja', '市区町村', ['city']],
		['ja', '上司', ['manager']],
		['ja', '役職', ['title']],
		['ja', '会社電話', ['work', 'phone']],
		['ja', '自宅電話', ['home', 'phone']],
		['ja', '入社日', ['date']],
		['ja', 'フリガナ', ['unrelated']],
	];

	it.each(mustHave)('%s: "%s" means %j', (language, word, expected) => {
		const found = folded(lexicons[language]).get(fold(word));
		expect(found, `${language} lacks "${word}"`).toBeDefined();
		expect([...found!].sort()).toEqual([...expected].sort());
	});

	it('reach every word of the whole-header synonyms for the targets concepts compose', () => {
		// Options, UNIX ids and the Apple ID have no concepts: the synonym dictionary keeps them.
		const noConcept = new Set([...catalog.filter((entry) => entry.section === 'option').map((entry) => entry.key), 'unix_uid', 'unix_guid', 'managedAppleId']);
		const all = new Map<string, readonly Concept[]>();
		for (const language of languages) for (const [key, value] of folded(lexicons[language])) all.set(key, value);
		const longest = Math.max(...[...all.keys()].map((key) => key.split(' ').length));
		const missing: string[] = [];
		for (const [target, spellings] of Object.entries(synonyms)) {
			if (noConcept.has(target)) continue;
			for (const spelling of spellings) {
				const words = normalizeHeader(spelling).split(' ').filter((word) => word !== '' && !/^\d+$/.test(word));
				for (let at = 0; at < words.length; ) {
					let length = Math.min(longest, words.length - at);
					while (length > 0 && !all.has(words.slice(at, at + length).join(' '))) length--;
					if (length === 0) {
						missing.push(`${words[at]} (in "${spelling}" → ${target})`);
						at++;
					} else at += length;
				}
			}
		}
		expect(missing).toEqual([]);
	});
});

describe('the LDAP/AD attribute table', () => {
	it('is keyed lower case and names only catalog targets', () => {
		for (const [name, target] of ldapAttributes) {
			expect(name, name).toBe(name.toLowerCase());
			if (target !== null) expect(parseTarget(target)?.type, `${name} → ${target}`).toBe('catalog');
		}
		for (const word of ldapEverydayWords) expect(ldapAttributes.has(word), word).toBe(true);
		for (const name of ldapSecondary) expect(ldapAttributes.get(name), name).toBeTruthy();
	});

	it.each([
		['l', 'work_city'],
		['st', 'work_state'],
		['c', 'work_country'],
		['co', 'work_country'],
		['postalcode', 'work_postalCode'],
		['streetaddress', 'work_streetAddress'],
		['street', 'work_streetAddress'],
		['postofficebox', 'work_poBox'],
		['facsimiletelephonenumber', 'work_fax_number'],
		['physicaldeliveryofficename', 'location'],
		['telephonenumber', 'work_number'],
		['mobile', 'mobile_number'],
		['homephone', 'home_number'],
		['samaccountname', 'username'],
		['uid', 'username'],
		['userprincipalname', 'email'],
		['mail', 'email'],
		['givenname', 'firstname'],
		['sn', 'lastname'],
		['displayname', 'displayname'],
		['cn', 'displayname'],
		['title', 'jobTitle'],
		['manager', 'manager'],
		['employeeid', 'employeeIdentifier'],
		['employeenumber', 'employeeIdentifier'],
		['uidnumber', 'unix_uid'],
		['gidnumber', 'unix_guid'],
		['homepostaladdress', 'home_streetAddress'],
		['o', 'company'],
		['ou', 'department'],
		['info', 'description'],
		['othermailbox', 'alternateEmail'],
		['distinguishedname', null],
		['dn', null],
		['objectclass', null],
		['objectguid', null],
		['objectsid', null],
		['whencreated', null],
		['useraccountcontrol', null],
		['pwdlastset', null],
		['proxyaddresses', null],
		['memberof', null],
		['division', null],
		['accountenabled', null],
		['objectid', null],
		['initials', null],
		['userpassword', null],
	] as Array<[string, string | null]>)('%s → %s', (name, target) => {
		expect(ldapAttributes.has(name), name).toBe(true);
		expect(ldapAttributes.get(name)).toBe(target);
	});

	it('leaves out everyday words that mean something else outside a directory', () => {
		for (const word of ['name', 'state', 'enabled', 'city', 'country', 'status', 'countrycode']) expect(ldapAttributes.has(word), word).toBe(false);
	});
});
