import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		// Loopback servers and child processes: forks isolate them best.
		pool: 'forks',
		testTimeout: 20_000,
		hookTimeout: 20_000,
		reporters: ['default', './test/support/summary-reporter.ts'],
	},
});
