import {terminalJson} from '../lib/terminal-json.js';
import {connect} from '../lib/connect.js';
import {exitCodes} from '../lib/exit-codes.js';
import {sanitize} from '../lib/sanitize.js';
import {resolveSettings, type ConnectionFlags} from '../lib/settings.js';
import type {Organization, PasswordPolicy} from '../jumpcloud/types.js';
import {knownPolicy} from '../jumpcloud/password-policy.js';
import type {DirectoryProgress} from '../importer/directory-read.js';
import {connectionFlags, type CliCommand, type CommandContext} from './command.js';
import {stopEarlyOnSignal} from './stop-early.js';
import {directoryProgress} from './import-reporter.js';

export type DirectoryCheck = {
	target: string;
	organization: {id: string; name: string | undefined};
	passwordPolicy: PasswordPolicy | undefined;
	newUserState: NonNullable<NonNullable<Organization['settings']>['newSystemUserStateDefaults']>;
	users: number;
	groups: number;
	systems: number;
};

export const checkCommand: CliCommand = {
	name: 'check',
	usage: 'check [--sandbox | --api-url URL | --region us|eu|in] [--org-id ID] [--json]',
	summary: 'check the API key and show the organization: password policy, default states, directory size',
	flags: {...connectionFlags, json: {type: 'boolean', description: 'print one JSON object'}},
	maxPositionals: 0,
	async run({values}, context) {
		const {connection} = resolveSettings(values as ConnectionFlags, context.env);
		// Ctrl+C while the directory is read: one line, nothing was changed (check only reads).
		const handOver = stopEarlyOnSignal(context, () => 'check stopped; it only reads, so nothing was changed.');
		const connected = await connect(connection, {interactive: !values.json}).catch((error: unknown) => {
			handOver();
			throw error;
		});
		try {
			// A big org takes a while to count: progress on stderr (stdout keeps the one JSON object).
			const result = await checkDirectory(connected.client, connected.label, directoryProgress(false, (text) => context.stderr.write(text)));
			if (values.json) context.stdout.write(`${terminalJson(result)}\n`);
			else printCheck(result, context);
			return exitCodes.ok;
		} finally {
			handOver();
			await connected.close();
		}
	},
};

/** One cheap read proves the key; then counts of what an import will be checked against. */
export async function checkDirectory(client: import('../jumpcloud/client.js').JumpCloudClient, target: string, onProgress?: DirectoryProgress): Promise<DirectoryCheck> {
	const org = await client.organization.get();
	// A server that goes silent after the first answer fails the check within one request timeout,
	// not after every retry of three listings.
	const within = {requestDeadlineMs: client.http.timeoutMs};
	const [users, groups, systems] = await Promise.all([client.users.all({...within, ...(onProgress ? {onProgress} : {})}), client.groups.all(within), client.systems.all(within)]);
	return {
		target,
		organization: {id: org._id, name: org.displayName},
		passwordPolicy: knownPolicy(org),
		newUserState: org.settings?.newSystemUserStateDefaults ?? {},
		users: users.length,
		groups: groups.length,
		systems: systems.length,
	};
}

const count = (value: number, one: string) => `${value.toLocaleString('en-US')} ${value === 1 ? one : `${one}s`}`;

/** A server's value as text: a hostile answer may put escape sequences anywhere, numbers included. */
const shown = (value: unknown) => (value === undefined || value === null ? '?' : sanitize(String(value)));

function printCheck(result: DirectoryCheck, {stdout}: CommandContext) {
	const policy = result.passwordPolicy;
	const rules = policy
		? [
				`at least ${shown(policy.minLength)} characters`,
				policy.needsLowercase && 'a lowercase letter',
				policy.needsUppercase && 'an uppercase letter',
				policy.needsNumeric && 'a digit',
				policy.needsSymbolic && 'a symbol',
			].filter(Boolean)
		: ['not known here (a compliance preset, or not readable with this key); JumpCloud checks each password'];
	const states = result.newUserState;
	stdout.write(
		[
			`Connected to ${sanitize(result.target)}.`,
			`Organization: ${sanitize(result.organization.name ?? '(no name)')} (${sanitize(result.organization.id)})`,
			`Password policy: ${rules.join(', ')}`,
			`New users default to: ${shown(states.manualEntry)} (API), ${shown(states.csvImport)} (CSV import); jc-import always sets the state explicitly.`,
			`Directory: ${count(result.users, 'user')}, ${count(result.groups, 'user group')}, ${count(result.systems, 'device')}`,
			'',
		].join('\n'),
	);
}
