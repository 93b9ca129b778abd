// @ts-check
// What the smoke test prints: one line per check with its mark, the tally behind the verdict, and
// every line made safe first (the key redacted, server strings fit for a terminal).
import {JumpCloudError} from '../../dist/jumpcloud/errors.js';
import {redact} from '../../dist/lib/redact.js';
import {sanitize} from '../../dist/lib/sanitize.js';
import {wantsAscii} from '../../dist/ui/theme.js';

/** @typedef {ReturnType<typeof createOutput>} Output */

/** A check that failed with this message (not a bug in the script). */
export class Failure extends Error {}

/** @param {unknown} error */
export function describe(error) {
	if (error instanceof JumpCloudError || error instanceof Failure) return error.message;
	return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Text as it may be printed: the key redacted (belt and braces), server strings made safe for a terminal.
 * @param {string} text
 * @param {string | undefined} apiKey
 */
export function printable(text, apiKey) {
	return sanitize(redact(text, [apiKey]));
}

/**
 * @param {{apiKey: string | undefined, ascii: boolean}} options `ascii` is the --ascii flag; a locale that is not UTF-8 asks for it too
 */
export function createOutput({apiKey, ascii}) {
	const marks = wantsAscii(process.env, ascii) ? {ok: '[ OK ]', fail: '[FAIL]', skip: '[ -- ]'} : {ok: '✓', fail: '✗', skip: '–'};
	const tally = {passed: 0, failed: 0};

	/**
	 * Every line goes through here.
	 * @param {string} text
	 */
	function say(text) {
		process.stdout.write(`${printable(text, apiKey)}\n`);
	}

	/**
	 * One verified thing, one line: `run` returns what was seen (shown after the title), or throws a
	 * Failure (or the client's error). Returns whether it passed.
	 * @param {string} title
	 * @param {() => Promise<string>} run
	 */
	async function check(title, run) {
		try {
			const detail = await run();
			tally.passed++;
			say(`${marks.ok} ${title}: ${detail}`);
			return true;
		} catch (error) {
			tally.failed++;
			say(`${marks.fail} ${title}: ${describe(error)}`);
			return false;
		}
	}

	/**
	 * A failure found outside a check (counted all the same).
	 * @param {string} text
	 */
	function fail(text) {
		tally.failed++;
		say(`${marks.fail} ${text}`);
	}

	/**
	 * Something not checked, and why: neither passed nor failed.
	 * @param {string} text
	 */
	function skip(text) {
		say(`${marks.skip} ${text}`);
	}

	return {marks, tally, say, check, fail, skip};
}
