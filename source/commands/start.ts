import {existsSync} from 'node:fs';
import {exitCodes, UsageError} from '../lib/exit-codes.js';
import {connect} from '../lib/connect.js';
import {sanitize} from '../lib/sanitize.js';
import {resolveSettings, type ConnectionFlags} from '../lib/settings.js';
import {checkDirectory} from './check.js';
import {connectionFlags, type Command} from './command.js';

/**
 * `jc-import [FILE]`: the wizard's entry. Until the wizard lands, it connects (sandbox or org),
 * shows what an import will be checked against, and says what comes next.
 */
export const startCommand: Command = {
	name: '',
	usage: '[FILE] [--sandbox | --api-url URL | --region us|eu|in] [--org-id ID]',
	summary: 'start the import wizard (in this version: connect and show the directory an import would go to)',
	flags: {...connectionFlags},
	maxPositionals: 1,
	async run({values, positionals}, context) {
		const [file] = positionals;
		if (file !== undefined && !existsSync(file)) throw new UsageError(`No such file: ${sanitize(file)}`);
		const {connection} = resolveSettings(values as ConnectionFlags, context.env);
		const connected = await connect(connection, {interactive: true});
		try {
			const result = await checkDirectory(connected.client, connected.label);
			context.stdout.write(
				[
					`Connected to ${sanitize(result.target)}.`,
					`Organization ${sanitize(result.organization.name ?? result.organization.id)}: ${result.users} users, ${result.groups} user groups, ${result.systems} systems.`,
					file ? `CSV file: ${sanitize(file)}` : 'No CSV file given.',
					'The wizard (mapping, preview, import) is not in this version yet; `jc-import check` and `jc-import sandbox` are.',
					'',
				].join('\n'),
			);
			return exitCodes.ok;
		} finally {
			await connected.close();
		}
	},
};
