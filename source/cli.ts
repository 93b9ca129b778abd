#!/usr/bin/env node
// Bootstrap only: settle the environment before anything else loads, then hand over to main.
process.env.NODE_ENV ??= 'production';

const {main} = await import('./main.js');
process.exitCode = await main(process.argv.slice(2), {
	env: process.env,
	stdout: process.stdout,
	stderr: process.stderr,
	stdin: process.stdin,
});
