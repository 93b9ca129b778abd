/** JumpCloud's username rules (support article "naming convention for users"). */
export const usernamePattern = /^[A-Za-z][A-Za-z0-9._-]*$/;

/** Which rule a username breaks, in words the admin can act on. */
export function usernameProblem(username: string): string {
	if (!/^[A-Za-z]/.test(username)) return `username ${username} must start with a letter`;
	if (/\s/.test(username)) return `username ${username} may not contain spaces`;
	if (username.includes('@')) return `username ${username} may not contain @`;
	return `username ${username} may only contain letters, digits, '.', '_' and '-'`;
}
