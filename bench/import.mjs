// Issue 4's figure: 2,000 users into the sandbox at 100 ms latency and a 50 requests/s limit,
// through `jc-import run` as a whole process. Goal: steady throughput at least 90% of the limit with
// under 2% of requests answered 429; beside it, one-at-a-time creation as JumpCloud's seed script
// does it (about 1/latency).
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {cli} from './support/measure.mjs';
import {startSandbox} from '../dist/sandbox/index.js';
import {JumpCloudClient} from '../dist/jumpcloud/client.js';

const users = Number(process.env.BENCH_USERS ?? 2000);
const sequentialUsers = Number(process.env.BENCH_SEQUENTIAL_USERS ?? 200);
const latencyMs = 100;
const limit = 50;

const scratch = mkdtempSync(path.join(os.tmpdir(), 'jc-bench-import-'));
const sandbox = await startSandbox({seed: 3, latencyMs, rateLimit: limit});
try {
	const file = path.join(scratch, 'users.csv');
	const lines = ['Username,Email,First Name,Last Name'];
	for (let i = 0; i < users; i++) lines.push(`bench${i},bench${i}@bench.example.com,Bench,User${i}`);
	writeFileSync(file, `${lines.join('\n')}\n`);

	// Sample the sandbox's request counter four times a second while the import runs.
	const samples = [];
	const sampler = setInterval(() => samples.push({t: performance.now(), requests: sandbox.stats.requests, refused: sandbox.stats.rateLimited}), 250);
	const started = performance.now();
	const code = await new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cli, 'run', file, '--api-url', sandbox.url, '--yes', '--json'], {
			env: {...process.env, JC_API_KEY: sandbox.apiKey, JC_IMPORT_HOME: scratch},
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		child.on('error', reject);
		child.on('close', resolve);
	});
	clearInterval(sampler);
	const wall = (performance.now() - started) / 1000;
	if (code !== 0) throw new Error(`jc-import run exited ${code}`);
	const created = [...sandbox.directory.users.values()].filter((user) => user.email.endsWith('@bench.example.com')).length;

	// Steady state: from the first sample past 10% of the requests to the last before 90%.
	const total = sandbox.stats.requests;
	const from = samples.find((sample) => sample.requests >= total * 0.1);
	const to = [...samples].reverse().find((sample) => sample.requests <= total * 0.9);
	// Throughput is what JumpCloud accepted: refused requests do not count.
	const steady = (to.requests - to.refused - (from.requests - from.refused)) / ((to.t - from.t) / 1000);
	const refusedShare = sandbox.stats.rateLimited / total;

	// One at a time, as the seed script does: create, wait for the answer, next.
	sandbox.setKnobs({rateLimit: limit});
	const client = new JumpCloudClient({apiKey: sandbox.apiKey, baseUrl: sandbox.url});
	const sequentialStart = performance.now();
	for (let i = 0; i < sequentialUsers; i++) {
		await client.users.create({username: `seq${i}`, email: `seq${i}@bench.example.com`, state: 'STAGED'});
	}
	const sequential = sequentialUsers / ((performance.now() - sequentialStart) / 1000);

	console.log(`import: ${users.toLocaleString('en')} users, sandbox at ${latencyMs} ms latency and ${limit} requests/s`);
	console.log(`  created  ${created} of ${users} in ${wall.toFixed(1)} s (whole process, preflight included)`);
	console.log(`  steady   ${steady.toFixed(1)} requests/s = ${((steady / limit) * 100).toFixed(0)}% of the limit   goal ≥ 90%   ${steady >= limit * 0.9 ? 'met' : 'MISSED'}`);
	console.log(`  429s     ${sandbox.stats.rateLimited} of ${total} requests = ${(refusedShare * 100).toFixed(2)}%   goal < 2%   ${refusedShare < 0.02 ? 'met' : 'MISSED'}`);
	console.log(`  one at a time (seed script style): ${sequential.toFixed(1)} users/s; jc-import is ${(steady / sequential).toFixed(1)}× faster`);
} finally {
	await sandbox.close();
	rmSync(scratch, {recursive: true, force: true});
}
