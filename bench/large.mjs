// Issue 14's figures at the size users reach: `jc-import run` of a 100,000-row file as a whole
// process against a fast sandbox (`jc-import sandbox`, its own process: no latency, no rate limit).
// Creates are counted from the run's NDJSON `row-created` events, as they arrive.
// - first create: launch to the first user in the directory (goal ≤ 1.5 s)
// - creation rate over the last 5 s of a 45 s run beside the best 5 s (goal ≥ 0.8 × peak)
// - the client's peak RSS (goal ≤ 300 MB)
// - then Ctrl+C (SIGINT), and `jc-import resume`: launch to its first create (goal ≤ 1.5 s); again
//   once nine rows in ten are done, where a resume that replays the whole journal and plans every
//   finished row again would take longest
import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {cpuTimes, machineLine} from './support/cpu-steal.mjs';
import {cli} from './support/measure.mjs';
import {createInterface} from 'node:readline';

const rows = Number(process.env.BENCH_LARGE_ROWS ?? 100_000);
const runSeconds = Number(process.env.BENCH_LARGE_SECONDS ?? 45);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'jc-bench-large-'));
const before = cpuTimes();
const goal = (ok) => (ok ? 'met' : 'NOT met');

/**
 * BENCH_LARGE_MANAGERS=earlier: every row but the first of each 100 names a manager, the first row of
 * its hundred, by username; =later: the last row of its hundred instead, decided once that row is
 * planned; =names: the first row of its hundred by its display name ("Big User 4200"), decided once
 * no later row can share the name (the read ahead tells which row that is).
 */
const managers = process.env.BENCH_LARGE_MANAGERS;

/** An HR-export-like file: 12 columns (13 with managers), every row valid and unique. */
function writeFile() {
	const file = path.join(scratch, 'users.csv');
	const lines = [`Username,Email,First Name,Last Name,Employee ID,Department,Job Title,Company,City,Country,Work Phone,Description${managers ? ',Manager' : ''}`];
	for (let i = 0; i < rows; i++) {
		const head = i - (i % 100);
		const manager =
			managers === 'later' ? `,${i % 100 === 99 ? '' : `big.user${head + 99}`}` : managers === 'names' ? `,${i % 100 === 0 ? '' : `Big User ${head}`}` : managers ? `,${i % 100 === 0 ? '' : `big.user${head}`}` : '';
		lines.push(`big.user${i},big.user${i}@big.example.com,Big,User ${i},E${100000 + i},Dept ${i % 40},Title ${i % 90},Big Corp,City ${i % 300},Germany,+49 30 ${1000000 + i},"imported, row ${i}"${manager}`);
	}
	writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

/** Peak resident set of a process in MB, from Linux's VmHWM; undefined where /proc is absent. */
function peakRssMb(pid) {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** `jc-import sandbox` in its own process; resolves with its URL once it listens. */
function startSandboxProcess() {
	const child = spawn(process.execPath, [cli, 'sandbox', '--seed', '14'], {stdio: ['ignore', 'pipe', 'inherit']});
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		createInterface({input: child.stdout}).once('line', (url) => resolve({url: url.trim(), apiKey: 'sandbox-key', close: () => child.kill('SIGINT')}));
	});
}

/**
 * Runs the CLI against the sandbox, noting when each `row-created` event arrives and sampling the
 * child's peak RSS every 100 ms; sends SIGINT after `stopAfterS` seconds (if still running), or
 * once `stopAtCreates` users were created.
 */
function runCli(sandbox, args, home, stopAfterS, stopAtCreates) {
	const createdAt = [];
	/** When the first event of each type arrived: where a start's time goes. */
	const firstOf = {};
	let peak = 0;
	const started = performance.now();
	const child = spawn(process.execPath, [cli, ...args, '--yes', '--json'], {
		env: {...process.env, JC_API_KEY: sandbox.apiKey, JC_IMPORT_HOME: home, ...(process.env.BENCH_NODE_OPTIONS ? {NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS} : {})},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
	createInterface({input: child.stdout}).on('line', (line) => {
		const at = (performance.now() - started) / 1000;
		if (line.startsWith('{"type":"row-created"') && createdAt.push(at) === stopAtCreates) child.kill('SIGINT');
		const type = /^\{"type":"([a-z-]+)"/.exec(line)?.[1];
		if (type && !(type in firstOf)) firstOf[type] = at;
	});
	const memory = setInterval(() => (peak = Math.max(peak, peakRssMb(child.pid) ?? 0)), 100);
	const stop = stopAfterS === undefined ? undefined : setTimeout(() => child.kill('SIGINT'), stopAfterS * 1000);
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code) => {
			clearInterval(memory);
			clearTimeout(stop);
			resolve({code, firstCreateS: createdAt[0], createdAt, firstOf, peakMb: peak, wallS: (performance.now() - started) / 1000, stderr});
		});
	});
}

/** Creates per second over each 5 s window: the best and the last (up to the last create). */
function rates(createdAt) {
	const end = createdAt.at(-1) ?? 0;
	const within = (from, to) => createdAt.filter((t) => t > from && t <= to).length;
	let peak = 0;
	for (let to = 5; to <= end; to += 0.25) peak = Math.max(peak, within(to - 5, to) / 5);
	return {peak, last: within(end - 5, end) / 5};
}

try {
	const file = writeFile();
	const home = mkdtempSync(path.join(scratch, 'home-'));
	const sandbox = await startSandboxProcess();
	try {
		console.log(`large: ${rows.toLocaleString('en')} rows × ${managers ? `13 columns (a manager on 99 rows in 100, ${managers === 'names' ? 'an earlier row by display name' : `${managers} in the file`})` : '12 columns'}, jc-import run as a whole process against a fast sandbox, stopped after ${runSeconds} s`);
		const run = await runCli(sandbox, ['run', file, '--api-url', sandbox.url], home, runSeconds);
		const {peak, last} = rates(run.createdAt);
		const created = run.createdAt.length;
		console.log(`  first create    ${run.firstCreateS?.toFixed(2) ?? 'none'} s after launch   goal ≤ 1.5 s   ${goal(run.firstCreateS <= 1.5)}`);
		console.log(`  creation rate   peak ${peak.toFixed(0)}/s, last 5 s ${last.toFixed(0)}/s = ${(last / peak).toFixed(2)} × peak   goal ≥ 0.80   ${goal(last >= 0.8 * peak)}`);
		console.log(`  peak RSS        ${run.peakMb.toFixed(0)} MB   goal ≤ 300 MB   ${goal(run.peakMb <= 300)}`);
		console.log(`  created         ${created.toLocaleString('en')} in ${run.wallS.toFixed(1)} s, exit ${run.code}`);

		const manifest = readdirSync(home, {recursive: true}).find((name) => name.endsWith('manifest.json'));
		const id = path.basename(path.dirname(manifest));
		const resume = await runCli(sandbox, ['resume', id], home, created < rows ? 10 : undefined);
		console.log(`  resume          first create ${resume.firstCreateS?.toFixed(2) ?? 'none'} s after launch   goal ≤ 1.5 s   ${goal(resume.firstCreateS <= 1.5)}; peak RSS ${resume.peakMb.toFixed(0)} MB`);
		const seconds = (type) => (resume.firstOf[type] === undefined ? '–' : `${resume.firstOf[type].toFixed(2)} s`);
		console.log(`                  (run started ${seconds('started')}, first row sent ${seconds('row-started')}, after ${created.toLocaleString('en')} rows done)`);
		if (resume.firstCreateS === undefined || process.env.BENCH_SHOW_STDERR) console.log(resume.stderr.slice(-2000));

		// On to nine rows in ten done, then the same resume again.
		const done = created + resume.createdAt.length;
		const onward = await runCli(sandbox, ['resume', id], home, undefined, Math.max(1, Math.floor(rows * 0.9) - done));
		const late = await runCli(sandbox, ['resume', id], home, 10);
		const lateDone = done + onward.createdAt.length;
		console.log(`  late resume     first create ${late.firstCreateS?.toFixed(2) ?? 'none'} s after launch   goal ≤ 1.5 s   ${goal(late.firstCreateS <= 1.5)}; peak RSS ${late.peakMb.toFixed(0)} MB`);
		const lateSeconds = (type) => (late.firstOf[type] === undefined ? '–' : `${late.firstOf[type].toFixed(2)} s`);
		console.log(`                  (run started ${lateSeconds('started')}, first row sent ${lateSeconds('row-started')}, after ${lateDone.toLocaleString('en')} rows done)`);
		if (late.firstCreateS === undefined || process.env.BENCH_SHOW_STDERR) console.log(late.stderr.slice(-2000));
	} finally {
		await sandbox.close();
	}
	console.log(`  ${machineLine(before, cpuTimes())}`);
} finally {
	rmSync(scratch, {recursive: true, force: true});
}
