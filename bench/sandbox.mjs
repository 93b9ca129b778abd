// Issue 14's figures for the sandbox itself: does a create cost the same in a full directory as in
// an empty one? 100,000 creates through the real HTTP client (dist/) against an in-process sandbox,
// creates/s over the first and the last 5,000 (goal: last ≥ 0.8 × first); then lookups at that
// size, the time to seed 100,000 users, and the time to list 50,000 seeded users as `run` does.
import {JumpCloudClient} from '../dist/jumpcloud/client.js';
import {startSandbox} from '../dist/sandbox/index.js';

const creates = Number(process.env.BENCH_SANDBOX_CREATES ?? 100_000);
const window = Math.min(5000, Math.floor(creates / 4));
const concurrency = Number(process.env.BENCH_SANDBOX_CONCURRENCY ?? 8);
const listed = Number(process.env.BENCH_SANDBOX_LISTED ?? 50_000);
const seeded = Number(process.env.BENCH_SANDBOX_SEEDED ?? 100_000);

const seconds = (from, to = performance.now()) => (to - from) / 1000;
const rate = (count, from, to) => count / seconds(from, to);

// 1. Creates, first and last window.
{
	const sandbox = await startSandbox({seed: 9});
	try {
		const client = new JumpCloudClient({apiKey: sandbox.apiKey, baseUrl: sandbox.url});
		const done = new Array(creates);
		let next = 0;
		let finished = 0;
		const started = performance.now();
		const worker = async () => {
			while (next < creates) {
				const i = next++;
				await client.users.create({username: `bench${i}`, email: `bench${i}@bench.example.com`, employeeIdentifier: `B${i}`, state: 'STAGED'});
				done[finished++] = performance.now();
			}
		};
		await Promise.all(Array.from({length: concurrency}, worker));
		const first = rate(window, started, done[window - 1]);
		const last = rate(window, done[creates - window - 1], done[creates - 1]);
		console.log(`sandbox: ${creates.toLocaleString('en')} creates through the HTTP client, ${concurrency} at a time, in ${seconds(started, done[creates - 1]).toFixed(1)} s`);
		console.log(`  first ${window.toLocaleString('en')}  ${first.toFixed(0)} creates/s`);
		console.log(`  last ${window.toLocaleString('en')}   ${last.toFixed(0)} creates/s = ${(last / first).toFixed(2)} × first   goal ≥ 0.80   ${last >= 0.8 * first ? 'met' : 'MISSED'}`);

		// Lookups as the plan sends them (anchored (?i) regexes), in a directory of that size.
		const lookups = 1000;
		const lookupStart = performance.now();
		for (let i = 0; i < lookups; i++) {
			const n = (i * 7919) % creates;
			const found = await client.users.lookup({username: `BENCH${n}`, email: `bench${n}@BENCH.example.com`});
			if (found.length !== 1) throw new Error(`lookup of bench${n} found ${found.length}`);
		}
		console.log(`  lookups at ${sandbox.directory.users.size.toLocaleString('en')} users: ${rate(lookups, lookupStart).toFixed(0)}/s one at a time`);
	} finally {
		await sandbox.close();
	}
}

// 2. Seeding a big org.
{
	const started = performance.now();
	const sandbox = await startSandbox({seed: 9, users: seeded});
	console.log(`  seeding ${seeded.toLocaleString('en')} users (startSandbox({users})): ${seconds(started).toFixed(2)} s`);
	await sandbox.close();
}

// 3. Listing a big org, as the plan reads the directory.
{
	const sandbox = await startSandbox({seed: 9, users: listed});
	try {
		const client = new JumpCloudClient({apiKey: sandbox.apiKey, baseUrl: sandbox.url});
		const started = performance.now();
		const users = await client.users.all();
		if (users.length !== sandbox.directory.users.size) throw new Error(`listed ${users.length} of ${sandbox.directory.users.size}`);
		console.log(`  listing ${users.length.toLocaleString('en')} users (client.users.all, sort=_id pages of 100): ${seconds(started).toFixed(2)} s`);
	} finally {
		await sandbox.close();
	}
}
