import {Directory} from './directory.js';

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
