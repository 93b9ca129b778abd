import {exitCodes} from '../lib/exit-codes.js';
import type {CommandContext} from './command.js';

export const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Until the run starts, a signal (Ctrl+C at a prompt or while the directory is read, a hang-up, a
 * kill) ends the command at once with one line: nothing has been sent yet that a resume needs.
 * Returns the function that hands signals over to the run.
 */
export function stopEarlyOnSignal(context: CommandContext, said: () => string): () => void {
	const onSignal = () => {
		context.stderr.write(`jc-import: ${said()}\n`);
		process.exit(exitCodes.interrupted);
	};
	for (const name of stopSignals) process.on(name, onSignal);
	return () => {
		for (const name of stopSignals) process.off(name, onSignal);
	};
}
