import {sanitize} from '../lib/sanitize.js';
/** A flag as parseArgs takes it, plus what --help says of it. */
export type FlagSpec = {
	type: 'string' | 'boolean';
	multiple?: boolean;
	/** The value's placeholder in --help, e.g. `N` or `URL`. */
	value?: string;
	description: string;
};

export type CommandContext = {
	env: NodeJS.ProcessEnv;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
};

/** Warnings (an unsafe home folder, presets not used), one sanitized line each on stderr. */
export function warn(context: Pick<CommandContext, 'stderr'>, warnings: readonly string[]): void {
	for (const warning of warnings) context.stderr.write(`jc-import: warning: ${sanitize(warning)}\n`);
}

export type ParsedArgs = {values: Record<string, string | boolean | Array<string | boolean> | undefined>; positionals: string[]};

/** One command of the CLI: its flags are declared once, for parsing and for --help. */
export type CliCommand = {
	name: string;
	/** e.g. `sandbox [--port N]`; shown after `jc-import `. */
	usage: string;
	summary: string;
	flags: Record<string, FlagSpec>;
	maxPositionals: number;
	run(args: ParsedArgs, context: CommandContext): Promise<number>;
};

/** The flags every command that talks to JumpCloud takes. */
export const connectionFlags: Record<string, FlagSpec> = {
	sandbox: {type: 'boolean', description: 'use the built-in sandbox (a simulated JumpCloud on 127.0.0.1), not a real org'},
	'api-url': {type: 'string', value: 'URL', description: 'JumpCloud base URL (env JC_API_URL; default https://console.jumpcloud.com)'},
	region: {type: 'string', value: 'us|eu|in', description: "JumpCloud's data centre: console, console.eu or console.in"},
	'org-id': {type: 'string', value: 'ID', description: 'organization id, required for multi-tenant admins (env JC_ORG_ID)'},
};
