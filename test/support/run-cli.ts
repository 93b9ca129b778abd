import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The command as it ships: the bundle `npm run build` makes of dist/cli.js. */
export const cliPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/bin/jc-import.js');

export type CliResult = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string};

/** Runs the built CLI as a user would (no TTY), with a clean, explicit environment. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, input?: string): Promise<CliResult> {
	return runScript(cliPath, args, env, input);
}

/** Runs a Node script (the CLI, `npm run smoke`'s script) with only PATH and HOME from this environment. */
export function runScript(script: string, args: string[], env: Record<string, string | undefined> = {}, input?: string): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [script, ...args], {
			env: {PATH: process.env.PATH, HOME: process.env.HOME, ...env},
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}));
		child.stdin.end(input);
	});
}
