#!/usr/bin/env node
// Bootstrap only: settle the environment before anything else loads, then hand over to main.
process.env.NODE_ENV ??= 'production';

// A terminal that went away (SSH dropped, a pipe closed) must not crash an import mid-way: writes to
// it fail quietly, and the journal, not the screen, is what a resume reads.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

// An import keeps little alive (about 100 MB at 100,000 rows) but allocates fast (an HTTP exchange
// per user), and V8's default lets dead objects pile up to several times what is alive before it
// collects them: a 100,000-row run reached 330 MB. Collecting once the heap has grown by half holds
// it near 190 MB at the same rate (`npm run bench large`). Only from the third second: the start's
// burst (a resume's journal replayed and its finished rows rebuilt, all kept) is what the default
// grows for, and collecting it by halves cost a resume ~60 ms before its first create. Only a
// garbage-collection heuristic; a Node that refuses flags at run time keeps its default.
const {setFlagsFromString} = await import('node:v8');
setTimeout(() => {
	try {
		setFlagsFromString('--heap-growing-percent=50');
	} catch {
		// The default heuristic then.
	}
}, 2000).unref();

const {main} = await import('./main.js');
process.exitCode = await main(process.argv.slice(2), {
	env: process.env,
	stdout: process.stdout,
	stderr: process.stderr,
	stdin: process.stdin,
});
