import type {Target} from './catalog.js';

/**
 * Other names for each target, as real exports and templates spell them. Headers are compared after
 * normalisation (case, spaces, punctuation, camelCase, accents), so one spelling per word shape is enough.
 *
 * Sources, from each format's public documentation:
 * - JumpCloud: the PowerShell module's import template (`preferredName`, `SystemID`, `Administrator`,
 *   `EnrollmentDays`), the console's user export, and the `jc` CLI (API keys as headers).
 * - Google Workspace: the Admin console "Bulk update users" template (`Email Address [Required]`,
 *   `Employee Title`, `Manager Email`, `Work Secondary Email` …).
 * - Microsoft Entra ID: the bulk-create template (`Name [displayName] Required`, its hints in brackets)
 *   and the "Download users" export (`givenName`, `surname`, `mail`, `telephoneNumber` …).
 * - Okta: the "Import users from CSV" template, whose headers are the profile variables (`login`,
 *   `secondEmail`, `primaryPhone`, `zipCode`, `employeeNumber` …).
 * - HRIS exports: BambooHR, Workday, Personio, HiBob, Rippling, ADP (`Legal First Name`, `Work Email`,
 *   `Reports To`, `Worker Type` …).
 * - German, French and Spanish column names as Excel users type them.
 *
 * An address or phone column that does not say whose (`City`, `Telefon`) is taken as the work one:
 * every layout above that names only one address means the office. `Name` alone is left out on
 * purpose: it is a full name in English and a surname in German.
 */
export const synonyms: Readonly<Record<Target, readonly string[]>> = {
	username: [
		'user', 'login', 'login name', 'logon name', 'user id', 'account', 'account name',
		'sam account name', 'uid', 'user principal name', 'upn', 'handle',
		'Benutzername', 'Benutzer', 'Anmeldename', 'Benutzerkennung', 'Kennung',
		"Nom d'utilisateur", 'Identifiant', 'Utilisateur',
		'Nombre de usuario', 'Usuario',
	],
	email: [
		'mail', 'email address', 'mail address', 'primary email', 'work email',
		'business email', 'primary work email', 'company email', 'office email', 'email work', 'primary email address', 'work email address',
		'E-Mail-Adresse', 'Mailadresse', 'E-Mail geschäftlich', 'Geschäftliche E-Mail', 'Dienstliche E-Mail',
		'Courriel', 'Adresse e-mail', 'Adresse électronique', 'Adresse courriel', 'E-mail professionnel',
		'Correo', 'Correo electrónico', 'Correo del trabajo', 'Correo corporativo', 'Email corporativo',
	],
	firstname: [
		'first', 'given name', 'forename', 'legal first name', 'first name legal', 'fname',
		'Vorname', 'Rufname',
		'Prénom',
		'Nombre', 'Nombres', 'Primer nombre',
	],
	lastname: [
		'last', 'surname', 'family name', 'legal last name', 'lname', 'sn',
		'Nachname', 'Familienname', 'Zuname',
		'Nom', 'Nom de famille',
		'Apellido', 'Apellidos', 'Primer apellido',
	],
	password: [
		'pass', 'pwd', 'passwort', 'initial password', 'temporary password', 'temp password', 'password profile', 'new password',
		'Kennwort', 'Initialpasswort', 'Startpasswort',
		'Mot de passe',
		'Contraseña', 'Clave',
	],
	middlename: [
		'middle', 'middle initial', 'second name',
		'Zweiter Vorname', 'Weitere Vornamen',
		'Deuxième prénom', 'Second prénom',
		'Segundo nombre',
	],
	displayname: [
		'preferred name', 'preferred full name', 'full name', 'nickname', 'common name', 'cn',
		'preferred first name', 'known as',
		'Anzeigename', 'Vollständiger Name', 'Rufname und Nachname',
		"Nom d'affichage", 'Nom complet', 'Nom usuel',
		'Nombre para mostrar', 'Nombre completo', 'Nombre mostrado',
	],
	alternateEmail: [
		'alternative email', 'secondary email', 'second email', 'other email', 'personal email',
		'private email', 'home email', 'work secondary email', 'alternate email address',
		'alternate email addresses', 'other mails', 'personal email address',
		'E-Mail privat', 'Persönliche E-Mail',
		'E-mail secondaire', 'E-mail personnel', 'Courriel personnel',
		'Correo alternativo', 'Correo personal', 'Correo secundario',
	],
	recoveryEmail: [
		'recovery email address', 'authentication email', 'backup email',
		'Wiederherstellungs-E-Mail', 'E-Mail zur Wiederherstellung',
		'E-mail de récupération',
		'Correo de recuperación',
	],
	manager: [
		'manager email', 'manager username', 'reports to', 'supervisor', 'supervisor email',
		'line manager', 'direct manager', 'manager email address', 'reporting manager',
		'Vorgesetzter', 'Vorgesetzte', 'Führungskraft', 'Vorgesetzter E-Mail',
		'Responsable', 'Supérieur hiérarchique', 'Manager direct',
		'Jefe', 'Gerente', 'Supervisor directo', 'Jefe directo',
	],
	managedAppleId: ['apple id', 'managed apple account'],
	jobTitle: [
		'title', 'position', 'position title', 'business title', 'employee title', 'job', 'role', 'designation',
		'Stellenbezeichnung', 'Berufsbezeichnung', 'Funktion', 'Jobtitel',
		'Poste', 'Fonction', 'Intitulé du poste',
		'Cargo', 'Puesto', 'Título del puesto',
	],
	employeeIdentifier: [
		'employee id', 'employee number', 'employee no', 'employee #', 'employee num', 'emp id', 'emp no', 'staff id',
		'staff number', 'worker id', 'personnel number', 'person id', 'badge number', 'employee code',
		'Personalnummer', 'Mitarbeiternummer', 'Mitarbeiter-ID', 'Personal-Nr', 'Pers.-Nr.',
		'Matricule', "Numéro d'employé", "Identifiant de l'employé",
		'Número de empleado', 'ID de empleado', 'Legajo', 'Número de legajo',
	],
	department: [
		'dept', 'department name', 'team', 'organizational unit', 'org unit', 'business unit',
		'Abteilung', 'Bereich',
		'Département', 'Service',
		'Departamento', 'Área',
	],
	costCenter: [
		'cost centre', 'cost center code', 'cost center number', 'cost centre code',
		'Kostenstelle',
		'Centre de coûts', 'Centre de coût',
		'Centro de costos', 'Centro de coste', 'Centro de costo',
	],
	company: [
		'company name', 'organization', 'organisation', 'employer', 'legal entity', 'entity',
		'Firma', 'Unternehmen', 'Gesellschaft',
		'Société', 'Entreprise',
		'Empresa', 'Compañía',
	],
	employeeType: [
		'employment type', 'worker type', 'worker category', 'contract type',
		'employee category', 'employee class',
		'Mitarbeitertyp', 'Beschäftigungsart', 'Anstellungsart', 'Vertragsart',
		"Type d'employé", 'Type de contrat',
		'Tipo de empleado', 'Tipo de contrato',
	],
	description: [
		'notes', 'note', 'comment', 'comments', 'remarks', 'about',
		'Beschreibung', 'Bemerkung', 'Notiz', 'Kommentar',
		'Commentaire', 'Remarque',
		'Descripción', 'Comentario', 'Notas',
	],
	location: [
		'office', 'office location', 'work location', 'site', 'building', 'building id', 'branch', 'physical delivery office name',
		'Standort', 'Arbeitsort', 'Büro', 'Niederlassung',
		'Lieu', 'Site de travail', 'Bureau',
		'Ubicación', 'Oficina', 'Sede',
	],
	home_streetAddress: [
		'home street', 'home address', 'personal address', 'private address', 'home address line 1',
		'Privatadresse', 'Straße privat', 'Heimadresse', 'Wohnadresse',
		'Adresse personnelle', 'Adresse du domicile',
		'Dirección particular', 'Domicilio',
	],
	home_poBox: ['Postfach privat'],
	home_city: ['home town', 'Wohnort', 'Ort privat', 'Ville du domicile', 'Ciudad de residencia'],
	home_state: ['home region', 'home province', 'Bundesland privat'],
	home_postalCode: ['home zip', 'home zip code', 'home postcode', 'PLZ privat'],
	home_country: ['country of residence', 'Wohnland'],
	work_streetAddress: [
		'street', 'street address', 'address', 'address line 1', 'address 1', 'work address', 'office address',
		'business address', 'work street', 'business street',
		'Straße', 'Adresse', 'Anschrift', 'Straße und Hausnummer', 'Geschäftsadresse',
		'Rue', 'Adresse professionnelle',
		'Dirección', 'Calle', 'Domicilio laboral',
	],
	work_poBox: ['po box', 'post office box', 'Postfach', 'Boîte postale', 'Apartado postal', 'Casilla postal'],
	work_city: [
		'city', 'town', 'office city', 'locality', 'business city',
		'Stadt', 'Ort',
		'Ville', 'Commune',
		'Ciudad', 'Localidad', 'Municipio',
	],
	work_state: [
		'state or province', 'province', 'region', 'state province', 'county', 'state/region',
		'Bundesland', 'Kanton',
		'Département du travail',
		'Provincia', 'Comunidad autónoma',
	],
	work_postalCode: [
		'zip', 'zip code', 'postal code', 'postcode', 'zip or postal code', 'work zip',
		'PLZ', 'Postleitzahl',
		'Code postal',
		'Código postal', 'CP',
	],
	work_country: [
		'country', 'country or region', 'country code', 'nation',
		'Land', 'Staat',
		'Pays',
		'País',
	],
	mobile_number: [
		'mobile', 'mobile phone', 'cell', 'cell phone', 'cell number', 'mobile phone number',
		'personal mobile', 'Mobil', 'Mobiltelefon', 'Mobilnummer', 'Handy', 'Handynummer', 'Mobilfunknummer',
		'Portable', 'Téléphone portable', 'Téléphone mobile',
		'Móvil', 'Celular', 'Teléfono móvil', 'Teléfono celular',
	],
	home_number: [
		'home phone', 'home telephone', 'home phone number', 'private phone', 'personal phone',
		'Telefon privat', 'Privattelefon', 'Festnetz privat',
		'Téléphone domicile', 'Téléphone personnel', 'Téléphone fixe',
		'Teléfono particular', 'Teléfono de casa', 'Teléfono fijo',
	],
	work_number: [
		'phone', 'telephone', 'phone number', 'telephone number', 'work phone', 'office phone', 'business phone',
		'work phone number', 'primary phone', 'primary work phone', 'direct line',
		'Telefon', 'Telefonnummer', 'Telefon geschäftlich', 'Durchwahl', 'Rufnummer',
		'Téléphone professionnel', 'Numéro de téléphone',
		'Teléfono', 'Teléfono del trabajo', 'Teléfono laboral',
	],
	work_mobile_number: [
		'work mobile', 'work cell', 'business mobile', 'company mobile', 'work mobile phone', 'corporate mobile',
		'Diensthandy', 'Mobil geschäftlich', 'Firmenhandy',
		'Portable professionnel',
		'Móvil del trabajo', 'Celular corporativo',
	],
	work_fax_number: ['fax', 'fax number', 'work fax', 'business fax', 'facsimile', 'Telefax', 'Faxnummer', 'Télécopie', 'Número de fax'],
	unix_uid: ['uid number', 'posix uid', 'linux uid'],
	unix_guid: ['gid', 'gid number', 'unix gid', 'posix gid', 'linux gid'],

	state: ['user state', 'account state', 'status', 'account status', 'jumpcloud state'],
	enable_user_portal_multifactor: [
		'mfa', 'require mfa', 'mfa enabled', 'enable mfa', 'multifactor', '2fa', 'totp',
		'MFA erforderlich', 'MFA obligatoire', 'MFA obligatorio',
	],
	mfa_exclusion_days: ['enrollment days', 'mfa enrollment days', 'mfa grace days', 'exclusion days', 'mfa exclusion', 'enrollment period'],
	password_never_expires: ['pwd never expires', 'never expires', 'Kennwort läuft nie ab'],
	ldap_binding_user: ['ldap bind user', 'ldap bind'],
	sudo: ['global sudo', 'sudo access', 'admin sudo'],
	passwordless_sudo: ['sudo without password', 'nopasswd'],
	account_locked: ['locked', 'block sign in', 'blocked', 'disabled', 'Gesperrt', 'Bloqué', 'Bloqueado'],
	allow_public_key: ['public key', 'ssh public key allowed', 'allow ssh key'],
	enable_managed_uid: ['managed uid'],

	group: [
		'groups', 'user group', 'user groups', 'member of', 'group name', 'group names', 'jumpcloud groups',
		'Gruppe', 'Gruppen', 'Benutzergruppe', 'Benutzergruppen',
		'Groupe', 'Groupes',
		'Grupo', 'Grupos',
	],
	system: [
		'system id', 'device', 'device id', 'computer', 'hostname', 'host', 'machine', 'laptop',
		'device name', 'computer name', 'system name', 'asset',
		'Gerät', 'Rechner',
		'Ordinateur', 'Appareil', 'Poste de travail',
		'Equipo', 'Dispositivo', 'Ordenador',
	],
	system_admin: ['administrator', 'admin', 'is admin', 'local admin', 'device admin', 'sudo on device', 'Lokaler Admin', 'Administrateur', 'Administrador'],
};
