import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
/** The command as it ships (the bundle of dist/cli.js). */
export const cli = path.join(root, 'dist/bin/jc-import.js');

/** Runs `node dist/bin/jc-import.js …` as a user would and returns wall time, peak RSS, CPU and its output size. */
export function measureCli(args, env = {}) {
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'jc-bench-usage-'));
	const usageFile = path.join(scratch, 'usage.json');
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn(process.execPath, [cli, ...args], {
			env: {
				...process.env,
				...env,
				NODE_OPTIONS: `--import=${pathToImport(path.join(here, 'report-usage.mjs'))}`,
				JC_BENCH_USAGE_FILE: usageFile,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdoutBytes = 0;
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdoutBytes += chunk.length));
		child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
			try {
				const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
				resolve({code, wallMs, ...usage, stdoutBytes, stderr});
			} catch (error) {
				reject(new Error(`no usage report (exit ${code}): ${stderr}`));
			} finally {
				rmSync(scratch, {recursive: true, force: true});
			}
		});
	});
}

function pathToImport(file) {
	return new URL(`file://${file}`).href;
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
