/** Small HR exports as Excel saves them on each kind of machine: the text, before its code page writes it. */
export const texts = {
	polish: [
		'Imię;Nazwisko;E-mail;Stanowisko;Miejscowość',
		'Łukasz;Żółkiewski;lukasz.zolkiewski@example.pl;Kierownik działu;Łódź',
		'Grzegorz;Brzęczyszczykiewicz;grzegorz.b@example.pl;Księgowy;Chrząszczyżewoszyce',
		'Małgorzata;Wiśniewska;malgorzata.w@example.pl;Specjalistka ds. kadr;Kraków',
		'Agnieszka;Dąbrowska;agnieszka.d@example.pl;Programistka;Gdańsk',
		'Paweł;Kowalczyk;pawel.k@example.pl;Analityk;Wrocław',
	],
	czech: [
		'Příjmení;Jméno;E-mail;Město;Oddělení',
		'Dvořák;Antonín;antonin.dvorak@example.cz;Praha;Účetnictví',
		'Novotná;Kateřina;katerina.novotna@example.cz;Brno;Obchod',
		'Černý;Jiří;jiri.cerny@example.cz;Plzeň;Vývoj',
		'Šťastná;Zuzana;zuzana.stastna@example.cz;České Budějovice;Personální',
	],
	german: [
		'Vorname;Nachname;E-Mail;Abteilung;Straße;Ort',
		'Jürgen;Müller;j.mueller@example.de;Geschäftsführung;Hauptstraße 5;Köln',
		'Änne;Schröder;a.schroeder@example.de;Buchhaltung;Bahnhofstraße 12;München',
		'Björn;Weiß;b.weiss@example.de;Vertrieb;Lindenallee 3;Düsseldorf',
		'Zoë;Özdemir;z.oezdemir@example.de;Einkauf;Am Gärtnerplatz 1;Nürnberg',
	],
	french: [
		'Prénom,Nom,Courriel,Fonction,Ville',
		'Hélène,Lefèvre,helene.lefevre@example.fr,Responsable comptabilité,Besançon',
		'François,Dupré,francois.dupre@example.fr,Chargé de recrutement,Orléans',
		'Thérèse,Béranger,therese.beranger@example.fr,Directrice générale,Nîmes',
		'Noël,Mañas,noel.manas@example.fr,Contrôleur de gestion,Saint-Étienne',
	],
	japanese: [
		'姓,名,メールアドレス,部署,役職',
		'山田,太郎,taro.yamada@example.jp,営業部,課長',
		'佐藤,花子,hanako.sato@example.jp,人事部,主任',
		'鈴木,一郎,ichiro.suzuki@example.jp,開発部,エンジニア',
	],
};

export const csvText = (lines: readonly string[]) => `${lines.join('\r\n')}\r\n`;

/** A Western staff list of many languages: a few of its words read as Czech in Windows-1250 (Søren as Sřren). */
export const internationalStaff = [
	'First Name,Last Name,Email,City',
	'Jürgen,Müller,j.mueller@example.com,Köln',
	'Søren,Ødegaard,s.odegaard@example.com,Århus',
	'José,García,j.garcia@example.com,Málaga',
	'Amélie,Dubois,a.dubois@example.com,Besançon',
	'Zoë,Weiß,z.weiss@example.com,Zürich',
];
