import {parseArgs} from 'node:util';
import {checkCommand} from './commands/check.js';
import {inspectCommand} from './commands/inspect.js';
import type {Command, CommandContext} from './commands/command.js';
import {sandboxCommand} from './commands/sandbox.js';
import {startCommand} from './commands/start.js';
import {helpText} from './help.js';
import {exitCodes, UsageError} from './lib/exit-codes.js';
import {sanitize} from './lib/sanitize.js';
import {toolVersion} from './lib/version.js';
import {JumpCloudError} from './jumpcloud/errors.js';

export const commands: readonly Command[] = [startCommand, inspectCommand, checkCommand, sandboxCommand];

/** Parses argv, runs one command, and turns every failure into a one-line message and an exit code. */
export async function main(argv: string[], context: CommandContext): Promise<number> {
	const [first] = argv;
	const named = commands.find((command) => command.name !== '' && command.name === first);
	const command = named ?? startCommand;
	const rest = named ? argv.slice(1) : argv;

	if (rest.includes('--version') || (argv.length === 1 && first === '-v')) {
		context.stdout.write(`${toolVersion}\n`);
		return exitCodes.ok;
	}
	if (rest.includes('--help') || rest.includes('-h') || first === 'help') {
		context.stdout.write(helpText(commands, named));
		return exitCodes.ok;
	}

	try {
		const parsed = parseArgs({
			args: rest,
			options: Object.fromEntries(
				Object.entries(command.flags).map(([name, flag]) => [name, {type: flag.type, multiple: flag.multiple === true}]),
			),
			allowPositionals: true,
			strict: true,
		});
		if (parsed.positionals.length > command.maxPositionals) {
			const extra = parsed.positionals[command.maxPositionals] ?? '';
			throw new UsageError(
				named || commandLooksMistyped(extra)
					? `Unexpected argument '${sanitize(extra)}'. See jc-import ${command.name} --help.`
					: `Unexpected argument '${sanitize(extra)}'. See jc-import --help.`,
			);
		}
		return await command.run(parsed, context);
	} catch (error) {
		return reportFailure(error, context);
	}
}

function commandLooksMistyped(word: string): boolean {
	return /^[a-z]+$/.test(word);
}

function reportFailure(error: unknown, {stderr}: CommandContext): number {
	if (error instanceof UsageError) {
		stderr.write(`jc-import: ${sanitize(error.message)}\n`);
		return exitCodes.usage;
	}
	if ((error as {code?: string}).code?.startsWith('ERR_PARSE_ARGS')) {
		stderr.write(`jc-import: ${sanitize((error as Error).message)} See jc-import --help.\n`);
		return exitCodes.usage;
	}
	if ((error as {code?: string}).code === 'interrupted') {
		stderr.write('jc-import: interrupted.\n');
		return exitCodes.interrupted;
	}
	if (error instanceof JumpCloudError) {
		// A bad key or an unreachable host is an input problem; the message already says what to do.
		stderr.write(`jc-import: ${sanitize(error.message)}\n`);
		return exitCodes.usage;
	}
	stderr.write(`jc-import: unexpected error: ${sanitize(String((error as Error)?.stack ?? error))}\n`);
	return exitCodes.rowsFailed;
}
