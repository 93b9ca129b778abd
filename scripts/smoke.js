#!/usr/bin/env node
// @ts-check
// `npm run smoke [-- --write]`: the first thing to run before trusting jc-import with a real org.
// Read-only unless --write; runs the built code (dist/), so it checks exactly what `jc-import` ships.
// Never run in CI: it needs a real key (or the sandbox, for a demonstration).
// This file: the flags, the connection, which checks run, the verdict and the exit code; the checks
// and what they print are in smoke/.
import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const usage = `Usage: npm run smoke [-- OPTIONS]      (or: node scripts/smoke.js [OPTIONS])

Checks that jc-import can work with a JumpCloud organization, read-only: the API key, the
organization and its settings, one page of users, user groups and systems, a case-insensitive
user lookup, and the server's clock (its Date header). One line per check, then a verdict.

With --write it also creates one test user (username jcimport-smoke-<time>-<random>, STAGED, no
password, portal MFA off), activates it without any email, reads it back by lookup and by id,
deletes it and checks it is gone. It is deleted even when a step in between fails; if the delete
itself fails, its id and how to delete it by hand are printed. Nothing is left behind.

Options:
  --write              also create, activate, read back and delete one test user
  --email-domain D     the test user's email domain (default example.com, reserved: it takes no mail;
                       no email is sent anyway)
  --sandbox            an in-process sandbox (a simulated JumpCloud), not a real org
  --api-url URL        JumpCloud base URL (env JC_API_URL; default https://console.jumpcloud.com);
                       plain http only to 127.0.0.1 or localhost
  --region us|eu|in    JumpCloud's data centre: console, console.eu or console.in
  --org-id ID          organization id, required for multi-tenant admins (env JC_ORG_ID)
  --ascii              OK/FAIL instead of check marks (automatic when the locale is not UTF-8)
  -h, --help           this text

The API key comes from JC_API_KEY (asked for, hidden, on a terminal); never from a flag, never printed.
Exit codes: 0 every check passed, 1 a check failed, 2 usage error, 130 interrupted.
`;

const {stdout, stderr} = process;

// The built code is what gets checked; a checkout without it says so instead of a stack trace.
// smoke/ imports dist/ too, so it is loaded only after this.
const built = new URL('../dist/bin/jc-import.js', import.meta.url);
if (!existsSync(built)) {
	stderr.write('smoke: dist/ is missing: run npm run build first.\n');
	process.exit(2);
}
const {resolveSettings} = await import('../dist/lib/settings.js');
const {connect} = await import('../dist/lib/connect.js');
const {UsageError} = await import('../dist/lib/exit-codes.js');
const {createOutput, describe, printable} = await import('./smoke/output.js');
const {readChecks} = await import('./smoke/read-checks.js');
const {writeChecks} = await import('./smoke/write-checks.js');

/** @type {{[name: string]: {type: 'string' | 'boolean', short?: string}}} */
const options = {
	write: {type: 'boolean'},
	'email-domain': {type: 'string'},
	sandbox: {type: 'boolean'},
	'api-url': {type: 'string'},
	region: {type: 'string'},
	'org-id': {type: 'string'},
	ascii: {type: 'boolean'},
	help: {type: 'boolean', short: 'h'},
};

let values;
/** @type {import('../source/lib/settings.js').Connection} */
let connection;
try {
	({values} = parseArgs({options, allowPositionals: false, strict: true}));
	if (values.help) {
		stdout.write(usage);
		process.exit(0);
	}
	connection = resolveSettings(values, process.env).connection;
	if (values['email-domain'] !== undefined && !/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i.test(String(values['email-domain']))) {
		throw new UsageError(`--email-domain wants a domain such as example.com, not '${String(values['email-domain']).slice(0, 60)}'.`);
	}
} catch (error) {
	const text = error instanceof UsageError || /** @type {{code?: string}} */ (error).code?.startsWith('ERR_PARSE_ARGS') ? /** @type {Error} */ (error).message : String(error);
	// No key to redact yet: only made safe for the terminal.
	stderr.write(`smoke: ${printable(text, undefined)}${/[.!?]$/.test(text) ? '' : '.'} See npm run smoke -- --help.\n`);
	process.exit(2);
}
if (newestSource(fileURLToPath(new URL('../source/', import.meta.url))) > statSync(built).mtimeMs) {
	stderr.write('smoke: warning: source/ changed since the last build; this checks the built code (npm run build for the current one).\n');
}

const write = values.write === true;
const emailDomain = String(values['email-domain'] ?? 'example.com').toLowerCase();
const apiKey = connection.kind === 'jumpcloud' ? connection.apiKey : undefined;
const out = createOutput({apiKey, ascii: values.ascii === true});
const {marks, tally, say} = out;

let connected;
try {
	connected = await connect(connection, {interactive: true});
} catch (error) {
	// No key (and no terminal to ask on) is a usage error, as in jc-import.
	stderr.write(`smoke: ${printable(error instanceof UsageError ? error.message : describe(error), apiKey)}\n`);
	process.exit(2);
}
say(`jc-import smoke test against ${connected.label}${write ? ' (--write: one test user is created, then deleted)' : ' (read-only)'}`);

/** @type {import('./smoke/write-checks.js').WriteOutcome} */
let outcome = {interrupted: false, leftBehind: ''};
try {
	const smoke = {client: connected.client, out, emailDomain};
	if (await readChecks(smoke)) {
		if (write) outcome = await writeChecks(smoke);
	} else {
		out.skip('the other checks need the key and the organization: not run');
	}
} finally {
	await connected.close();
}
const {passed, failed} = tally;
if (failed > 0) {
	say(`${marks.fail} FAIL: ${failed} of ${passed + failed} checks failed.${outcome.leftBehind ? ` The test user ${outcome.leftBehind} may be left behind: see above.` : ''}`);
} else if (outcome.interrupted) {
	say(`${marks.skip} STOPPED by Ctrl+C after ${passed} passed checks; the test user was deleted again, nothing is left behind.`);
} else {
	say(
		write
			? `${marks.ok} PASS: all ${passed} checks passed; the test user was created and deleted again, nothing is left behind.`
			: `${marks.ok} PASS: all ${passed} checks passed; read-only, nothing was changed (--write also tries a create, an activation and a delete).`,
	);
}
process.exitCode = outcome.interrupted ? 130 : failed > 0 ? 1 : 0;

/**
 * The newest modification time under a folder (0 when it is absent, as in an installed package).
 * @param {string} folder
 * @returns {number}
 */
function newestSource(folder) {
	if (!existsSync(folder)) return 0;
	let newest = 0;
	for (const entry of readdirSync(folder, {withFileTypes: true})) {
		const item = path.join(folder, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestSource(item) : statSync(item).mtimeMs);
	}
	return newest;
}
