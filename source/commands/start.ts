import {existsSync} from 'node:fs';
import {exitCodes, UsageError} from '../lib/exit-codes.js';
import {sanitize} from '../lib/sanitize.js';
import {resolveSettings, type ConnectionFlags} from '../lib/settings.js';
import {defaultImportOptions} from '../importer/options.js';
import {prepareImport} from '../importer/prepare.js';
import {checkDirectory} from './check.js';
import {connectionFlags, type Command} from './command.js';
import {connectPaced} from './import-flow.js';
import {createReporter} from './import-reporter.js';

/**
 * `jc-import [FILE]`: the wizard's entry. Until the wizard lands, it connects (sandbox or org),
 * shows the directory, and for a file prints the plan an import would follow (a dry run), with the
 * headless command that carries it out.
 */
export const startCommand: Command = {
	name: '',
	usage: '[FILE] [--sandbox | --api-url URL | --region us|eu|in] [--org-id ID]',
	summary: 'start the import wizard (in this version: connect, show the directory, and the plan for FILE)',
	flags: {...connectionFlags},
	maxPositionals: 1,
	async run({values, positionals}, context) {
		const [file] = positionals;
		if (file !== undefined && !existsSync(file)) throw new UsageError(`No such file: ${sanitize(file)}`);
		const {connection} = resolveSettings(values as ConnectionFlags, context.env);
		const {connected} = await connectPaced(connection, true);
		try {
			const result = await checkDirectory(connected.client, connected.label);
			const out = (text: string) => context.stdout.write(`${text}\n`);
			out(`Connected to ${sanitize(result.target)}.`);
			out(`Organization ${sanitize(result.organization.name ?? result.organization.id)}: ${result.users} users, ${result.groups} user groups, ${result.systems} systems.`);
			if (!file) {
				out('Give a CSV file to see the plan for it. The full-screen wizard is not in this version yet.');
				return exitCodes.ok;
			}
			const prepared = await prepareImport({file, options: defaultImportOptions, client: connected.client});
			createReporter(false, (text) => context.stdout.write(text)).plan(prepared.summary, prepared.rows, connected.label);
			out('');
			out('Nothing was created. The full-screen wizard is not in this version yet; to import headless:');
			out(`  jc-import run ${sanitize(file)}${connection.kind === 'sandbox' ? ' --sandbox' : ''} --yes   (see jc-import run --help for state, email, MFA, groups and devices)`);
			return exitCodes.ok;
		} finally {
			await connected.close();
		}
	},
};
