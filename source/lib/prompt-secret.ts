import {InterruptedError} from './exit-codes.js';

/**
 * Asks for a secret on the terminal without echoing it (a `*` per character), for the headless
 * commands; the wizard has its own masked field. Ctrl+C rejects with an InterruptedError.
 */
export function promptSecret(question: string, input = process.stdin, output = process.stderr): Promise<string> {
	return new Promise((resolve, reject) => {
		if (!input.isTTY) {
			reject(new Error('No terminal to ask on.'));
			return;
		}
		let value = '';
		output.write(question);
		input.setRawMode(true);
		input.resume();
		input.setEncoding('utf8');
		const finish = (error?: Error) => {
			input.off('data', onData);
			input.setRawMode(false);
			input.pause();
			output.write('\n');
			if (error) reject(error);
			else resolve(value);
		};
		const onData = (chunk: string) => {
			for (const char of chunk) {
				if (char === '\r' || char === '\n') return finish();
				if (char === '\u0003') return finish(new InterruptedError());
				if (char === '\u007f' || char === '\b') {
					if (value.length > 0) {
						value = value.slice(0, -1);
						output.write('\b \b');
					}
				} else if (char >= ' ') {
					value += char;
					output.write('*');
				}
			}
		};
		input.on('data', onData);
	});
}
