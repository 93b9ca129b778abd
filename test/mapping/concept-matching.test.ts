import {describe, expect, it} from 'vitest';
import {matchColumns} from '../../source/mapping/match-columns.js';

/** header → target (or null) with no samples, one column per header, as one file. */
const targetsOf = (headers: readonly string[]) =>
	Object.fromEntries(matchColumns(headers.map((header, index) => ({index, header, samples: []}))).map(({header, target}) => [header, target]));

/** Columns given as [header, values]; returns header → target. */
const withValues = (columns: ReadonlyArray<readonly [string, readonly string[]]>) =>
	Object.fromEntries(matchColumns(columns.map(([header, samples], index) => ({index, header, samples}))).map(({header, target}) => [header, target]));

describe('headers read as words and concepts, in each supported language', () => {
	it.each([
		['Dutch', {Achternaam: 'lastname', Voornaam: 'firstname', 'E-mailadres': 'email', 'Telefoon werk': 'work_number', 'Mobiel privé': 'mobile_number', Straat: 'work_streetAddress', Postcode: 'work_postalCode', Functie: 'jobTitle', Afdeling: 'department', Leidinggevende: 'manager', Personeelsnummer: 'employeeIdentifier'}],
		['Italian', {Cognome: 'lastname', Nome: 'firstname', 'Indirizzo email': 'email', 'Telefono ufficio': 'work_number', 'Cellulare personale': 'mobile_number', Città: 'work_city', Provincia: 'work_state', CAP: 'work_postalCode', Mansione: 'jobTitle', Reparto: 'department', Responsabile: 'manager', Matricola: 'employeeIdentifier'}],
		['Portuguese (Brazil)', {Sobrenome: 'lastname', Nome: 'firstname', 'E-mail corporativo': 'email', 'Telefone comercial': 'work_number', Celular: 'mobile_number', Logradouro: 'work_streetAddress', Cidade: 'work_city', CEP: 'work_postalCode', Cargo: 'jobTitle', Departamento: 'department', Gestor: 'manager', Matrícula: 'employeeIdentifier'}],
		['Polish', {Nazwisko: 'lastname', Imię: 'firstname', 'Adres e-mail': 'email', 'Telefon służbowy': 'work_number', 'Telefon komórkowy prywatny': 'mobile_number', Ulica: 'work_streetAddress', Miejscowość: 'work_city', Województwo: 'work_state', 'Kod pocztowy': 'work_postalCode', Stanowisko: 'jobTitle', Dział: 'department', Przełożony: 'manager', 'Numer pracownika': 'employeeIdentifier'}],
		['Japanese', {姓: 'lastname', 名: 'firstname', メールアドレス: 'email', 携帯電話番号: 'mobile_number', 郵便番号: 'work_postalCode', 都道府県: 'work_state', 市区町村: 'work_city', 役職: 'jobTitle', 部署: 'department', 上司: 'manager', 社員番号: 'employeeIdentifier'}],
	] as const)('%s', (_language, expected) => {
		expect(targetsOf(Object.keys(expected))).toEqual(expected);
	});

	it('finds a Japanese term inside a longer header (a prefix before the word for surname)', () => {
		expect(targetsOf(['従業員姓', '従業員名', '会社メールアドレス'])).toEqual({従業員姓: 'lastname', 従業員名: 'firstname', 会社メールアドレス: 'email'});
	});

	it('composes qualifier and head in any order and script: home city, work mobile, private phone', () => {
		expect(targetsOf(['Ville du domicile', 'Work Cell', 'Privattelefon', 'Home ZIP'])).toEqual({
			'Ville du domicile': 'home_city',
			'Work Cell': 'work_mobile_number',
			Privattelefon: 'home_number',
			'Home ZIP': 'home_postalCode',
		});
		expect(targetsOf(['Telefono cellulare aziendale', 'Adres prywatny'])).toEqual({'Telefono cellulare aziendale': 'work_mobile_number', 'Adres prywatny': 'home_streetAddress'});
	});

	it('keeps a qualifier given in parentheses: Phone (mobile) is the mobile', () => {
		expect(targetsOf(['Phone (mobile)', 'Phone (home)', 'E-mail (privé)'])).toEqual({'Phone (mobile)': 'mobile_number', 'Phone (home)': 'home_number', 'E-mail (privé)': 'alternateEmail'});
	});
});

describe('database-style names', () => {
	it('expands abbreviations and drops type suffixes', () => {
		expect(
			targetsOf(['EMP_FRST_NME', 'EMP_LAST_NME', 'EMP_NMR_TXT', 'EMP_TYP_DESC', 'DEPT_CD', 'JOB_TTL_TXT', 'EMAIL_ADDR_TXT', 'MGR_EMAIL_ADDR', 'WRK_PHN_NMR', 'HM_CTY_NME', 'HIRE_DT']),
		).toEqual({
			EMP_FRST_NME: 'firstname',
			EMP_LAST_NME: 'lastname',
			EMP_NMR_TXT: 'employeeIdentifier',
			EMP_TYP_DESC: 'employeeType',
			DEPT_CD: 'department',
			JOB_TTL_TXT: 'jobTitle',
			EMAIL_ADDR_TXT: 'email',
			MGR_EMAIL_ADDR: 'manager',
			WRK_PHN_NMR: 'work_number',
			HM_CTY_NME: 'home_city',
			HIRE_DT: null,
		});
	});
});

describe('directory attribute names', () => {
	it('maps the LDAP and AD names to their attributes and leaves the bookkeeping unmapped', () => {
		expect(targetsOf(['DN', 'sAMAccountName', 'givenName', 'sn', 'l', 'st', 'co', 'facsimileTelephoneNumber', 'physicalDeliveryOfficeName', 'objectGUID', 'whenCreated'])).toEqual({
			DN: null,
			sAMAccountName: 'username',
			givenName: 'firstname',
			sn: 'lastname',
			l: 'work_city',
			st: 'work_state',
			co: 'work_country',
			facsimileTelephoneNumber: 'work_fax_number',
			physicalDeliveryOfficeName: 'location',
			objectGUID: null,
			whenCreated: null,
		});
	});
});

describe('values as evidence', () => {
	const people = ['ada@example.com', 'bob@example.com', 'cy@example.com', 'dee@example.com', 'eve@example.com'];
	it('a Status of Active and Onboarding is no region and no account state', () => {
		expect(withValues([['Status', ['Active', 'Onboarding', 'Active', 'Active']], ['Email', people.slice(0, 4)]]).Status).toBeNull();
	});

	it('a Status of account states is the account state', () => {
		expect(withValues([['Status', ['ACTIVATED', 'STAGED', 'ACTIVATED']]]).Status).toBe('state');
	});

	it('JSON cells are neither addresses nor phone numbers', () => {
		const json = ['[{"type":"work","streetAddress":"1 Main St"}]', '[{"type":"home","locality":"Bonn"}]', '[]'];
		expect(withValues([['addresses', json], ['phoneNumbers', ['[{"type":"work","number":"+1 555 0100"}]', '[]', '[]']], ['Address', ['@{type=work; streetAddress=1 Main St}', '@{type=home}', '@{}']]])).toEqual({
			addresses: null,
			phoneNumbers: null,
			Address: null,
		});
	});

	it('a generic Name of full names is the display name; a generic ID of unique codes is the employee ID', () => {
		expect(withValues([['Name', ['Marie Curie', 'Ada Lovelace', 'Alan Turing']], ['ID', ['E-1001', 'E-1002', 'E-1003']], ['Email', people.slice(0, 3)]])).toEqual({
			Name: 'displayname',
			ID: 'employeeIdentifier',
			Email: 'email',
		});
	});

	it('an ID of GUIDs or repeated values is not the employee ID', () => {
		expect(withValues([['ID', ['7f0e2c1a-9b1d-4c1e-8f3a-1b2c3d4e5f60', '0a0e2c1a-9b1d-4c1e-8f3a-1b2c3d4e5f61', '1b0e2c1a-9b1d-4c1e-8f3a-1b2c3d4e5f62']]]).ID).toBeNull();
		expect(withValues([['ID', ['A', 'A', 'B']]]).ID).toBeNull();
	});

	it('a column of other rows emails is the manager, not an alternate email', () => {
		const managers = ['', 'ada@example.com', 'ada@example.com', 'bob@example.com', 'bob@example.com'];
		expect(withValues([['Email', people], ['Secondary email', managers]])['Secondary email']).toBe('manager');
	});

	it('a column of the row own names is not the manager', () => {
		const columns = [
			['First name', ['Marie', 'Ada', 'Alan', 'Grace']],
			['Last name', ['Curie', 'Lovelace', 'Turing', 'Hopper']],
			['Responsable', ['Marie Curie', 'Ada Lovelace', 'Alan Turing', 'Grace Hopper']],
		] as const;
		expect(withValues(columns).Responsable).not.toBe('manager');
	});

	it('a device needs device names: a word that only looks like a device header is not one', () => {
		expect(withValues([['Equipe', ['Vendas', 'Financeiro', 'Vendas']]]).Equipe).not.toBe('system');
	});

	it('explains itself', () => {
		const [status] = matchColumns([{index: 0, header: 'Telefoon werk', samples: ['+31 20 555 0100']}]);
		expect(status!.evidence.join('\n')).toMatch(/telefoon/i);
		const [vetoed] = matchColumns([{index: 0, header: 'Region', samples: ['Active', 'Onboarding', 'Active']}]);
		expect(vetoed!.target).toBeNull();
		expect(vetoed!.evidence.join('\n')).toMatch(/Active, Onboarding|stands/);
	});
});

describe('words that make a header none of ours', () => {
	it('leaves dates, emergency contacts and unknown words unmapped', () => {
		expect(targetsOf(['Hire Date', 'Geburtsdatum', 'Emergency Contact Phone', 'Date of birth', 'Shirt size'])).toEqual({
			'Hire Date': null,
			Geburtsdatum: null,
			'Emergency Contact Phone': null,
			'Date of birth': null,
			'Shirt size': null,
		});
	});
});

describe('names as exports give them', () => {
	it('a first-name header over whole names with no last-name column is the full name', () => {
		expect(withValues([['Nome', ['Maria Clara Souza', 'João Pedro Lima', 'Ana Beatriz Costa']], ['E-mail', ['m@example.com', 'j@example.com', 'a@example.com']]]).Nome).toBe('displayname');
		expect(withValues([['Nome', ['Maria Clara', 'João Pedro', 'Ana']], ['Sobrenome', ['Souza', 'Lima', 'Costa']]]).Nome).toBe('firstname');
	});

	it('reads Japanese kana terms with their sound marks', () => {
		expect(targetsOf(['パスワード', 'グループ', 'ログインID'])).toEqual({パスワード: 'password', グループ: 'group', ログインID: 'username'});
	});

	it('a second address line, the user alone and an account status', () => {
		expect(withValues([['Address line 1', []], ['Address line 2', []], ['Usuario', []], ['Account Status', ['Active', 'Inactive', 'Active']]])).toEqual({
			'Address line 1': 'work_streetAddress',
			'Address line 2': null,
			Usuario: 'username',
			'Account Status': null,
		});
	});
});

describe('a label row', () => {
	it('names a column whose system key says nothing', () => {
		const found = matchColumns([
			{index: 0, header: 'CUSTOM03', samples: [], label: 'Cost Center'},
			{index: 1, header: 'BIZ_PHONE', samples: [], label: 'Business Phone'},
			{index: 2, header: 'CUSTOM07', samples: [], label: 'Shirt Size'},
		]);
		expect(found.map(({target}) => target)).toEqual(['costCenter', 'work_number', null]);
		expect(found[0]!.evidence[0]).toContain('Cost Center');
	});
});
