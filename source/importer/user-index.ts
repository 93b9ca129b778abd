import type {UserSummary} from '../jumpcloud/types.js';

/** The directory's users by each value that must stay unique, lowercased: JumpCloud compares them without case. */
export type UserIndex = {
	username: Map<string, UserSummary>;
	email: Map<string, UserSummary>;
	employeeIdentifier: Map<string, UserSummary>;
	alternateEmail: Map<string, UserSummary>;
};

export function newUserIndex(): UserIndex {
	return {username: new Map(), email: new Map(), employeeIdentifier: new Map(), alternateEmail: new Map()};
}

export function addToIndex(index: UserIndex, user: UserSummary): void {
	index.username.set(user.username.toLowerCase(), user);
	index.email.set(user.email.toLowerCase(), user);
	if (user.employeeIdentifier) index.employeeIdentifier.set(user.employeeIdentifier.toLowerCase(), user);
	if (user.alternateEmail) index.alternateEmail.set(user.alternateEmail.toLowerCase(), user);
}
