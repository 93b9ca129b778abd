import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {matchColumns} from '../../source/mapping/match-columns.js';

/**
 * One file's columns as HR exports in each supported language name them. A mapping must not depend
 * on the column order nor on the language each header happens to be written in.
 */
const names: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	firstname: {en: 'First name', de: 'Vorname', fr: 'Prénom', es: 'Nombre', nl: 'Voornaam', it: 'Nome', pt: 'Primeiro nome', pl: 'Imię', ja: '名'},
	lastname: {en: 'Last name', de: 'Nachname', fr: 'Nom de famille', es: 'Apellidos', nl: 'Achternaam', it: 'Cognome', pt: 'Sobrenome', pl: 'Nazwisko', ja: '姓'},
	email: {en: 'Work email', de: 'E-Mail geschäftlich', fr: 'E-mail professionnel', es: 'Correo corporativo', nl: 'E-mail werk', it: 'Email aziendale', pt: 'E-mail corporativo', pl: 'E-mail służbowy', ja: 'メールアドレス'},
	mobile_number: {en: 'Mobile phone', de: 'Handynummer', fr: 'Téléphone portable', es: 'Teléfono móvil', nl: 'Mobiel nummer', it: 'Cellulare', pt: 'Celular', pl: 'Telefon komórkowy', ja: '携帯電話番号'},
	work_city: {en: 'City', de: 'Stadt', fr: 'Ville', es: 'Ciudad', nl: 'Plaats', it: 'Città', pt: 'Cidade', pl: 'Miasto', ja: '市区町村'},
	work_postalCode: {en: 'Postal code', de: 'Postleitzahl', fr: 'Code postal', es: 'Código postal', nl: 'Postcode', it: 'CAP', pt: 'CEP', pl: 'Kod pocztowy', ja: '郵便番号'},
	jobTitle: {en: 'Job title', de: 'Stellenbezeichnung', fr: 'Intitulé du poste', es: 'Puesto', nl: 'Functie', it: 'Mansione', pt: 'Cargo', pl: 'Stanowisko', ja: '役職'},
	department: {en: 'Department', de: 'Abteilung', fr: 'Département', es: 'Departamento', nl: 'Afdeling', it: 'Reparto', pt: 'Departamento', pl: 'Dział', ja: '部署'},
	manager: {en: 'Manager', de: 'Vorgesetzter', fr: 'Responsable hiérarchique', es: 'Jefe directo', nl: 'Leidinggevende', it: 'Responsabile', pt: 'Gestor', pl: 'Przełożony', ja: '上司'},
	employeeIdentifier: {en: 'Employee number', de: 'Personalnummer', fr: 'Matricule', es: 'Número de empleado', nl: 'Personeelsnummer', it: 'Matricola', pt: 'Matrícula', pl: 'Numer pracownika', ja: '社員番号'},
};
const targets = Object.keys(names);
const languages = Object.keys(names.firstname!);

describe('a mapping is a property of the columns, not of their order or language', () => {
	it('shuffled, each header in any supported language: every column keeps its target', () => {
		fc.assert(
			fc.property(fc.shuffledSubarray(targets, {minLength: targets.length}), fc.array(fc.constantFrom(...languages), {minLength: targets.length, maxLength: targets.length}), (order, picks) => {
				const columns = order.map((target, index) => ({index, header: names[target]![picks[index]!]!, samples: []}));
				const found = matchColumns(columns).map(({target}) => target);
				expect(found).toEqual(order);
			}),
			{numRuns: 300},
		);
	});
});
