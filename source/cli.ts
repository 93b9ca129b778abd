#!/usr/bin/env node
// Bootstrap only: settle the environment before anything else loads, then hand over to main.
process.env.NODE_ENV ??= 'production';

// A terminal that went away (SSH dropped, a pipe closed) must not crash an import mid-way: writes to
// it fail quietly, and the journal, not the screen, is what a resume reads.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

const {main} = await import('./main.js');
process.exitCode = await main(process.argv.slice(2), {
	env: process.env,
	stdout: process.stdout,
	stderr: process.stderr,
	stdin: process.stdin,
});
