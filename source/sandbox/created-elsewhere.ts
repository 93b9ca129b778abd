import type {Directory} from './directory.js';

/**
 * A user with the create's username and email, as another admin or an HR sync would make it: their
 * own names, no password, none of the row's other unique fields. Nothing when the body is unusable
 * or the username or email is taken already.
 */
export function createElsewhere(directory: Directory, body: unknown): void {
	if (body === null || typeof body !== 'object') return;
	const {username, email} = body as {username?: unknown; email?: unknown};
	if (typeof username !== 'string' || typeof email !== 'string') return;
	if (directory.isTaken('username', username) || directory.isTaken('email', email)) return;
	directory.addUser({username, email, firstname: 'Someone', lastname: 'Else', state: 'ACTIVATED', passwordSet: false});
}
