import {existsSync} from 'node:fs';
import {exitCodes, UsageError} from '../lib/exit-codes.js';
import {sanitize} from '../lib/sanitize.js';
import {resolveSettings, type ConnectionFlags} from '../lib/settings.js';
import {connectionFlags, type CliCommand, type CommandContext} from './command.js';

/**
 * `jc-import [FILE]`: the full-screen wizard. It needs a real terminal; without one it says which
 * headless command does the same and stops, before Ink or React are even loaded.
 */
export const wizardCommand: CliCommand = {
	name: '',
	usage: '[FILE] [--sandbox | --api-url URL | --region us|eu|in] [--org-id ID] [--ascii]',
	summary: 'the import wizard: connect, pick a CSV, map its columns, preview, import, with resume',
	flags: {
		...connectionFlags,
		ascii: {type: 'boolean', description: 'draw with ASCII only (automatic when the locale is not UTF-8)'},
	},
	maxPositionals: 1,
	async run({values, positionals}, context) {
		const [file] = positionals;
		if (file !== undefined && !existsSync(file)) throw new UsageError(`No such file: ${sanitize(file)}`);
		const refusal = noWizardReason(context);
		if (refusal) {
			const target = file ? sanitize(file) : 'FILE';
			context.stderr.write(
				`jc-import: the wizard needs an interactive terminal (${refusal}).\n` +
					`  To import without one: jc-import run ${target}${values.sandbox ? ' --sandbox' : ''} --yes   (see jc-import run --help)\n` +
					`  To check a file first: jc-import inspect ${target}\n`,
			);
			return exitCodes.usage;
		}
		const settings = resolveSettings(values as ConnectionFlags, context.env);
		// chalk ignores NO_COLOR and reads the environment once, when Ink loads: settle it first.
		if (context.env.NO_COLOR && context.env.FORCE_COLOR === undefined) process.env.FORCE_COLOR = '0';
		const {runWizard} = await import('../ui/run-wizard.js');
		return runWizard({file, settings, ascii: values.ascii === true, connectionGiven: connectionWasGiven(values, context.env)}, context);
	},
};

/** Why the wizard cannot run here, or undefined when it can. */
export function noWizardReason({stdin, stdout, env}: Pick<CommandContext, 'stdin' | 'stdout' | 'env'>): string | undefined {
	if (!stdin.isTTY) return 'standard input is not a terminal';
	if (!stdout.isTTY) return 'standard output is not a terminal';
	// Ink draws nothing but the last frame when CI is set; '0' and 'false' are how CI is unset.
	const ci = env.CI ?? env.CONTINUOUS_INTEGRATION;
	if (ci !== undefined && ci !== '0' && ci !== 'false') return 'CI is set';
	if (env.TERM === 'dumb') return 'TERM is dumb';
	return undefined;
}

/** A connection named on the command line or in the environment is used without asking. */
function connectionWasGiven(values: Record<string, unknown>, env: NodeJS.ProcessEnv): boolean {
	return values.sandbox === true || values['api-url'] !== undefined || values.region !== undefined || Boolean(env.JC_API_KEY?.trim());
}
