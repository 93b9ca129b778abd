// Issue 3's figure: a generated 100,000-row, 20-column CSV through `inspect --json` as a whole
// process. Goal on the 2-core machines: within 2 s wall and 300 MB peak RSS.
// Issue 14's figure: the same command run inside this process beside a bare papaparse parse of the
// same bytes with the same delimiter, interleaved round by round, medians compared. Goal: within 2×.
import {createWriteStream, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {once} from 'node:events';
import {Writable} from 'node:stream';
import {pathToFileURL} from 'node:url';
import Papa from 'papaparse';
import {measureCli, median, root} from './support/measure.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const headers = [
	'First Name', 'Last Name', 'Email', 'Username', 'Employee ID', 'Job Title', 'Department', 'Cost Center', 'Company',
	'Location', 'Mobile Phone', 'Work Phone', 'Street', 'City', 'State', 'Postal Code', 'Country', 'Manager', 'Groups', 'Start Date',
];
const firstNames = ['Ada', 'Grace', 'Jürgen', 'Zoë', 'José', 'Amélie', 'Søren', 'Çağla', 'Li', 'Noor'];
const lastNames = ['Lovelace', 'Hopper', 'Müller', 'O\'Neil', 'García', 'Dubois', 'Ødegaard', 'Çelik', 'Wang', 'Haddad'];
const departments = ['Engineering', 'Sales', 'Marketing', 'Finance', 'Support'];

async function writeCsv(file) {
	const out = createWriteStream(file);
	out.write(`${headers.join(',')}\r\n`);
	for (let i = 0; i < rows; i++) {
		const first = firstNames[i % 10];
		const last = lastNames[(i * 7) % 10];
		const user = `user${i}`;
		const line = [
			first, last, `${user}@example.com`, user, String(i).padStart(7, '0'), 'Engineer', departments[i % 5], `CC-${i % 97}`, 'Example Corp',
			'Berlin', `+49 171 ${String(1000000 + i)}`, `+49 30 ${String(2000000 + i)}`, `"${i} Example Street, Floor ${i % 9}"`, 'Berlin', 'BE',
			String(10000 + (i % 89999)), 'Germany', i === 0 ? '' : 'user0', 'All Staff; VPN Users', `${(i % 28) + 1}/0${(i % 9) + 1}/2025`,
		];
		if (!out.write(`${line.join(',')}\r\n`)) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
}

/** Linux's count of CPU time, and of time the hypervisor gave to others (steal), from /proc/stat. */
function cpuTimes() {
	try {
		const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
		return {total: fields.reduce((sum, value) => sum + value, 0), steal: fields[7] ?? 0};
	} catch {
		return undefined;
	}
}

/** Decoding and parsing the file as papaparse alone does it: the floor for anything that reads every field. */
function bareParse(file) {
	const started = performance.now();
	const text = new TextDecoder('utf-8').decode(readFileSync(file));
	const parsed = Papa.parse(text, {delimiter: ','});
	if (parsed.data.length <= rows) throw new Error(`bare parse read ${parsed.data.length} records`);
	return performance.now() - started;
}

/** `inspect FILE --json` through the CLI's own entry, in this process, its output counted and dropped. */
async function inspectInProcess(main, file, home) {
	let bytes = 0;
	const stdout = new Writable({
		write(chunk, _encoding, done) {
			bytes += chunk.length;
			done();
		},
	});
	const started = performance.now();
	const code = await main(['inspect', file, '--json'], {env: {...process.env, JC_IMPORT_HOME: home}, stdout, stderr: process.stderr, stdin: process.stdin});
	if (code !== 0 || bytes === 0) throw new Error(`inspect in process exited ${code} after ${bytes} bytes`);
	return performance.now() - started;
}

/** Bare parse and inspect in one process, alternating which goes first; one warm-up round of each is not counted. */
async function compareWithBareParse(file, home) {
	const {main} = await import(pathToFileURL(path.join(root, 'dist/main.js')).href);
	const before = cpuTimes();
	await inspectInProcess(main, file, home);
	bareParse(file);
	const bare = [];
	const inspect = [];
	for (let round = 0; round < rounds; round++) {
		if (round % 2 === 0) {
			bare.push(bareParse(file));
			inspect.push(await inspectInProcess(main, file, home));
		} else {
			inspect.push(await inspectInProcess(main, file, home));
			bare.push(bareParse(file));
		}
	}
	const after = cpuTimes();
	const bareMs = median(bare);
	const inspectMs = median(inspect);
	const ratio = inspectMs / bareMs;
	const ms = (values) => values.map((value) => value.toFixed(0)).join(', ');
	console.log(`inspect --json beside a bare papaparse parse of the same file, one process, ${rounds} interleaved rounds after a warm-up`);
	console.log(`  bare parse  median ${bareMs.toFixed(0)} ms (rounds: ${ms(bare)})`);
	console.log(`  inspect     median ${inspectMs.toFixed(0)} ms (rounds: ${ms(inspect)})`);
	console.log(`  ratio       ${ratio.toFixed(2)}× a bare parse   goal ≤ 2.00×   ${ratio <= 2 ? 'met' : 'NOT met'}`);
	console.log(`  machine     load average ${os.loadavg().map((load) => load.toFixed(2)).join(', ')}${stolenShare(before, after)}`);
}

function stolenShare(before, after) {
	if (!before || !after) return '';
	const stolen = (after.steal - before.steal) / Math.max(1, after.total - before.total);
	return `; ${(stolen * 100).toFixed(0)}% of CPU time stolen by other VMs`;
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'jc-bench-inspect-'));
try {
	const file = path.join(scratch, 'people.csv');
	await writeCsv(file);
	const size = statSync(file).size;
	const results = [];
	const before = cpuTimes();
	for (let run = 0; run < runs; run++) {
		const result = await measureCli(['inspect', file, '--json'], {JC_IMPORT_HOME: scratch});
		if (result.code !== 0) throw new Error(`inspect exited ${result.code}: ${result.stderr}`);
		results.push(result);
	}
	const after = cpuTimes();
	const wall = median(results.map((r) => r.wallMs));
	const rss = Math.max(...results.map((r) => r.maxRssKb)) / 1024;
	console.log(`inspect --json: ${rows.toLocaleString('en')} rows × ${headers.length} columns, ${(size / 1e6).toFixed(1)} MB file, ${runs} runs`);
	console.log(`  wall     median ${(wall / 1000).toFixed(2)} s (runs: ${results.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ')})   goal ≤ 2.00 s   ${wall <= 2000 ? 'met' : 'MISSED'}`);
	console.log(`  peak RSS max    ${rss.toFixed(0)} MB   goal ≤ 300 MB   ${rss <= 300 ? 'met' : 'MISSED'}`);
	console.log(`  CPU      median ${(median(results.map((r) => r.userMs + r.systemMs)) / 1000).toFixed(2)} s   output ${(results[0].stdoutBytes / 1e6).toFixed(1)} MB of JSON`);
	if (before && after) {
		const stolen = (after.steal - before.steal) / Math.max(1, after.total - before.total);
		console.log(`  machine  ${(stolen * 100).toFixed(0)}% of CPU time stolen by other VMs during the runs (figures are only comparable when this is near 0)`);
	}
	await compareWithBareParse(file, scratch);
} finally {
	rmSync(scratch, {recursive: true, force: true});
}
