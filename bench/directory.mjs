// Issue 14's figure: a 10-row CSV against a sandbox of 50,000 users at 100 ms latency, through
// `jc-import run --dry-run` as a whole process. Goal: at most 3 s (the file's values are looked up
// rather than every user listed). Beside it, the whole listing the wizard's connect reads (pages
// 8 at a time through the pacer), and the requests each took.
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {cli} from './support/measure.mjs';
import {startSandbox} from '../dist/sandbox/index.js';
import {JumpCloudClient} from '../dist/jumpcloud/client.js';
import {Pacer} from '../dist/importer/pacer.js';
import {readDirectory} from '../dist/importer/directory-read.js';

const users = Number(process.env.BENCH_DIRECTORY_USERS ?? 50_000);
const latencyMs = 100;
const goalSeconds = 3;

const scratch = mkdtempSync(path.join(os.tmpdir(), 'jc-bench-directory-'));
const sandbox = await startSandbox({seed: 14, latencyMs});
try {
	const seeding = performance.now();
	for (let i = 0; i < users; i++) {
		sandbox.directory.addUser({username: `member${i}`, email: `member${i}@bench.example.com`, employeeIdentifier: `M${i}`, state: 'ACTIVATED', passwordSet: false});
	}
	const seeded = (performance.now() - seeding) / 1000;

	// Ten rows: two already in the directory (in another case), one naming a manager there.
	const file = path.join(scratch, 'users.csv');
	const lines = ['Username,Email,First Name,Last Name,Manager'];
	for (let i = 0; i < 8; i++) lines.push(`fresh${i},fresh${i}@bench.example.com,Fresh,User${i},${i === 0 ? 'MEMBER42' : ''}`);
	lines.push('Member7,someone@bench.example.com,Old,One,', 'other,MEMBER8@bench.example.com,Old,Two,');
	writeFileSync(file, `${lines.join('\n')}\n`);

	const before = sandbox.stats.requests;
	const started = performance.now();
	const {code, stdout, stderr} = await new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cli, 'run', file, '--api-url', sandbox.url, '--dry-run'], {
			env: {...process.env, JC_API_KEY: sandbox.apiKey, JC_IMPORT_HOME: scratch},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk) => (err += chunk));
		child.on('error', reject);
		child.on('close', (status) => resolve({code: status, stdout: out, stderr: err}));
	});
	const dryRun = (performance.now() - started) / 1000;
	const dryRunRequests = sandbox.stats.requests - before;
	if (code !== 0 || !stdout.includes('Plan: 10 rows: 8 to create, 2 already in JumpCloud')) throw new Error(`jc-import run --dry-run exited ${code}: ${stdout}${stderr}`);

	// The wizard's connect: every user, through a pacer as connectPaced gives one.
	const pacer = new Pacer();
	const client = new JumpCloudClient({apiKey: sandbox.apiKey, baseUrl: sandbox.url, gate: pacer.gate, observer: pacer.observe, timeoutMs: 30_000});
	const listingBefore = sandbox.stats.requests;
	const listingStart = performance.now();
	const directory = await readDirectory(client);
	const listing = (performance.now() - listingStart) / 1000;
	const listingRequests = sandbox.stats.requests - listingBefore;
	const pages = Math.ceil(sandbox.directory.users.size / 100);

	console.log(`directory: ${users.toLocaleString('en')} users in the sandbox (seeded in ${seeded.toFixed(1)} s), ${latencyMs} ms latency`);
	console.log(`  10-row run --dry-run  ${dryRun.toFixed(2)} s whole process, ${dryRunRequests} requests   goal ≤ ${goalSeconds} s   ${dryRun <= goalSeconds ? 'met' : 'MISSED'}`);
	console.log(`  full listing (connect) ${listing.toFixed(1)} s for ${directory.users.length.toLocaleString('en')} users, ${listingRequests} requests; one page after another: about ${((pages * latencyMs) / 1000).toFixed(0)} s of latency alone`);
} finally {
	await sandbox.close();
	rmSync(scratch, {recursive: true, force: true});
}
