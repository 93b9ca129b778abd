// Preloaded into a measured child (NODE_OPTIONS=--import): on exit, writes the process's own peak
// RSS and CPU time to the file named by JC_BENCH_USAGE_FILE, so the bench measures the whole process.
import {writeFileSync} from 'node:fs';

const file = process.env.JC_BENCH_USAGE_FILE;
if (file) {
	process.on('exit', () => {
		const usage = process.resourceUsage();
		writeFileSync(file, JSON.stringify({maxRssKb: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000}));
	});
}
