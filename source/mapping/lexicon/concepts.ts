/**
 * The concepts a header's words stand for, whatever the language. A header becomes a bag of
 * concepts (`Privé mobiel nummer` → private, mobile, number) and targets are composed from the bag
 * (compose-target.ts): a qualifier and a head make `home_number`, `work_city` …
 */
export const concepts = [
	// Parts of a name.
	'given', // first / given name: Vorname, prénom, voornaam, imię, 名
	'family', // last name / surname: Nachname, achternaam, cognome, sobrenome, nazwisko, 姓
	'middle', // middle name
	'full', // full / complete / display: "full name", "display name", 氏名 (with name)
	'preferred', // preferred / nickname / known as
	'name', // the word "name" itself: name, Name, nom, nombre, naam, nome, nazwa, 名前
	'legal', // legal (legal first name)

	// Qualifiers: whose or which kind.
	'work', // work / business / office / company / corporate / dienstlich / professionnel / zakelijk / aziendale / comercial / służbowy / 会社 / 勤務先
	'home', // home / private / personal / privat / domicile / privé / casa / residencial / prywatny / 自宅 / 個人
	'mobile', // mobile / cell / Handy / portable / móvil / celular / mobiel / cellulare / komórkowy / 携帯
	'fax', // fax / facsimile / telefax
	'alternate', // secondary / alternate / other / second / additional
	'recovery', // recovery / backup (of an email)
	'primary', // primary / main / principal / główny

	// Heads: what the value is.
	'phone', // phone / telephone / tel / Telefon / téléphone / teléfono / telefoon / telefono / telefone / telefon / 電話
	'email', // email / e-mail / mail / courriel / correo / posta elettronica / 메일 / メール
	'address', // address / Adresse / adres / indirizzo / endereço / dirección / 住所
	'street', // street / Straße / rue / calle / straat / via / rua / ulica / 番地
	'city', // city / town / Ort / Stadt / ville / ciudad / plaats / città / cidade / miasto / 市区町村
	'region', // state (of an address) / province / region / Bundesland / provincie / estado (address) / województwo / 都道府県
	'postal', // postal code / zip / PLZ / postcode / CAP / CEP / kod pocztowy / 郵便番号
	'country', // country / Land / pays / país / land / paese / kraj / 国
	'pobox', // PO box / Postfach / boîte postale / postbus / casella postale / caixa postal / skrytka

	// Roles and organisation.
	'manager', // manager / supervisor / reports to / Vorgesetzter / responsable / leidinggevende / responsabile / gestor / kierownik / 上司
	'title', // job title / position / Stellenbezeichnung / poste / functie / mansione / cargo / stanowisko / 役職
	'job', // the word job / role (job title, job code)
	'department', // department / Abteilung / service / afdeling / reparto / departamento / dział / 部署
	'company', // company / organisation / employer / Firma / société / bedrijf / azienda / empresa / firma / 会社名
	'costcenter', // cost center / Kostenstelle / centre de coûts / kostenplaats / centro di costo / centro de custo / centrum kosztów
	'location', // location / office site / Standort / site / locatie / sede / lokalizacja / 勤務地
	'employeetype', // employment / worker type / contract type / Beschäftigungsart / type de contrat / dienstverband
	'description', // description / notes / comments / Bemerkung / opmerking / note / descrição / opis / 備考

	// Who the record is about (neutral on their own).
	'employee', // employee / staff / worker / personnel / Mitarbeiter / salarié / medewerker / dipendente / funcionário / pracownik / 社員 / 従業員
	'user', // user / Benutzer / utilisateur / usuario / gebruiker / utente / usuário / użytkownik / ユーザー

	// Identifiers.
	'number', // number / no / nr / num / # / Nummer / numéro / número / nummer / numero / numer / 番号
	'id', // id / identifier / ident / Kennung / identifiant / identificador / ID
	'code', // code / CD / Code / codice / código / kod / コード
	'username', // username / login / logon / account / Benutzername / identifiant de connexion / gebruikersnaam / accesso / login / ログインID
	'password', // password / Passwort / Kennwort / mot de passe / contraseña / wachtwoord / senha / hasło / パスワード

	// Account and relations.
	'status', // status / Status / statut / estado (of a person) / stato / situação: never an address region
	'state', // the English word state: an address region or the account state, the values decide
	'group', // group / Gruppe / groupe / grupo / groep / gruppo / grupa / グループ
	'device', // device / computer / laptop / hostname / Gerät / ordinateur / apparaat / dispositivo / urządzenie / 端末
	'admin', // administrator / admin

	// Neither a target nor nothing: they keep a header from meaning what its other words say.
	'type', // type / kind / Art / Typ / tipo / soort / rodzaj / 区分 (employee + type → employee type)
	'date', // date / Datum / fecha / data / datum / 日 / 日付: hire date, birth date are none of our columns
	// Data JumpCloud keeps no attribute for, so a header with it maps to nothing and its values may not
	// claim it: gender, national ID / tax numbers (SSN, BSN, PESEL, CPF, codice fiscale, マイナンバー),
	// nationality, marital status, birth place, academic title, initials, and the phonetic reading of a
	// name (フリガナ, カナ: `姓カナ` is not a second last name).
	'unrelated',

	// Words that carry no concept and are dropped: of, the, de, van, di, do, da, der, und …
	'stop',
] as const;

export type Concept = (typeof concepts)[number];

/**
 * One language's words. A key is a word or a phrase as headers spell it, lower case with the
 * accents kept (they are folded when the lexicon is loaded); its value is the concept or the
 * concepts it stands for (`achternaam` → family + name). Phrases win over their words
 * (`zip code` → postal, not zip + code).
 */
export type Lexicon = Readonly<Record<string, Concept | readonly Concept[]>>;
