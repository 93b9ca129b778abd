import type {Reporter, TestModule} from 'vitest/node';

/**
 * Prints the plain closing line CI reads, `N passed, N failed`, and nothing after it; skipped tests
 * (each says why) are counted on the line before. vitest's own summary is for people, not parsed.
 */
export default class SummaryReporter implements Reporter {
	onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
		let passed = 0;
		let failed = 0;
		let skipped = 0;
		for (const module of testModules) {
			for (const test of module.children.allTests()) {
				const state = test.result().state;
				if (state === 'passed') passed++;
				else if (state === 'failed') failed++;
				else skipped++;
			}
			// A file that failed to load has no tests but must still count as a failure.
			if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
		}
		failed += unhandledErrors.length;
		if (skipped > 0) process.stdout.write(`\n${skipped} skipped`);
		process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
	}
}
