import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {InterruptedError} from '../../source/lib/exit-codes.js';
import {promptSecret} from '../../source/lib/prompt-secret.js';

/** A stand-in terminal: a stream that says it is a TTY and takes raw mode. */
function terminal() {
	const input = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => input}) as unknown as typeof process.stdin & PassThrough;
	const output = new PassThrough();
	let shown = '';
	output.setEncoding('utf8').on('data', (text: string) => (shown += text));
	return {input, output: output as unknown as typeof process.stderr, shown: () => shown};
}

describe('the masked key prompt', () => {
	it('takes what is typed, shows a star per character, and never the key', async () => {
		const {input, output, shown} = terminal();
		const answer = promptSecret('Key: ', input, output);
		input.write('s3cr\u007fet\r');
		expect(await answer).toBe('s3cet');
		expect(shown()).not.toContain('s3c');
		expect(shown()).toBe('Key: ****\b \b**\n');
	});

	it('Ctrl+C is an InterruptedError (exit 130), not an answer', async () => {
		const {input, output} = terminal();
		const answer = promptSecret('Key: ', input, output);
		input.write('ab\u0003');
		await expect(answer).rejects.toBeInstanceOf(InterruptedError);
	});
});
