import {Directory} from './directory.js';
import {seededRandom} from './knobs.js';

/** Fixed creation dates, so a seeded directory is the same on every run. */
const seededAt = '2026-01-05T09:00:00.000Z';

/**
 * The organization a sandbox starts with: a strict custom password policy, JumpCloud's usual
 * default states, a few users to collide with, groups and systems to bind to.
 */
export function seededDirectory(seed: number): Directory {
	const directory = new Directory(seed, {
		displayName: 'Sandbox Org (simulated)',
		settings: {
			passwordCompliance: 'custom',
			passwordPolicy: {minLength: 12, needsLowercase: true, needsUppercase: true, needsNumeric: true, needsSymbolic: true},
			newSystemUserStateDefaults: {manualEntry: 'ACTIVATED', csvImport: 'STAGED', applicationImport: 'STAGED'},
		},
	});

	const common = {created: seededAt, activated: true};
	const jane = directory.addUser({
		...common,
		username: 'jsmith',
		email: 'jane.smith@example.com',
		firstname: 'Jane',
		lastname: 'Smith',
		employeeIdentifier: 'E0001',
		department: 'Engineering',
		jobTitle: 'Staff Engineer',
		state: 'ACTIVATED',
		passwordSet: true,
	});
	const bob = directory.addUser({
		...common,
		username: 'bjones',
		email: 'bob.jones@example.com',
		alternateEmail: 'bob.personal@example.net',
		firstname: 'Bob',
		lastname: 'Jones',
		employeeIdentifier: 'E0002',
		department: 'Sales',
		state: 'ACTIVATED',
		passwordSet: true,
	});
	const maria = directory.addUser({
		...common,
		activated: false,
		username: 'mgarcia',
		email: 'maria.garcia@example.com',
		alternateEmail: 'maria.g@example.net',
		firstname: 'Maria',
		lastname: 'Garcia',
		employeeIdentifier: 'E0003',
		department: 'Marketing',
		state: 'STAGED',
		passwordSet: false,
	});
	const ada = directory.addUser({
		...common,
		username: 'alovelace',
		email: 'ada.lovelace@example.com',
		firstname: 'Ada',
		lastname: 'Lovelace',
		employeeIdentifier: 'E0004',
		department: 'Engineering',
		state: 'SUSPENDED',
		passwordSet: true,
	});

	const engineering = directory.addGroup('Engineering', 'Everyone who builds the product');
	const sales = directory.addGroup('Sales', 'Account executives and sales engineers');
	directory.addGroup('Marketing', 'Brand, content and events');
	const allStaff = directory.addGroup('All Staff', 'Every employee');
	directory.addGroup('VPN Users', 'May connect to the office VPN');

	const mac = directory.addSystem({hostname: 'eng-mbp-01', displayName: "Ada's MacBook Pro", os: 'Mac OS X'});
	directory.addSystem({hostname: 'sales-win-01', displayName: 'Sales Laptop 1', os: 'Windows'});
	const build = directory.addSystem({hostname: 'build-linux-01', displayName: 'Build Server', os: 'Ubuntu'});
	directory.addSystem({hostname: 'mkt-imac-01', displayName: 'Marketing iMac', os: 'Mac OS X'});

	for (const user of [jane, bob, maria, ada]) directory.addMember(allStaff.id, user._id);
	directory.addMember(engineering.id, jane._id);
	directory.addMember(engineering.id, ada._id);
	directory.addMember(sales.id, bob._id);
	directory.associate(mac._id, ada._id, {sudo: {enabled: true, withoutPassword: false}});
	directory.associate(build._id, jane._id);
	return directory;
}

/** The most users `seedUsers` adds (a million is already more than any org jc-import has met). */
export const maxSeededUsers = 1_000_000;

const firstNames = [
	'Olivia', 'Liam', 'Emma', 'Noah', 'Amelia', 'Oliver', 'Sophia', 'Elijah', 'Charlotte', 'James', 'Ava', 'William',
	'Isabella', 'Benjamin', 'Mia', 'Lucas', 'Harper', 'Henry', 'Evelyn', 'Theodore', 'Luna', 'Mateo', 'Camila', 'Jack',
	'Aiko', 'Hiroshi', 'Priya', 'Arjun', 'Fatima', 'Omar', 'Chen', 'Wei', 'Ngozi', 'Kwame', 'Sofía', 'José', 'Zoë',
	'Jürgen', 'Björn', 'Anaïs', 'Łukasz', 'Chloé', 'Siobhan', 'Mohammed', 'Leila', 'Dmitri', 'Ingrid', 'Kofi', 'Mei',
	'Rafael', 'Ines', 'Tomás', 'Yusuf', 'Nadia', 'Emil', 'Freya', 'Hamid', 'Keiko', 'Lars', 'Marta',
];
const lastNames = [
	'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
	'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris',
	'Clark', 'Lewis', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Nguyen', 'Kim', 'Patel', 'Singh', 'Wang', 'Li',
	'Zhang', 'Tanaka', 'Suzuki', 'Müller', 'Schmidt', 'Schäfer', 'Dubois', 'Lefèvre', 'Rossi', 'Bianchi', 'Novák',
	'Kowalski', 'Nowak', 'Okafor', 'Mensah', 'Haddad', 'Cohen', 'Ivanov', 'Petrov', 'Jensen', 'Nielsen', 'Larsen',
	"O'Brien", 'Murphy', 'Kelly', 'Fernández', 'González', 'Pérez', 'Sánchez', 'Silva', 'Santos', 'Costa', 'Yilmaz',
	'Demir', 'Andersson', 'Johansson', 'Virtanen', 'Horváth', 'Papadopoulos', 'Van der Berg', 'De Jong', 'Bakker',
];
const departments: ReadonlyArray<{name: string; titles: readonly string[]}> = [
	{name: 'Engineering', titles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Engineering Manager', 'SRE']},
	{name: 'Sales', titles: ['Account Executive', 'Sales Engineer', 'Sales Manager', 'SDR']},
	{name: 'Marketing', titles: ['Marketing Manager', 'Content Strategist', 'Designer']},
	{name: 'Finance', titles: ['Accountant', 'Financial Analyst', 'Controller']},
	{name: 'Support', titles: ['Support Engineer', 'Support Lead']},
	{name: 'Operations', titles: ['Operations Analyst', 'Office Manager', 'Facilities Coordinator']},
	{name: 'People', titles: ['Recruiter', 'HR Business Partner']},
	{name: 'Legal', titles: ['Counsel', 'Paralegal']},
];

/** A name as a username part: accents dropped, letters only, lower case ("Lefèvre" → "lefevre", "O'Brien" → "obrien"). */
function handle(name: string): string {
	return name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/ł/gi, 'l')
		.replace(/[^A-Za-z]/g, '')
		.toLowerCase();
}

/** Seeded users' `created` times lie between these, in the order the users were added. */
const seededFrom = Date.parse('2019-01-07T09:00:00.000Z');
const seededUntil = Date.parse('2025-12-19T17:00:00.000Z');

/**
 * Adds `count` directory users, the same ones for the same seed, to rehearse a big org: names,
 * departments and job titles drawn from a seeded generator; usernames `first.last` (a number added
 * on repeats), emails at `staff.example.com`, a quarter with an alternate email, unique employee
 * ids `S0000000`-style scattered by a seeded bijection; mostly ACTIVATED, some STAGED and
 * SUSPENDED; `created` spread over 2019–2025 in id order. No groups, systems or managers.
 */
export function seedUsers(directory: Directory, count: number, seed: number): void {
	if (!Number.isInteger(count) || count < 0 || count > maxSeededUsers) {
		throw new RangeError(`users must be a whole number from 0 to ${maxSeededUsers}, not ${count}.`);
	}
	const random = seededRandom(seed ^ 0xb16049);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	// i → (step·i + offset) mod 10^7 is one-to-one when step shares no factor with 10^7.
	const space = 10_000_000;
	let step = 1 + Math.floor(random() * (space - 1));
	while (step % 2 === 0 || step % 5 === 0) step++;
	const offset = Math.floor(random() * space);
	const repeats = new Map<string, number>();
	const handles = new Map([...firstNames, ...lastNames].map((name) => [name, handle(name)]));
	for (let i = 0; i < count; i++) {
		const firstname = pick(firstNames);
		const lastname = pick(lastNames);
		const {name: department, titles} = pick(departments);
		const base = `${handles.get(firstname)}.${handles.get(lastname)}`;
		let seen = repeats.get(base) ?? 0;
		let username: string;
		do {
			seen++;
			username = seen === 1 ? base : `${base}${seen}`;
		} while (directory.isTaken('username', username) || directory.isTaken('email', `${username}@staff.example.com`));
		repeats.set(base, seen);
		const draw = random();
		const state = draw < 0.9 ? 'ACTIVATED' : draw < 0.96 ? 'STAGED' : 'SUSPENDED';
		const alternate = random() < 0.25;
		const employeeIdentifier = `S${String((step * i + offset) % space).padStart(7, '0')}`;
		directory.addUser({
			username,
			email: `${username}@staff.example.com`,
			...(alternate ? {alternateEmail: `${username}@home.example.net`} : {}),
			firstname,
			lastname,
			displayname: `${firstname} ${lastname}`,
			employeeIdentifier,
			department,
			jobTitle: pick(titles),
			state,
			created: new Date(Math.floor(seededFrom + ((seededUntil - seededFrom) * (i + random())) / Math.max(count, 1))).toISOString(),
			activated: state !== 'STAGED',
			passwordSet: state !== 'STAGED',
		});
	}
}
