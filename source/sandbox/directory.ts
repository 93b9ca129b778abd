import type {JcSystem, Organization, SystemUser, UserGroup, UserState} from '../jumpcloud/types.js';
import {seededRandom} from './knobs.js';

/**
 * A user as the sandbox keeps it: what the create body gave (less the password, which is never
 * stored; only whether one was set) plus the fields JumpCloud adds.
 */
export type DirectoryUser = Omit<SystemUser, 'state'> & {
	_id: string;
	organization: string;
	created: string;
	activated: boolean;
	state: UserState;
	passwordSet: boolean;
};

/** What `addUser` takes: a checked create body (other schema fields such as `tags` ride along untyped). */
export type NewUser = Omit<DirectoryUser, '_id' | 'organization' | 'created' | 'activated'> & {created?: string; activated?: boolean};

export type SudoAttributes = {sudo: {enabled: boolean; withoutPassword: boolean}};

/** What `POST …/state/activate` would have sent: a welcome (password set) or an activation (no password) email. */
export type OutboxEmail = {userId: string; kind: 'welcome' | 'activation'; to: string};

/**
 * Ids shaped like MongoDB ObjectIds (4 bytes of time, 5 of machine, 3 of counter), derived from
 * the seed: the same seed gives the same ids, and later ids sort after earlier ones, as `sort=_id`
 * paging relies on.
 */
class IdSource {
	private time: number;
	private readonly machine: string;
	private counter: number;

	constructor(seed: number) {
		const random = seededRandom(seed ^ 0x1d5eed);
		this.time = 0x65000000 + Math.floor(random() * 0x01000000);
		this.machine = Array.from({length: 5}, () => hex(Math.floor(random() * 256), 2)).join('');
		this.counter = Math.floor(random() * 0x100000);
	}

	next(): string {
		this.counter++;
		if (this.counter > 0xffffff) {
			this.counter = 0;
			this.time++;
		}
		return hex(this.time, 8) + this.machine + hex(this.counter, 6);
	}
}

function hex(value: number, width: number): string {
	return value.toString(16).padStart(width, '0');
}

/** The fields no two users may share, compared case-insensitively (JumpCloud's rule). */
export const uniqueFields = ['username', 'email', 'employeeIdentifier', 'alternateEmail'] as const;
export type UniqueField = (typeof uniqueFields)[number];
/** Fields a search can find users by through an index: the unique ones, and display names (managers are named by them). */
export const indexedFields = [...uniqueFields, 'displayname'] as const;
export type IndexedField = (typeof indexedFields)[number];

/**
 * Lower-cased value → the ids of the users holding it, oldest first. Almost always one id; a user
 * added out of band (`addUser` does not check) may share a value, and then both are kept.
 */
class CaseInsensitiveIndex {
	private readonly holders = new Map<string, string | string[]>();

	add(value: string, id: string): void {
		const key = value.toLowerCase();
		const held = this.holders.get(key);
		if (held === undefined) this.holders.set(key, id);
		else if (typeof held === 'string') this.holders.set(key, [held, id]);
		else held.push(id);
	}

	remove(value: string, id: string): void {
		const key = value.toLowerCase();
		const held = this.holders.get(key);
		if (held === id) this.holders.delete(key);
		else if (Array.isArray(held)) {
			const left = held.filter((holder) => holder !== id);
			this.holders.set(key, left.length === 1 ? left[0]! : left);
		}
	}

	get(value: string): readonly string[] {
		const held = this.holders.get(value.toLowerCase());
		return held === undefined ? [] : typeof held === 'string' ? [held] : held;
	}

	has(value: string): boolean {
		return this.holders.has(value.toLowerCase());
	}
}

/** The sandbox's organization always has settings (a test may change them). */
export type SandboxOrganization = Organization & {settings: NonNullable<Organization['settings']>};

/** The in-memory directory of one organization. Tests read and change it directly. */
export class Directory {
	readonly org: SandboxOrganization;
	private readonly byId = new Map<string, DirectoryUser>();
	/**
	 * Every user by id, in the order added, which is id order (ids only grow): `sort=_id` pages
	 * slice it without sorting. Read-only so the unique-field indexes cannot be bypassed; a user's
	 * username, email, employeeIdentifier or alternateEmail changes through `updateUser` only.
	 */
	readonly users: ReadonlyMap<string, DirectoryUser> = this.byId;
	readonly groups = new Map<string, UserGroup>();
	readonly systems = new Map<string, JcSystem>();
	/** Group id → ids of the users in it. */
	readonly memberships = new Map<string, Set<string>>();
	/** System id → user id → the association's attributes (sudo), or null. */
	readonly associations = new Map<string, Map<string, SudoAttributes | null>>();
	/** Every email an activation would have sent, in order. */
	readonly emails: OutboxEmail[] = [];
	/** The sandbox's clock: users' `created` times come from it (a knob can set it apart from this machine's). */
	now: () => Date = () => new Date();
	private readonly ids: IdSource;
	private readonly unique: Record<IndexedField, CaseInsensitiveIndex> = {
		username: new CaseInsensitiveIndex(),
		email: new CaseInsensitiveIndex(),
		employeeIdentifier: new CaseInsensitiveIndex(),
		alternateEmail: new CaseInsensitiveIndex(),
		displayname: new CaseInsensitiveIndex(),
	};
	/** Users holding an indexed field that is present but not a string (only out of band): the indexes cannot answer for them. */
	private irregular = 0;
	/** The users as an array in id order, rebuilt on the first read after a change. */
	private ordered: DirectoryUser[] | undefined;
	/** False once a user arrived with an id below an earlier one (only an out-of-band `_id` can do that). */
	private addedInIdOrder = true;
	private lastId = '';

	constructor(seed: number, org: Omit<SandboxOrganization, '_id'>) {
		this.ids = new IdSource(seed);
		this.org = {_id: this.newId(), ...org};
	}

	newId(): string {
		return this.ids.next();
	}

	/**
	 * Stores a user: `fields` must already be validated and must not hold a password. Every user
	 * has an `mfa` with `configured` false, which only enrolling sets (a new user imported with MFA
	 * required reads back `mfa.configured` false: TheJumpCloud/support Import-JCUsersFromCSV.Tests
	 * "MFA Import Tests"). UNCONFIRMED: that a user created without MFA settings reads back
	 * `enable_user_portal_multifactor: false` and `mfa: {configured: false, exclusion: false}`.
	 */
	addUser(fields: NewUser): DirectoryUser {
		const user: DirectoryUser = {
			_id: this.newId(),
			...fields,
			enable_user_portal_multifactor: fields.enable_user_portal_multifactor ?? false,
			mfa: {exclusion: false, ...fields.mfa, configured: false},
			organization: this.org._id,
			created: fields.created ?? this.now().toISOString(),
			activated: fields.activated ?? false,
		};
		delete (user as {password?: unknown}).password;
		// An out-of-band `_id` may replace a user (it keeps that user's place in the map).
		const replaced = this.byId.get(user._id);
		if (replaced) this.index(replaced, -1);
		else if (user._id <= this.lastId) this.addedInIdOrder = false;
		else this.lastId = user._id;
		this.byId.set(user._id, user);
		this.index(user, +1);
		this.ordered = undefined;
		return user;
	}

	/** Changes a stored user's fields, keeping the unique-field indexes right. Undefined when there is no such user. */
	updateUser(id: string, changes: Partial<NewUser>): DirectoryUser | undefined {
		const user = this.byId.get(id);
		if (!user) return undefined;
		this.index(user, -1);
		Object.assign(user, changes);
		this.index(user, +1);
		return user;
	}

	/** Whether any user holds this value in this unique field, case-insensitively: constant cost however big the directory. */
	isTaken(field: UniqueField, value: string): boolean {
		return this.unique[field].has(value);
	}

	/**
	 * The users holding this value in this indexed field, case-insensitively, oldest first; undefined
	 * when the indexes cannot answer (a user holds a non-string there) and the caller must scan.
	 */
	holders(field: IndexedField, value: string): DirectoryUser[] | undefined {
		if (this.irregular > 0) return undefined;
		return this.unique[field].get(value).map((id) => this.byId.get(id)!);
	}

	/** Every user in id order (the order `sort=_id` lists), without sorting when they were added in that order. */
	usersInIdOrder(): readonly DirectoryUser[] {
		if (!this.ordered) {
			const users = [...this.byId.values()];
			this.ordered = this.addedInIdOrder ? users : users.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
		}
		return this.ordered;
	}

	/** Whether map order (the order an unsorted list keeps) is id order. */
	get inIdOrder(): boolean {
		return this.addedInIdOrder;
	}

	private index(user: DirectoryUser, change: 1 | -1): void {
		for (const field of indexedFields) {
			const value: unknown = user[field];
			if (typeof value === 'string') {
				if (value === '') continue;
				if (change > 0) this.unique[field].add(value, user._id);
				else this.unique[field].remove(value, user._id);
			} else if (value !== undefined && value !== null) {
				this.irregular += change;
			}
		}
	}

	/** Removes a user with its group memberships and system associations; undefined when there is none. */
	deleteUser(id: string): DirectoryUser | undefined {
		const user = this.users.get(id);
		if (!user) return undefined;
		this.byId.delete(id);
		this.index(user, -1);
		this.ordered = undefined;
		for (const members of this.memberships.values()) members.delete(id);
		for (const bound of this.associations.values()) bound.delete(id);
		return user;
	}

	/** The users whose `manager` is this user (their direct reports). */
	reportsOf(id: string): DirectoryUser[] {
		return [...this.users.values()].filter((user) => user.manager === id && user._id !== id);
	}

	/** The user with this username, case-insensitively (a convenience for tests). */
	userByUsername(username: string): DirectoryUser | undefined {
		const found = this.holders('username', username);
		if (found) return found[0];
		const wanted = username.toLowerCase();
		for (const user of this.byId.values()) if (typeof user.username === 'string' && user.username.toLowerCase() === wanted) return user;
		return undefined;
	}

	addGroup(name: string, description?: string): UserGroup {
		const group: UserGroup = {id: this.newId(), name, type: 'user_group', ...(description === undefined ? {} : {description})};
		this.groups.set(group.id, group);
		this.memberships.set(group.id, new Set());
		return group;
	}

	groupByName(name: string): UserGroup | undefined {
		for (const group of this.groups.values()) if (group.name === name) return group;
		return undefined;
	}

	addSystem(fields: Omit<JcSystem, '_id'>): JcSystem {
		const system: JcSystem = {_id: this.newId(), ...fields};
		this.systems.set(system._id, system);
		this.associations.set(system._id, new Map());
		return system;
	}

	systemByHostname(hostname: string): JcSystem | undefined {
		for (const system of this.systems.values()) if (system.hostname === hostname) return system;
		return undefined;
	}

	/** Adds a user to a group; false when it already was a member. */
	addMember(groupId: string, userId: string): boolean {
		const members = this.memberships.get(groupId) ?? new Set<string>();
		this.memberships.set(groupId, members);
		if (members.has(userId)) return false;
		members.add(userId);
		return true;
	}

	removeMember(groupId: string, userId: string): boolean {
		return this.memberships.get(groupId)?.delete(userId) ?? false;
	}

	isMember(groupId: string, userId: string): boolean {
		return this.memberships.get(groupId)?.has(userId) ?? false;
	}

	/** Binds a user to a system; false when it already was bound (the attributes are then left alone). */
	associate(systemId: string, userId: string, attributes: SudoAttributes | null = null): boolean {
		const bound = this.associations.get(systemId) ?? new Map<string, SudoAttributes | null>();
		this.associations.set(systemId, bound);
		if (bound.has(userId)) return false;
		bound.set(userId, attributes);
		return true;
	}

	dissociate(systemId: string, userId: string): boolean {
		return this.associations.get(systemId)?.delete(userId) ?? false;
	}
}
