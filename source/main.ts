import {parseArgs} from 'node:util';
import {checkOptions, firstPositional, parseOptions, unknownCommand} from './argv-check.js';
import type {CliCommand, CommandContext} from './commands/command.js';
import {helpText} from './help.js';
import {ExpectedError, exitCodes, UsageError} from './lib/exit-codes.js';
import {sanitize} from './lib/sanitize.js';
import {toolVersion} from './lib/version.js';

/**
 * Each command is loaded only when it runs (or for --help): `inspect` should not pay for the
 * sandbox server, nor `--version` for anything. The first, unnamed one is the wizard.
 */
export const commandLoaders: ReadonlyArray<[name: string, load: () => Promise<CliCommand>]> = [
	['', async () => (await import('./commands/wizard.js')).wizardCommand],
	['inspect', async () => (await import('./commands/inspect.js')).inspectCommand],
	['run', async () => (await import('./commands/run.js')).runCommand],
	['resume', async () => (await import('./commands/resume.js')).resumeCommand],
	['imports', async () => (await import('./commands/imports.js')).importsCommand],
	['rollback', async () => (await import('./commands/rollback.js')).rollbackCommand],
	['check', async () => (await import('./commands/check.js')).checkCommand],
	['sandbox', async () => (await import('./commands/sandbox.js')).sandboxCommand],
];

/** Parses argv, runs one command, and turns every failure into a one-line message and an exit code. */
export async function main(argv: string[], context: CommandContext): Promise<number> {
	const [first] = argv;
	const loader = commandLoaders.find(([name]) => name !== '' && name === first) ?? commandLoaders[0]!;
	const named = loader[0] !== '';
	const rest = named ? argv.slice(1) : argv;

	if (rest.includes('--version') || (argv.length === 1 && first === '-v')) {
		context.stdout.write(`${toolVersion}\n`);
		return exitCodes.ok;
	}
	if (rest.includes('--help') || rest.includes('-h') || first === 'help') {
		const commands = await loadCommands();
		context.stdout.write(helpText(commands, named ? commands.find((command) => command.name === loader[0]) : undefined));
		return exitCodes.ok;
	}
	const command = await loader[1]();
	// `jc-import rollbak` (or `jc-import --sandbox rollbak`) reaches the wizard as its FILE: a typo, most likely.
	const word = named ? undefined : firstPositional(rest, command);
	const mistyped = word === undefined ? undefined : unknownCommand(word, commandLoaders.map(([name]) => name).filter(Boolean));
	if (mistyped) return reportFailure(mistyped, context);

	try {
		checkOptions(rest, command);
		const parsed = parseArgs({args: rest, options: parseOptions(command), allowPositionals: true, strict: true});
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

/** Every command, the wizard first: for --help and for the tests that hold help to the flags. */
export function loadCommands(): Promise<CliCommand[]> {
	return Promise.all(commandLoaders.map(([, load]) => load()));
}

function commandLooksMistyped(word: string): boolean {
	return /^[a-z]+$/.test(word);
}

/**
 * An error meant for the user (ExpectedError: a bad flag, an unreadable file, a rejected key…) is
 * its message, its hint if any, and its exit code; anything else is a bug, printed with its stack.
 */
function reportFailure(error: unknown, {stderr}: Pick<CommandContext, 'stderr'>): number {
	if (error instanceof ExpectedError) {
		stderr.write(`jc-import: ${sanitize(error.message)}\n`);
		if (error.hint !== undefined) stderr.write(`  ${sanitize(error.hint)}\n`);
		return error.exitCode;
	}
	if ((error as {code?: string}).code?.startsWith('ERR_PARSE_ARGS')) {
		// What checkOptions did not foresee: Node's message, cut to its first sentence.
		stderr.write(`jc-import: ${sanitize((error as Error).message.split(/\.\s/)[0]!)}. See jc-import --help.\n`);
		return exitCodes.usage;
	}
	stderr.write(`jc-import: unexpected error: ${sanitize(String((error as Error)?.stack ?? error))}\n`);
	return exitCodes.rowsFailed;
}
