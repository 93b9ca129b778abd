import type {Target} from './catalog.js';

/**
 * LDAP and Active Directory attribute names as directory exports write them as CSV headers:
 * `csvde` and `ldifde` (the lDAPDisplayName: `sAMAccountName`, `physicalDeliveryOfficeName`, `l`),
 * `Get-ADUser … | Export-Csv` (the PowerShell property names, some of them friendlier aliases:
 * `Surname`, `EmailAddress`, `OfficePhone`, `Office`, `OtherName`), and LDAP browsers (Apache
 * Directory Studio, ldapsearch → CSV, OpenLDAP short names such as `gn`, `fax`).
 *
 * Sources:
 * - RFC 4519 (LDAP: Schema for User Applications): c, cn, description, facsimileTelephoneNumber, givenName,
 *   initials, l, o, ou, physicalDeliveryOfficeName, postalAddress, postalCode, postOfficeBox, sn, st,
 *   street, telephoneNumber, title, uid, userPassword …
 * - RFC 2798 (inetOrgPerson): departmentNumber, displayName, employeeNumber, employeeType, homePhone,
 *   homePostalAddress, mail, manager, mobile, roomNumber, secretary …
 * - RFC 2307 (posixAccount): uidNumber, gidNumber, homeDirectory, loginShell, gecos.
 * - Microsoft's Active Directory schema reference (learn.microsoft.com/windows/win32/adschema: the
 *   "All Attributes" pages) for sAMAccountName, userPrincipalName, co, countryCode, company,
 *   department, employeeID, info, middleName, otherMailbox, streetAddress, proxyAddresses,
 *   userAccountControl …, and the ActiveDirectory module's Get-ADUser property list.
 *
 * Keyed by the attribute name lower-cased. `null` means "a directory attribute with no JumpCloud
 * counterpart": the column stays unmapped, whatever its words or values suggest.
 *
 * Decisions:
 * - `memberOf` is null. It holds group DNs (`CN=Sales,OU=Groups,DC=corp,DC=example`), every one of the
 *   user's groups, built-ins such as Domain Users included, and a group's CN is not known to be a
 *   JumpCloud group name: mapping it would put users into groups nobody chose. The user can still map
 *   it by hand.
 * - `initials` is null: AD's Initials field holds all of a name's initials (`J.K.`) as often as a middle
 *   initial, and `middleName` (PowerShell `OtherName`) is the middle name.
 * - `userPassword` is null: exports carry it hashed (`{SSHA}…`); sent as a password it would become one.
 * - `postalAddress` is null: it repeats the whole work address as `$`-separated lines, and
 *   `street`/`streetAddress` already give the street. `homePostalAddress` is the only home address the
 *   schema has, so it is the home street (its `$` line breaks are the value's business).
 * - `userPrincipalName` is the email, not the username: its values carry an `@`, which a JumpCloud
 *   username may not (the username is derived from it). Where `mail` is present it is the email and
 *   the UPN yields (see ldapSecondary); the Entra bulk template's `User name [userPrincipalName]`
 *   is the only email column there.
 * - `countryCode` is left out: in AD it is ISO 3166 numeric (`276`), in Okta's template the two
 *   letters. The lexicon reads it as a country, and the country value check must refuse digits.
 *   `c` (two letters) and `co` (the name) are both the country; `c` yields to `co`.
 * - `division` is null: AD, Okta and HR exports carry it beside `department`, one level above it.
 * - `proxyAddresses` (`SMTP:`/`smtp:`-prefixed, the primary among them) and `mailNickname` are null: the
 *   first repeats `mail`, the second is an Exchange alias, and neither is a login.
 * - `name`, `state`, `enabled`, `city`, `country`, `created`, `modified` are left out although
 *   Get-ADUser writes them: they are everyday header words that mean something else in other CSVs
 *   (`Name` a surname in German, `State` JumpCloud's account state); the lexicon reads them.
 */
export const ldapAttributes: ReadonlyMap<string, Target | null> = new Map<string, Target | null>(
	Object.entries({
		// Identity and login.
		uid: 'username',
		samaccountname: 'username',
		userprincipalname: 'email',
		mail: 'email',
		rfc822mailbox: 'email',
		emailaddress: 'email',
		othermailbox: 'alternateEmail',
		givenname: 'firstname',
		gn: 'firstname',
		sn: 'lastname',
		surname: 'lastname',
		middlename: 'middlename',
		othername: 'middlename',
		initials: null,
		displayname: 'displayname',
		cn: 'displayname',
		commonname: 'displayname',
		userpassword: null,
		unicodepwd: null,

		// Work.
		title: 'jobTitle',
		department: 'department',
		departmentnumber: 'department',
		ou: 'department',
		organizationalunitname: 'department',
		company: 'company',
		o: 'company',
		organizationname: 'company',
		organization: 'company',
		manager: 'manager',
		employeeid: 'employeeIdentifier',
		employeenumber: 'employeeIdentifier',
		employeetype: 'employeeType',
		description: 'description',
		info: 'description',
		comment: 'description',
		physicaldeliveryofficename: 'location',
		office: 'location',

		// Work address (the directory's address is the office's).
		street: 'work_streetAddress',
		streetaddress: 'work_streetAddress',
		postofficebox: 'work_poBox',
		pobox: 'work_poBox',
		l: 'work_city',
		localityname: 'work_city',
		st: 'work_state',
		stateorprovincename: 'work_state',
		postalcode: 'work_postalCode',
		c: 'work_country',
		countryname: 'work_country',
		co: 'work_country',
		friendlycountryname: 'work_country',
		postaladdress: null,
		homepostaladdress: 'home_streetAddress',

		// Phones.
		telephonenumber: 'work_number',
		officephone: 'work_number',
		mobile: 'mobile_number',
		mobiletelephonenumber: 'mobile_number',
		mobilephone: 'mobile_number',
		homephone: 'home_number',
		hometelephonenumber: 'home_number',
		facsimiletelephonenumber: 'work_fax_number',
		fax: 'work_fax_number',
		othertelephone: null,
		othermobile: null,
		otherhomephone: null,
		otherfacsimiletelephonenumber: null,
		ipphone: null,
		otheripphone: null,
		pager: null,
		otherpager: null,

		// POSIX (RFC 2307).
		uidnumber: 'unix_uid',
		gidnumber: 'unix_guid',
		homedirectory: null,
		loginshell: null,
		gecos: null,
		shadowlastchange: null,
		shadowmax: null,
		shadowmin: null,
		shadowwarning: null,
		shadowexpire: null,

		// Account options Get-ADUser writes as True/False.
		passwordneverexpires: 'password_never_expires',

		// Bookkeeping and things JumpCloud has no attribute for.
		dn: null,
		distinguishedname: null,
		canonicalname: null,
		adspath: null,
		changetype: null,
		objectclass: null,
		objectcategory: null,
		objectguid: null,
		objectsid: null,
		sid: null,
		entryuuid: null,
		entrydn: null,
		entrycsn: null,
		structuralobjectclass: null,
		hassubordinates: null,
		subschemasubentry: null,
		whencreated: null,
		whenchanged: null,
		createtimestamp: null,
		modifytimestamp: null,
		creatorsname: null,
		modifiersname: null,
		usncreated: null,
		usnchanged: null,
		instancetype: null,
		dscorepropagationdata: null,
		useraccountcontrol: null,
		samaccounttype: null,
		primarygroupid: null,
		memberof: null,
		member: null,
		directreports: null,
		secretary: null,
		assistant: null,
		seealso: null,
		pwdlastset: null,
		passwordlastset: null,
		lastlogon: null,
		lastlogontimestamp: null,
		lastlogondate: null,
		lastlogoff: null,
		logoncount: null,
		badpwdcount: null,
		badpasswordtime: null,
		lockouttime: null,
		lockedout: null,
		accountexpires: null,
		accountexpirationdate: null,
		cannotchangepassword: null,
		passwordnotrequired: null,
		smartcardlogonrequired: null,
		logonhours: null,
		logonworkstations: null,
		userworkstations: null,
		admincount: null,
		iscriticalsystemobject: null,
		codepage: null,
		homedrive: null,
		scriptpath: null,
		profilepath: null,
		proxyaddresses: null,
		mailnickname: null,
		legacyexchangedn: null,
		targetaddress: null,
		showinaddressbook: null,
		homemdb: null,
		msexchmailboxguid: null,
		'ms-ds-consistencyguid': null,
		'msds-consistencyguid': null,
		serviceprincipalname: null,
		usercertificate: null,
		usersmimecertificate: null,
		thumbnailphoto: null,
		jpegphoto: null,
		photo: null,
		roomnumber: null,
		businesscategory: null,
		carlicense: null,
		preferredlanguage: null,
		labeleduri: null,
		wwwhomepage: null,
		homepage: null,
		url: null,
		personaltitle: null,
		generationqualifier: null,
		houseidentifier: null,
		destinationindicator: null,
		registeredaddress: null,
		preferreddeliverymethod: null,
		internationalisdnnumber: null,
		telexnumber: null,
		teletexterminalidentifier: null,
		x121address: null,
		displaynameprintable: null,
		division: null,
		// Microsoft Entra's "Download users" export.
		objectid: null,
		usagelocation: null,
		accountenabled: null,
		usertype: null,
		agegroup: null,
		creationtype: null,
		onpremisesimmutableid: null,
		onpremisessyncenabled: null,
	}),
);

/**
 * The attributes above whose names are also everyday header words (`Title`, `Mobile`, `Office`,
 * `Info`): in a file that is not a directory export the lexicon's reading of them should count as
 * much as this table's.
 */
export const ldapEverydayWords: ReadonlySet<string> = new Set([
	'title', 'department', 'division', 'company', 'organization', 'manager', 'description', 'info', 'comment', 'office',
	'street', 'mobile', 'fax', 'pager', 'surname', 'initials', 'uid', 'url', 'homepage', 'photo', 'member', 'pobox',
]);

/**
 * Attributes that name the same target as a better one and yield to it when both are columns of
 * one file: `userPrincipalName` to `mail`/`EmailAddress`, `c` to `co`, `cn` to `displayName`,
 * `ou`/`departmentNumber` to `department`, `o` to `company`, `street` to `streetAddress`. Alone, each
 * is the target.
 */
export const ldapSecondary: ReadonlySet<string> = new Set(['userprincipalname', 'c', 'countryname', 'cn', 'commonname', 'ou', 'organizationalunitname', 'departmentnumber', 'o', 'organizationname', 'street', 'gn', 'mobiletelephonenumber', 'hometelephonenumber']);
